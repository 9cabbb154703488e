package se.finsam.planering.fhir;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import se.finsam.planering.web.Felsvar;
import se.finsam.planering.web.Formular;
import se.finsam.planering.web.Webbkontext;

/**
 * A participant's plan as a FHIR R4 Bundle (type collection) for the koordinator: Patient, the Organizations
 * involved, a Practitioner and PractitionerRole per current contact person, the team as CareTeam, the goal as
 * Goal, the plan as CarePlan with one activity per plan item, and a Task per handover with its kvittens. References
 * are {@code urn:uuid:} within the bundle; the uuids are derived from our ids, so the same data gives the same
 * bundle. A protected identity gets neither name nor personnummer.
 */
public final class FhirRoutes {

    public static final String SYSTEM_DELTAGARKOD = "urn:finsam-planering:deltagarkod";
    public static final String SYSTEM_ORGANISATION = "urn:finsam-planering:organisation";
    public static final String SYSTEM_PERSONNUMMER = "http://electronichealth.se/identifier/personnummer";

    /** Our plan item status as CarePlan.activity.detail.status. */
    public static final Map<String, String> STATUS = Map.of("ej_paborjad", "not-started", "pagar", "in-progress",
            "genomford", "completed", "avslagen", "stopped", "fastnat", "on-hold");

    private final FhirRepository repo;
    private final Webbkontext web;
    private final Clock clock;
    private final se.finsam.planering.util.Senare<ObjectMapper> json = se.finsam.planering.util.Senare.av(ObjectMapper::new);

    public FhirRoutes(FhirRepository repo, Webbkontext web, Clock clock) {
        this.repo = repo;
        this.web = web;
        this.clock = clock;
    }

