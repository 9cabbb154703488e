package se.finsam.planering.demo;

import static se.finsam.planering.demo.Referensdata.AF;
import static se.finsam.planering.demo.Referensdata.FK;
import static se.finsam.planering.demo.Referensdata.JOBBTORG;
import static se.finsam.planering.demo.Referensdata.REGION;
import static se.finsam.planering.demo.Referensdata.SOC;
import static se.finsam.planering.demo.Referensdata.TEAMS;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Who takes part: per team, the participants to simulate and how far each has come. The small
 * demo has hand-made cases (the demo logins, a protected identity, Arabic and other readers, every
 * stage); the benchmark set draws the stages by weight.
 */
final class Urval extends Simuleringsdel {

    enum Stage { ANMALD, KALLAD, PLANERAD, UPPFOLJNING, AVSLUTAD }

    enum Fate { KLAR, PAGAR, FASTNAT, AVSLAGEN, EJ_PABORJAD }

    /** A hand-written plan item: weeks are counted from the meeting. */
    record ItemSpec(String org, String typ, String text, int klartVeckor, Fate fate, int fateVeckor,
                            String orsak, boolean statusandring) {
    }

    /** What one participant should look like; anything left null is chosen at random. */
    static final class Spec {
        final Stage stage;
        String fornamn;
        String efternamn;
        String kon;
        Integer alder;
        boolean spraketSatt;
        String sprak = "sv";
        String tolksprak;
        boolean skyddad;
        String forsorjning;
        String remittent;
        boolean demoLogin;
        boolean activation;
        boolean nyligenOverlamnad;
        boolean kontaktHistorik;
        Integer moteDagarSedan;
        String orsak;
        String mal;
        String sysselsattning;
        List<ItemSpec> items;
        /** Organisations she has not consented to (her samtycke covers the others). */
        List<String> utanSamtycke = List.of();
        /**
         * An open item handed over to Socialtjänsten's ordinary handläggare, who is not among her contact persons:
         * she finds him on Kontakter through the item alone.
         */
        boolean socialtjanstPunktUtanKontakt;
        /** Called to the team's next meeting (otherwise one of the next three). */
        boolean nastaMote;

        Spec(Stage stage) {
            this.stage = stage;
        }

        Spec namn(String fornamn, String efternamn, String kon) {
            this.fornamn = fornamn;
            this.efternamn = efternamn;
            this.kon = kon;
            return this;
        }

        Spec sprak(String sprak, String tolksprak) {
            this.spraketSatt = true;
            this.sprak = sprak;
            this.tolksprak = tolksprak;
            return this;
        }
    }

    Urval(Simuleringsdel del) {
        super(del);
    }

