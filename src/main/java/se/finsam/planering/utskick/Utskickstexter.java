package se.finsam.planering.utskick;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import se.finsam.planering.sprak.Texter;

/**
 * The text of a message, made when it is sent. To a participant: in her language, neutral ("you have a new
 * message" and a link that needs her login) unless she chose details, and then only her meeting's time and place.
 * To staff: in Swedish, naming no participant (her code only) and no content, with a link that needs a login.
 */
public final class Utskickstexter {

    public record Meddelande(String amne, String text) {
    }

    /** Staff texts are Swedish only: named here, so they are not taken for texts a participant meets. */
    private static final String PERSONAL_AMNE = "utskick.personal.amne";
    private static final String PERSONAL_INGET = "utskick.personal.inget";
    private static final String PERSONAL = "utskick.personal.";

    private static final DateTimeFormatter DAG = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    private static final DateTimeFormatter TID = DateTimeFormatter.ofPattern("HH:mm");

    private final UtskickRepository repo;
    private final String baseUrl;
    private final Function<Long, List<Dagsantal.Rad>> dagsantal;
    private final ToIntFunction<Long> veckoantal;

    public Utskickstexter(UtskickRepository repo, String baseUrl, Function<Long, List<Dagsantal.Rad>> dagsantal,
                          ToIntFunction<Long> veckoantal) {
        this.repo = repo;
        this.baseUrl = baseUrl;
        this.dagsantal = dagsantal;
        this.veckoantal = veckoantal;
    }

    public Meddelande gor(UtskickRepository.Rad rad, UtskickRepository.Mottagare m) {
        return gor(rad, m, Kanal.SMS);
    }

    /**
     * The message as it goes out on the channel: a notification opens her plan when tapped, so it carries no link
     * (and no more than the SMS would).
     */
    public Meddelande gor(UtskickRepository.Rad rad, UtskickRepository.Mottagare m, Kanal kanal) {
        if (rad.tillDeltagare() && UtskickRepository.KALLELSE.equals(rad.typ())) {
            return kallelse(rad, m, kanal);
        }
        if (rad.tillDeltagare()) {
            return tillDeltagare(rad, m, kanal == Kanal.PUSH);
        }
        return tillPersonal(rad, m);
    }

    private Meddelande tillDeltagare(UtskickRepository.Rad rad, UtskickRepository.Mottagare m, boolean notis) {
        Texter t = Texter.of(m.sprak());
        String amne = t.get("utskick.amne");
        String minSida = baseUrl + "/min-planering";
        if (m.detaljer() && rad.sakId() != null) {
            // The bare address (she logs in and finds her meeting): time and place take the room an SMS has.
            String motet = notis ? "" : baseUrl;
            Optional<UtskickRepository.Bokning> b = rad.typ().startsWith("mote_") ? repo.bokning(rad.sakId())
                    : Optional.empty();
            if (b.isPresent()) {
                String dag = b.get().tid().format(DAG);
                String tid = b.get().tid().format(TID);
                String plats = b.get().plats();
                if (rad.typ().equals("mote_flyttat")) {
                    return new Meddelande(amne, t.get("utskick.mote.flyttat", dag, tid, plats, motet).strip());
                }
                return new Meddelande(amne, t.get("utskick.mote.paminnelse", dag, tid, plats, motet).strip());
            }
        }
        if (notis) {
            return new Meddelande(amne, t.get("utskick.push.besked"));
        }
        return new Meddelande(amne, t.get("utskick.besked", minSida));
    }

    /**
     * The kallelse beside the printed letter: the link to her meeting page and, while the row still holds it, the
     * activation code printed on her letter. Neutral, like her other messages, unless she chose details; then the
     * meeting's time and place, but on SMS only if that still fits in two segments (else the neutral text goes).
     */
    private Meddelande kallelse(UtskickRepository.Rad rad, UtskickRepository.Mottagare m, Kanal kanal) {
        Texter t = Texter.of(m.sprak());
        String lank = baseUrl + "/min-planering/mote";
        String kod = repo.aktiveringskod(rad.id()).map(k -> " " + t.get("utskick.kallelse.kod", k)).orElse("");
        String neutral = t.get("utskick.besked", lank) + kod;
        if (m.detaljer() && rad.sakId() != null) {
            Optional<UtskickRepository.Bokning> b = repo.bokning(rad.sakId());
            if (b.isPresent()) {
                String text = t.get("utskick.kallelse.mote", b.get().tid().format(DAG), b.get().tid().format(TID),
                        b.get().plats(), lank) + kod;
                if (kanal != Kanal.SMS || Smsdelar.antal(text) <= 2) {
                    return new Meddelande(t.get("utskick.amne"), text);
                }
            }
        }
        return new Meddelande(t.get("utskick.amne"), neutral);
    }

    private Meddelande tillPersonal(UtskickRepository.Rad rad, UtskickRepository.Mottagare m) {
        Texter sv = Texter.of("sv");
        String lank = baseUrl + "/oversikt";
        String kod = rad.deltagareId() == null ? "" : m.kod() != null ? m.kod() : repo.deltagarkod(rad.deltagareId());
        String nyckel = PERSONAL + rad.typ();
        String text = switch (rad.typ()) {
            case "dagssammanfattning" -> {
                List<String> delar = new ArrayList<>();
                List<Dagsantal.Rad> rader = new ArrayList<>(dagsantal.apply(rad.anvandareId()));
                rader.addAll(repo.koordinatorAntal(rad.anvandareId(), rad.skapad()));
                for (Dagsantal.Rad r : rader) {
                    if (r.antal() > 0) {
                        delar.add(r.antal() + " " + (sv.has(r.textnyckel()) ? sv.get(r.textnyckel(), r.antal())
                                : r.textnyckel()));
                    }
                }
                yield sv.get(nyckel, delar.isEmpty() ? sv.get(PERSONAL_INGET) : String.join(", ", delar),
                        lank);
            }
            case "veckosammanfattning", "dagsammanfattning_punkter" ->
                    sv.get(nyckel, veckoantal.applyAsInt(rad.anvandareId()), lank);
            default -> sv.get(nyckel, kod, lank);
        };
        return new Meddelande(sv.get(PERSONAL_AMNE), text);
    }
}