    private static String urn(String typ, long id) {
        return "urn:uuid:" + UUID.nameUUIDFromBytes((typ + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    private ObjectNode ref(String urn) {
        return json.get().createObjectNode().put("reference", urn);
    }

    public void bundle(Context ctx) throws Exception {
        long id = Formular.sokvagsId(ctx, "id");
        FhirRepository.Person p = repo.person(id)
                .orElseThrow(() -> Felsvar.notFound(web.messages(ctx).get("fel.404")));
        ObjectNode bundle = json.get().createObjectNode();
        bundle.put("resourceType", "Bundle");
        bundle.put("id", UUID.randomUUID().toString());
        bundle.put("type", "collection");
        bundle.put("timestamp", clock.instant().toString());
        ArrayNode entries = bundle.putArray("entry");

        String patient = urn("Patient", p.id());
        ObjectNode pat = resurs(entries, patient, "Patient");
        ArrayNode ids = pat.putArray("identifier");
        ids.addObject().put("system", SYSTEM_DELTAGARKOD).put("value", p.kod());
        if (!p.skyddadIdentitet()) {
            if (p.personnummer() != null) {
                ids.addObject().put("system", SYSTEM_PERSONNUMMER).put("value", p.personnummer().replace("-", ""));
            }
            if (p.efternamn() != null) {
                ObjectNode namn = pat.putArray("name").addObject();
                namn.put("family", p.efternamn());
                namn.putArray("given").add(p.fornamn());
            }
        }
        pat.put("gender", switch (p.kon()) {
            case "kvinna" -> "female";
            case "man" -> "male";
            default -> "other";
        });
        pat.put("birthDate", String.valueOf(p.fodelsear()));

        Map<Long, String> organisationer = new HashMap<>();
        for (FhirRepository.Organisation o : repo.organisationer(id)) {
            String urn = urn("Organization", o.id());
            organisationer.put(o.id(), urn);
            ObjectNode org = resurs(entries, urn, "Organization");
            org.putArray("identifier").addObject().put("system", SYSTEM_ORGANISATION).put("value", o.kod());
            org.put("active", true);
            org.put("name", o.namn());
            if (o.telefon() != null) {
                org.putArray("telecom").addObject().put("system", "phone").put("value", o.telefon());
            }
        }

        ObjectNode careTeam = json.get().createObjectNode();
        String careTeamUrn = urn("CareTeam", p.id());
        ArrayNode deltagare = careTeam.putArray("participant");
        for (FhirRepository.Kontakt k : repo.kontakter(id)) {
            String practitioner = urn("Practitioner", k.id());
            ObjectNode pr = resurs(entries, practitioner, "Practitioner");
            if (k.namn() != null) {
                pr.putArray("name").addObject().put("text", k.namn());
            }
            String roll = urn("PractitionerRole", k.id());
            ObjectNode pRoll = resurs(entries, roll, "PractitionerRole");
            pRoll.put("active", true);
            pRoll.set("practitioner", ref(practitioner));
            if (organisationer.containsKey(k.organisationId())) {
                pRoll.set("organization", ref(organisationer.get(k.organisationId())));
            }
            if (k.titel() != null) {
                pRoll.putArray("code").addObject().put("text", k.titel());
            }
            ArrayNode telecom = json.get().createArrayNode();
            if (k.telefon() != null) {
                telecom.addObject().put("system", "phone").put("value", k.telefon());
            }
            if (k.epost() != null) {
                telecom.addObject().put("system", "email").put("value", k.epost());
            }
            if (!telecom.isEmpty()) {
                pRoll.set("telecom", telecom);
            }
            deltagare.addObject().set("member", ref(roll));
        }
        careTeam.put("resourceType", "CareTeam");
        careTeam.put("status", p.avslutad() ? "inactive" : "active");
        careTeam.put("name", p.team());
        careTeam.set("subject", ref(patient));
        if (deltagare.isEmpty()) {
            careTeam.remove("participant");
        }
        ObjectNode careTeamEntry = entries.addObject();
        careTeamEntry.put("fullUrl", careTeamUrn);
        careTeamEntry.set("resource", careTeam);

        FhirRepository.Plan plan = repo.plan(id).orElse(null);
        if (plan != null) {
            String goal = urn("Goal", p.id());
            ObjectNode g = resurs(entries, goal, "Goal");
            g.put("lifecycleStatus", p.avslutad() ? "completed" : "active");
            g.putObject("description").put("text", plan.mal());
            g.set("subject", ref(patient));

            String carePlanUrn = urn("CarePlan", p.id());
            ObjectNode cp = resurs(entries, carePlanUrn, "CarePlan");
            cp.put("status", p.avslutad() ? "completed" : plan.overlamnad() == null ? "draft" : "active");
            cp.put("intent", "plan");
            cp.put("title", plan.mal());
            cp.set("subject", ref(patient));
            cp.putArray("careTeam").add(ref(careTeamUrn));
            cp.putArray("goal").add(ref(goal));
            if (plan.overlamnad() != null) {
                cp.putObject("period").put("start", plan.overlamnad().substring(0, 10));
            }
            ArrayNode aktiviteter = cp.putArray("activity");
            for (FhirRepository.Punkt pp : repo.punkter(id)) {
                ObjectNode aktivitet = aktiviteter.addObject();
                if (pp.senasteNotering() != null) {
                    aktivitet.putArray("progress").addObject().put("text", pp.senasteNotering());
                }
                ObjectNode detalj = aktivitet.putObject("detail");
                detalj.putObject("code").put("text", pp.typ());
                detalj.put("status", STATUS.getOrDefault(pp.status(), "unknown"));
                if (pp.orsak() != null) {
                    detalj.putObject("statusReason").put("text", pp.orsak());
                }
                detalj.put("scheduledString", pp.klartSenast());
                ArrayNode utforare = detalj.putArray("performer");
                if (pp.ansvarigDeltagaren()) {
                    utforare.add(ref(patient));
                } else if (pp.organisationId() != null && organisationer.containsKey(pp.organisationId())) {
                    utforare.add(ref(organisationer.get(pp.organisationId())));
                }
                if (utforare.isEmpty()) {
                    detalj.remove("performer");
                }
                detalj.put("description", pp.text());
            }
            if (aktiviteter.isEmpty()) {
                cp.remove("activity");
            }
            for (FhirRepository.Overlamning o : repo.overlamningar(id)) {
                ObjectNode task = resurs(entries, urn("Task", o.id()), "Task");
                task.put("status", o.avvisad() != null ? "rejected" : o.kvitterad() != null ? "accepted" : "requested");
                task.put("intent", "order");
                task.put("description", o.punkt());
                task.set("focus", ref(carePlanUrn));
                task.set("for", ref(patient));
                task.put("authoredOn", o.skapad());
                if (o.kvitterad() != null) {
                    task.putObject("executionPeriod").put("start", o.kvitterad());
                }
                if (o.organisationId() != null && organisationer.containsKey(o.organisationId())) {
                    task.set("owner", ref(organisationer.get(o.organisationId())));
                }
                if (o.avvisadOrsak() != null) {
                    task.putArray("note").addObject().put("text", o.avvisadOrsak());
                }
            }
        }
        ctx.header("Content-Disposition", "attachment; filename=\"" + p.kod() + ".fhir.json\"");
        ctx.header("Cache-Control", "no-store");
        ctx.contentType("application/fhir+json; charset=utf-8");
        ctx.result(json.get().writerWithDefaultPrettyPrinter().writeValueAsString(bundle));
    }

    private ObjectNode resurs(ArrayNode entries, String urn, String typ) {
        ObjectNode entry = entries.addObject();
        entry.put("fullUrl", urn);
        ObjectNode resurs = entry.putObject("resource");
        resurs.put("resourceType", typ);
        return resurs;
    }
}
