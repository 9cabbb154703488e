package se.finsam.planering.deltagarimport;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import se.finsam.planering.varden.Varden;
import se.finsam.planering.web.Kalkylblad;

/**
 * Reads a team's existing participants from a spreadsheet with the person-level file's columns (in any order;
 * other columns are ignored) and checks every row: the whole file is valid or nothing is saved. Each error names
 * its line and what is wrong.
 */
public final class DeltagarImport {

    public static final int MAX_BYTES = 900 * 1024;
    public static final int MAX_RADER = 10_000;
    /** The most rows whose errors are kept and shown; the rows with errors past them are only counted. */
    public static final int MAX_FELRADER = 100;
    /**
     * The columns the import reads: the person-level file's. The team column may be there (the file exported
     * from another team has it); the team chosen on the import page decides.
     */
    public static final List<String> KOLUMNER = se.finsam.planering.statistik.StatistikRoutes.PERSONFIL_KOLUMNER;
    static final List<String> KRAVS = List.of("deltagarkod", "kon", "fodelsear", "anmalningsdatum",
            "remitterande_organisationstyp", "forsorjning_fore");

    public record Kontroll(LocalDate datum, boolean nadd, String forsorjning, String sysselsattning) {
    }

    public record Rad(int rad, String kod, String kon, int fodelsear, LocalDate anmald, String organisationstyp,
                      LocalDate inskriven, String forsorjningFore, String sysselsattningFore, String utbildning,
                      String tidForsorjning, String anstallningVidStart, String tidigareKod, LocalDate avslut,
                      String avslutsorsak, String forsorjningEfter, String sysselsattningEfter, String steg,
                      Kontroll sex, Kontroll tolv) {
    }

    /** One problem: the line, the message key and its arguments (the line first). */
    public record Fel(int rad, String nyckel, List<Object> argument) {
    }

    /** The valid rows, the errors of the first {@link #MAX_FELRADER} rows with errors, and how many more have. */
    public record Granskning(List<Rad> rader, List<Fel> fel, int flerFelrader) {
        public Granskning(List<Rad> rader, List<Fel> fel) {
            this(rader, fel, 0);
        }

        public boolean ok() {
            return fel.isEmpty() && flerFelrader == 0;
        }
    }

    private DeltagarImport() {
    }

    private static final class Rader {
        private final List<String> rad;
        private final Map<String, Integer> kolumner;
        private final int nummer;
        private final List<Fel> fel;
        private final boolean behall;
        private boolean harFel;

        Rader(List<String> rad, Map<String, Integer> kolumner, int nummer, List<Fel> fel, boolean behall) {
            this.rad = rad;
            this.kolumner = kolumner;
            this.nummer = nummer;
            this.fel = fel;
            this.behall = behall;
        }

        String text(String kolumn) {
            Integer i = kolumner.get(kolumn);
            return i == null ? "" : Kalkylblad.cell(rad, i);
        }

        void fel(String nyckel, Object... argument) {
            harFel = true;
            if (!behall) {
                return;
            }
            List<Object> a = new ArrayList<>();
            a.add(nummer);
            for (Object o : argument) {
                a.add(Kalkylblad.citat(o));
            }
            fel.add(new Fel(nummer, nyckel, a));
        }

        String kod(String kolumn, List<String> mangd, boolean kravs) {
            String v = text(kolumn);
            if (v.isEmpty()) {
                if (kravs) {
                    fel("deltagarimport.fel.saknas", kolumn);
                }
                return null;
            }
            if (!mangd.contains(v)) {
                fel("deltagarimport.fel.varde", kolumn, v);
                return null;
            }
            return v;
        }

        LocalDate datum(String kolumn, boolean kravs, LocalDate idag) {
            return datum(kolumn, kravs, idag, false);
        }