    List<List<Spec>> smallSpecs() {
        List<List<Spec>> all = new ArrayList<>();
        // Kista: the demo logins' team, so it gets the most and the hand-made cases.
        List<Spec> kista = new ArrayList<>();
        kista.add(demoParticipant());
        kista.add(activationParticipant());
        Spec ahmed = new Spec(Stage.UPPFOLJNING).namn("Ahmed", "Ali", "man").sprak("ar", "ar");
        ahmed.nyligenOverlamnad = true;
        ahmed.remittent = "handlaggare";
        ahmed.forsorjning = "forsorjningsstod";
        // Reads Arabic and has not consented to Jobbtorg: his kallelse and meeting page must not name it.
        ahmed.utanSamtycke = List.of(JOBBTORG);
        ahmed.socialtjanstPunktUtanKontakt = true;
        kista.add(ahmed);
        Spec maria = new Spec(Stage.UPPFOLJNING).namn("Maria", "Svensson", "kvinna");
        maria.nyligenOverlamnad = true;
        maria.remittent = "handlaggare";
        maria.forsorjning = "aktivitetsstod";
        kista.add(maria);
        Spec sara = new Spec(Stage.PLANERAD).namn("Sara", "Nilsson", "kvinna");
        sara.remittent = "fk.handlaggare";
        sara.forsorjning = "sjukpenning";
        kista.add(sara);
        Spec dragan = new Spec(Stage.AVSLUTAD).namn("Dragan", "Petrović", "man");
        dragan.orsak = "arbete";
        dragan.remittent = "handlaggare";
        kista.add(dragan);
        Spec skyddad = new Spec(Stage.UPPFOLJNING);
        skyddad.skyddad = true;
        kista.add(skyddad);
        Spec anmald = new Spec(Stage.ANMALD);
        anmald.remittent = "handlaggare";
        kista.add(anmald);
        Spec kallad = new Spec(Stage.KALLAD);
        kallad.remittent = "handlaggare";
        kista.add(kallad);
        kista.add(new Spec(Stage.ANMALD));
        kista.add(new Spec(Stage.ANMALD));
        kista.add(new Spec(Stage.KALLAD));
        kista.add(new Spec(Stage.PLANERAD));
        kista.add(new Spec(Stage.UPPFOLJNING));
        kista.add(new Spec(Stage.UPPFOLJNING));
        kista.add(new Spec(Stage.UPPFOLJNING));
        kista.add(new Spec(Stage.UPPFOLJNING));
        kista.add(avslutad("fortsatt_rehabilitering"));
        kista.add(avslutad("fortsatt_rehabilitering"));
        kista.add(avslutad("avbrutit"));
        all.add(kista);

        String[][] orsaker = {
            {"arbete", "fortsatt_rehabilitering"},
            {"fortsatt_rehabilitering", "studier"},
            {"ratt_ersattning", "arbete"},
            {"flyttat", "fortsatt_rehabilitering"}};
        Spec[] named = {
            new Spec(Stage.UPPFOLJNING).namn("Hodan", "Warsame", "kvinna").sprak("so", "so"),
            new Spec(Stage.KALLAD).namn("Yonas", "Haile", "man").sprak("ti", "ti"),
            // Reads the app in Swedish, with a Persian interpreter at meetings.
            new Spec(Stage.UPPFOLJNING).namn("Parisa", "Rahimi", "kvinna").sprak("sv", "fa"),
            new Spec(Stage.PLANERAD).namn("Juan", "Rodríguez", "man").sprak("en", null)};
        for (int t = 1; t < TEAMS.size(); t++) {
            List<Spec> team = new ArrayList<>();
            team.add(named[t - 1]);
            team.add(new Spec(Stage.ANMALD));
            team.add(new Spec(Stage.KALLAD));
            team.add(new Spec(Stage.PLANERAD));
            team.add(new Spec(Stage.UPPFOLJNING));
            team.add(new Spec(Stage.UPPFOLJNING));
            team.add(new Spec(Stage.UPPFOLJNING));
            team.add(avslutad(orsaker[t - 1][0]));
            team.add(avslutad(orsaker[t - 1][1]));
            Stage last = named[t - 1].stage == Stage.KALLAD ? Stage.UPPFOLJNING : Stage.KALLAD;
            Spec s = new Spec(last);
            s.skyddad = t == 1;
            team.add(s);
            all.add(team);
        }
        for (List<Spec> team : all) {
            Collections.shuffle(team, rnd);
        }
        return all;
    }

    /**
     * Two more called to Kista's next meeting, each with an interpreter, one of them booked and one not yet: the
     * meeting page shows what is left to prepare. They are simulated last, from a stream of their own, so the rest
     * of the small demo stays as it was.
     */
    static List<Spec> medTolkTillNastaMote() {
        Spec somaliska = new Spec(Stage.KALLAD).namn("Abdirahman", "Farah", "man").sprak("sv", "so");
        somaliska.nastaMote = true;
        somaliska.remittent = "handlaggare";
        Spec arabiska = new Spec(Stage.KALLAD).namn("Layla", "Haddad", "kvinna").sprak("ar", "ar");
        arabiska.nastaMote = true;
        arabiska.remittent = "soc.handlaggare";
        arabiska.forsorjning = "forsorjningsstod";
        return List.of(somaliska, arabiska);
    }

    static Spec avslutad(String orsak) {
        Spec s = new Spec(Stage.AVSLUTAD);
        s.orsak = orsak;
        return s;
    }