        /** A date of the column; with {@code framtid} it may lie ahead (a first meeting already booked). */
        LocalDate datum(String kolumn, boolean kravs, LocalDate idag, boolean framtid) {
            String v = text(kolumn);
            if (v.isEmpty()) {
                if (kravs) {
                    fel("deltagarimport.fel.saknas", kolumn);
                }
                return null;
            }
            try {
                LocalDate d = LocalDate.parse(v.length() > 10 ? v.substring(0, 10) : v);
                if ((!framtid && d.isAfter(idag)) || d.getYear() < 1990 || d.isAfter(idag.plusYears(2))) {
                    fel("deltagarimport.fel.datum", kolumn, v);
                    return null;
                }
                return d;
            } catch (DateTimeParseException e) {
                fel("deltagarimport.fel.datum", kolumn, v);
                return null;
            }
        }

        Kontroll kontroll(String manad, LocalDate avslut, LocalDate idag) {
            LocalDate datum = datum("datum_" + manad + "_man", false, idag);
            String nadd = text("nadd_" + manad + "_man").toLowerCase(Locale.ROOT);
            String fors = kod("forsorjning_" + manad + "_man", Varden.FORSORJNING, false);
            String syss = kod("sysselsattning_" + manad + "_man", Varden.SYSSELSATTNING, false);
            if (datum == null && nadd.isEmpty() && fors == null && syss == null) {
                return null;
            }
            boolean ok = datum != null && avslut != null && !datum.isBefore(avslut)
                    && (nadd.equals("nej") && fors == null && syss == null
                        || nadd.equals("ja") && fors != null && syss != null);
            if (!ok) {
                fel("deltagarimport.fel.kontroll", manad);
                return null;
            }
            return new Kontroll(datum, nadd.equals("ja"), fors, syss);
        }
    }

    public static Granskning granska(Kalkylblad.Blad blad, LocalDate idag) {
        List<Fel> fel = new ArrayList<>();
        if (!blad.ok()) {
            fel.add(new Fel(0, blad.fel(), blad.argument()));
            return new Granskning(List.of(), fel);
        }
        int rubrik = -1;
        for (int i = 0; i < blad.rader().size(); i++) {
            if (!Kalkylblad.tom(blad.rader().get(i))) {
                rubrik = i;
                break;
            }
        }
        if (rubrik < 0) {
            fel.add(new Fel(0, "import.fel.tom", List.of()));
            return new Granskning(List.of(), fel);
        }
        Map<String, Integer> kolumner = new HashMap<>();
        List<String> huvud = blad.rader().get(rubrik);
        for (int i = 0; i < huvud.size(); i++) {
            String namn = huvud.get(i) == null ? "" : huvud.get(i).strip().toLowerCase(Locale.ROOT);
            kolumner.putIfAbsent(namn, i);
        }
        List<String> okanda = kolumner.keySet().stream().filter(k -> !k.isEmpty() && !KOLUMNER.contains(k))
                .sorted().toList();
        if (!okanda.isEmpty()) {
            fel.add(new Fel(blad.radnummer().get(rubrik), "deltagarimport.fel.okandkolumn",
                    List.of(blad.radnummer().get(rubrik), String.join(", ", okanda))));
            return new Granskning(List.of(), fel);
        }
        List<String> saknas = KRAVS.stream().filter(k -> !kolumner.containsKey(k)).toList();
        if (!saknas.isEmpty()) {
            fel.add(new Fel(blad.radnummer().get(rubrik), "deltagarimport.fel.kolumner",
                    List.of(blad.radnummer().get(rubrik), String.join(", ", saknas))));
            return new Granskning(List.of(), fel);
        }
        List<Rad> rader = new ArrayList<>();
        Set<String> koder = new HashSet<>();
        int felrader = 0;
        int fler = 0;
        for (int i = rubrik + 1; i < blad.rader().size(); i++) {
            List<String> cells = blad.rader().get(i);
            if (Kalkylblad.tom(cells)) {
                continue;
            }
            int nummer = blad.radnummer().get(i);
            Rader r = new Rader(cells, kolumner, nummer, fel, felrader < MAX_FELRADER);
            String kod = r.text("deltagarkod");
            if (!kod.matches("[A-Za-z0-9-]{1,40}")) {
                r.fel("deltagarimport.fel.kod", kod);
            } else if (!koder.add(kod.toUpperCase(Locale.ROOT))) {
                r.fel("deltagarimport.fel.dubblett", kod);
            }
            String kon = r.kod("kon", Varden.KON, true);
            int fodelsear = 0;
            try {
                fodelsear = Integer.parseInt(r.text("fodelsear"));
                if (fodelsear < idag.getYear() - 80 || fodelsear > idag.getYear() - 14) {
                    r.fel("deltagarimport.fel.fodelsear", r.text("fodelsear"));
                }
            } catch (NumberFormatException e) {
                r.fel("deltagarimport.fel.fodelsear", r.text("fodelsear"));
            }
            LocalDate anmald = r.datum("anmalningsdatum", true, idag);
            String typ = r.kod("remitterande_organisationstyp", Varden.ORGANISATIONSTYP, true);
            LocalDate inskriven = r.datum("inskrivningsdatum", false, idag, true);
            if (inskriven != null && inskriven.isAfter(idag) && !r.text("avslutsdatum").isEmpty()) {
                r.fel("deltagarimport.fel.ordning", "avslutsdatum", "inskrivningsdatum");
            }
            if (anmald != null && inskriven != null && inskriven.isBefore(anmald)) {
                r.fel("deltagarimport.fel.ordning", "inskrivningsdatum", "anmalningsdatum");
            }
            String forsFore = r.kod("forsorjning_fore", Varden.FORSORJNING, true);
            String syssFore = r.kod("sysselsattning_fore", Varden.SYSSELSATTNING, false);
            String utbildning = r.kod("utbildning", Varden.UTBILDNING, false);
            String tid = r.kod("tid_forsorjning", Varden.TID_FORSORJNING, false);
            String anst = r.kod("anstallning_vid_start", Varden.JA_NEJ_OKANT, false);
            String tidigare = r.text("tidigare_deltagarkod");
            if (!tidigare.isEmpty() && !tidigare.matches("[A-Za-z0-9-]{1,40}")) {
                r.fel("deltagarimport.fel.tidigare", tidigare);
            }
            LocalDate avslut = r.datum("avslutsdatum", false, idag);
            String orsak = r.kod("avslutsorsak", Varden.AVSLUTSORSAK, avslut != null);
            String forsEfter = r.kod("forsorjning_efter", Varden.FORSORJNING, avslut != null);
            String syssEfter = r.kod("sysselsattning_efter", Varden.SYSSELSATTNING, false);
            String steg = r.kod("steg_mot_arbete", Varden.STEG_MOT_ARBETE, false);
            // What happened at the end is stored only with the end; without an end date it would be lost.
            if (r.text("avslutsdatum").isEmpty()) {
                for (String kolumn : List.of("avslutsorsak", "forsorjning_efter", "sysselsattning_efter",
                        "steg_mot_arbete")) {
                    if (!r.text(kolumn).isEmpty()) {
                        r.fel("deltagarimport.fel.utanavslut", kolumn);
                    }
                }
            }
            if (avslut != null && anmald != null && avslut.isBefore(inskriven != null ? inskriven : anmald)) {
                r.fel("deltagarimport.fel.ordning", "avslutsdatum",
                        inskriven != null ? "inskrivningsdatum" : "anmalningsdatum");
            }
            Kontroll sex = r.kontroll("6", avslut, idag);
            Kontroll tolv = r.kontroll("12", avslut, idag);
            if (r.harFel) {
                if (r.behall) {
                    felrader++;
                } else {
                    fler++;
                }
            } else {
                rader.add(new Rad(nummer, kod, kon, fodelsear, anmald, typ, inskriven, forsFore, syssFore, utbildning,
                        tid, anst, tidigare.isEmpty() ? null : tidigare, avslut, orsak, forsEfter, syssEfter, steg,
                        sex, tolv));
            }
        }
        if (rader.isEmpty() && fel.isEmpty()) {
            fel.add(new Fel(0, "import.fel.tom", List.of()));
        }
        return new Granskning(rader, fel, fler);
    }
}