    List<List<Spec>> largeSpecs(int total) {
        double[] weights = {0.24, 0.20, 0.20, 0.18, 0.18};
        int[] counts = new int[TEAMS.size()];
        int assigned = 0;
        for (int t = 1; t < counts.length; t++) {
            counts[t] = (int) Math.floor(total * weights[t]);
            assigned += counts[t];
        }
        counts[0] = total - assigned;
        List<List<Spec>> all = new ArrayList<>();
        for (int t = 0; t < counts.length; t++) {
            all.add(teamet(counts[t], t == 0, "ANMALD", 5, "KALLAD", 6, "PLANERAD", 3, "UPPFOLJNING", 50,
                    "AVSLUTAD", 36));
        }
        return all;
    }

    /**
     * One team's participants: in the first team the demo logins' two first, then {@code count} in all, each in a
     * stage drawn by the weights ({@link #weighted}), a few with protected identity; shuffled.
     */
    private List<Spec> teamet(int count, boolean forsta, Object... stadievikter) {
        List<Spec> team = new ArrayList<>();
        if (forsta && count >= 2) {
            team.add(demoParticipant());
            team.add(activationParticipant());
        }
        while (team.size() < count) {
            Spec spec = new Spec(Stage.valueOf(weighted(stadievikter)));
            spec.skyddad = chance(0.003);
            team.add(spec);
        }
        Collections.shuffle(team, rnd);
        return team;
    }

    /**
     * The regional set: every team takes the same share, the demo logins' team the odd ones over. Five years of a
     * team's work: most have been closed over the years, about a fifth are on their way now.
     */
    List<List<Spec>> regionSpecs(int total) {
        int antal = omfang.teams().size();
        List<List<Spec>> all = new ArrayList<>();
        for (int t = 0; t < antal; t++) {
            int count = total / antal + (t == 0 ? total % antal : 0);
            all.add(teamet(count, t == 0, "ANMALD", 1, "KALLAD", 1.2, "PLANERAD", 0.8, "UPPFOLJNING", 15,
                    "AVSLUTAD", 82));
        }
        return all;
    }

    /** The participant behind the "deltagare" login: in follow-up, with something done, stuck and late. */
    Spec demoParticipant() {
        Spec s = new Spec(Stage.UPPFOLJNING).namn("Amina", "Hassan", "kvinna");
        s.alder = 39;
        s.forsorjning = "forsorjningsstod";
        s.remittent = "handlaggare";
        s.demoLogin = true;
        s.kontaktHistorik = true;
        s.moteDagarSedan = 120;
        s.mal = "Jag vill jobba med barn igen.";
        s.sysselsattning = "Praktik 50 % på förskola";
        s.items = List.of(
                new ItemSpec(AF, "rekommendation",
                        "Arbetsförmedlingen ordnar en praktikplats på en förskola i Kista, 50 procent.",
                        5, Fate.KLAR, 4, null, false),
                new ItemSpec(null, "eget_steg", "Du anmäler dig till kursen i svenska (SFI) på Komvux i Kista.",
                        3, Fate.KLAR, 2, null, true),
                new ItemSpec(SOC, "beslut",
                        "Socialtjänsten har beslutat att du får försörjningsstöd medan du är på praktik.",
                        1, Fate.KLAR, 1, null, false),
                new ItemSpec(REGION, "rekommendation",
                        "Vårdcentralen bokar en tid hos en läkare som ser över värken i dina axlar.",
                        6, Fate.FASTNAT, 8, "Ingen läkartid på vårdcentralen förrän om åtta veckor.", true),
                new ItemSpec(JOBBTORG, "rekommendation",
                        "Din jobbcoach på Jobbtorg hjälper dig att skriva ett CV för jobb i barnomsorgen.",
                        8, Fate.PAGAR, 0, null, false),
                new ItemSpec(FK, "rekommendation",
                        "Försäkringskassan och Arbetsförmedlingen tar reda på om du kan få aktivitetsstöd i stället för försörjningsstöd.",
                        22, Fate.PAGAR, 0, null, false));
        return s;
    }

    /** Has been given the demo activation code but has not logged in yet. */
    Spec activationParticipant() {
        Spec s = new Spec(Stage.KALLAD).namn("Johan", "Lindqvist", "man");
        s.alder = 46;
        s.forsorjning = "sjukpenning";
        s.remittent = "fk.handlaggare";
        s.activation = true;
        return s;
    }

}
