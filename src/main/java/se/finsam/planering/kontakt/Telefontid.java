package se.finsam.planering.kontakt;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import se.finsam.planering.sprak.Texter;
import se.finsam.planering.web.Formular;

/**
 * When someone answers the phone, as days of the week and a time of day, so that every reader gets it in her own
 * language ("måndag–torsdag 09:00–11:00", "Monday to Thursday", "من الاثنين إلى الخميس"). Stored in three columns
 * beside the old free text ({@code telefontid_dagar}: a bit per weekday, Monday the lowest; {@code telefontid_fran}
 * and {@code telefontid_till} as HH:MM; from and to equal means round the clock). Queries read the three as one
 * text, {@link #SQL}, which {@link #avKod} turns back into a value.
 */
public record Telefontid(int dagar, LocalTime fran, LocalTime till) {

    /** Monday to Friday. */
    public static final int VARDAGAR = 0b0011111;
    public static final int ALLA_DAGAR = 0b1111111;

    /** The three columns of a table (alias) as one text, null when they are not set: "31|09:00|11:00". */
    public static String sql(String alias) {
        return alias + ".telefontid_dagar || '|' || " + alias + ".telefontid_fran || '|' || " + alias
                + ".telefontid_till";
    }

    public Telefontid {
        if (dagar < 1 || dagar > ALLA_DAGAR || fran == null || till == null || (till.isBefore(fran))) {
            throw new IllegalArgumentException("telefontid " + dagar + " " + fran + "–" + till);
        }
    }

    /** The value of {@link #sql}; null for null or anything else. */
    public static Telefontid avKod(String kod) {
        return kod == null ? null : TOLKADE.hamta(kod, k -> java.util.Optional.ofNullable(lasKod(k))).orElse(null);
    }

    /**
     * Codes read once and kept: a page shows a dozen contacts' hours and reading a time with LocalTime.parse
     * cost about 8 % of the plan page; a förbund has a few dozen distinct hours.
     */
    private static final se.finsam.planering.util.Behallna<String, java.util.Optional<Telefontid>> TOLKADE =
            new se.finsam.planering.util.Behallna<>(1024);

    private static Telefontid lasKod(String kod) {
        String[] delar = kod.split("\\|");
        try {
            return delar.length == 3 ? new Telefontid(Integer.parseInt(delar[0]), LocalTime.parse(delar[1]),
                    LocalTime.parse(delar[2])) : null;
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return null;
        }
    }

    public boolean dygnetRunt() {
        return fran.equals(till);
    }

    public List<DayOfWeek> dagLista() {
        List<DayOfWeek> lista = new ArrayList<>();
        for (DayOfWeek d : DayOfWeek.values()) {
            if ((dagar & bit(d)) != 0) {
                lista.add(d);
            }
        }
        return lista;
    }

    public static int bit(DayOfWeek dag) {
        return 1 << (dag.getValue() - 1);
    }

    /** The days in the reader's language: "vardagar", "måndag–torsdag", "tisdag och torsdag". */
    public String dagarText(Texter m) {
        // Written once per set of days and language: there are 127 sets of days, and a page writes a dozen.
        String[] perDagar = DAGAR_TEXT.computeIfAbsent(m.lang(), k -> new String[ALLA_DAGAR + 1]);
        String text = perDagar[dagar];
        if (text == null) {
            text = skrivDagar(m);
            perDagar[dagar] = text;
        }
        return text;
    }

    /**
     * The days written out, per language and set of days. Writing them (day names from the JDK, a message
     * format) was 7 % of the plan page's CPU under load; a set's words never change. A race writes the same text.
     */
    private static final java.util.concurrent.ConcurrentHashMap<String, String[]> DAGAR_TEXT =
            new java.util.concurrent.ConcurrentHashMap<>();

    private String skrivDagar(Texter m) {
        if (dagar == ALLA_DAGAR) {
            return m.get("telefontid.alladagar");
        }
        if (dagar == VARDAGAR) {
            return m.get("telefontid.vardagar");
        }
        Locale locale = Locale.forLanguageTag(m.lang());
        List<DayOfWeek> lista = dagLista();
        boolean iFoljd = lista.size() >= 3
                && lista.get(lista.size() - 1).getValue() - lista.get(0).getValue() == lista.size() - 1;
        if (iFoljd) {
            return m.get("telefontid.intervall", namn(lista.get(0), locale), namn(lista.get(lista.size() - 1), locale));
        }
        if (lista.size() == 1) {
            return namn(lista.get(0), locale);
        }
        List<String> namn = lista.stream().map(d -> namn(d, locale)).toList();
        return m.get("telefontid.och", String.join(m.get("telefontid.komma"), namn.subList(0, namn.size() - 1)),
                namn.get(namn.size() - 1));
    }

    private static String namn(DayOfWeek dag, Locale locale) {
        return dag.getDisplayName(TextStyle.FULL, locale);
    }

    /** The hours as digits, read left to right in every language ("09:00–11:00"); null round the clock. */
    public String tider() {
        return dygnetRunt() ? null : fran + "–" + till;
    }

    /** The whole thing as one line of plain text (the calendar file, tests). */
    public String text(Texter m) {
        return dagarText(m) + " " + (dygnetRunt() ? m.get("telefontid.dygnetrunt") : tider());
    }

    private static final Pattern TID = Pattern.compile(
            "(?:kl\\.?\\s*)?(\\d{1,2})(?:[.:](\\d{2}))?\\s*[–-]\\s*(\\d{1,2})(?:[.:](\\d{2}))?");
    private static final String[] DAGAR = {"mån", "tis", "ons", "tor", "fre", "lör", "sön"};

    /**
     * Reads telephone hours as staff used to write them in Swedish: "Mån–tors 9–11", "Tis och tors 13–15",
     * "Vardagar 8–16", "Tis–tors 8.30–10", "Dygnet runt". Empty when the text says something else.
     */
    public static Optional<Telefontid> tolka(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        if (t.equals("dygnet runt") || t.equals("alla dagar dygnet runt")) {
            return Optional.of(new Telefontid(ALLA_DAGAR, LocalTime.MIDNIGHT, LocalTime.MIDNIGHT));
        }
        Matcher tid = TID.matcher(t);
        if (!tid.find() || tid.end() != t.length()) {
            return Optional.empty();
        }
        String dagText = t.substring(0, tid.start()).strip().replaceAll(",$", "").strip();
        Integer dagar = dagar(dagText);
        if (dagar == null) {
            return Optional.empty();
        }
        try {
            LocalTime fran = LocalTime.of(Integer.parseInt(tid.group(1)),
                    tid.group(2) == null ? 0 : Integer.parseInt(tid.group(2)));
            LocalTime till = LocalTime.of(Integer.parseInt(tid.group(3)),
                    tid.group(4) == null ? 0 : Integer.parseInt(tid.group(4)));
            if (!till.isAfter(fran)) {
                return Optional.empty();
            }
            return Optional.of(new Telefontid(dagar, fran, till));
        } catch (java.time.DateTimeException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Integer dagar(String text) {
        switch (text) {
            case "vardagar", "mån–fre", "mån-fre", "måndag–fredag", "måndag-fredag" -> {
                return VARDAGAR;
            }
            case "alla dagar", "dagligen" -> {
                return ALLA_DAGAR;
            }
            default -> {
            }
        }
        if (text.isEmpty()) {
            return null;
        }
        int dagar = 0;
        for (String del : text.split("\\s*(?:,|\\boch\\b|&)\\s*")) {
            if (del.isBlank()) {
                return null;
            }
            String[] intervall = del.split("\\s*[–-]\\s*");
            if (intervall.length > 2) {
                return null;
            }
            int forsta = dag(intervall[0]);
            int sista = intervall.length == 2 ? dag(intervall[1]) : forsta;
            if (forsta < 0 || sista < forsta) {
                return null;
            }
            for (int d = forsta; d <= sista; d++) {
                dagar |= 1 << d;
            }
        }
        return dagar == 0 ? null : dagar;
    }

    private static int dag(String text) {
        String t = text.strip().replaceAll("\\.$", "");
        for (int i = 0; i < DAGAR.length; i++) {
            if (t.startsWith(DAGAR[i]) && t.length() <= DAGAR[i].length() + 3) {
                return i;
            }
        }
        return -1;
    }

    /** The tables that have telephone hours. */
    private static final List<String> TABELLER = List.of("organisation", "anvandare", "kontaktperson");

    /**
     * Fills the day and time columns from the old free text wherever it can be read and they are empty; text it
     * cannot read stays as it is (and is shown as written). Run after the migration that added the columns, and
     * after demo data is written.
     */
    public static void tolkaFritext(Jdbi jdbi) {
        jdbi.useTransaction(Telefontid::tolkaFritext);
    }

    public static void tolkaFritext(org.jdbi.v3.core.Handle h) {
        {
            for (String tabell : TABELLER) {
                List<Object[]> rader = h.createQuery("SELECT id, telefontider FROM " + tabell
                                + " WHERE telefontider IS NOT NULL AND telefontid_dagar IS NULL")
                        .map((rs, ctx) -> new Object[] {rs.getLong(1), rs.getString(2)}).list();
                for (Object[] rad : rader) {
                    tolka((String) rad[1]).ifPresent(t -> h.createUpdate("UPDATE " + tabell
                                    + " SET telefontid_dagar = :d, telefontid_fran = :f, telefontid_till = :t WHERE id = :id")
                            .bind("d", t.dagar()).bind("f", t.fran().toString()).bind("t", t.till().toString())
                            .bind("id", (long) rad[0]).execute());
                }
            }
        }
    }

    /** What the staff form holds: the ticked days and the two times, as typed. */
    public record Falt(List<String> dagar, String fran, String till) {

        public static final Falt TOMT = new Falt(List.of(), "", "");

        public static Falt av(Telefontid t) {
            return t == null ? TOMT : new Falt(t.dagLista().stream().map(d -> String.valueOf(d.getValue())).toList(),
                    t.fran().toString(), t.till().toString());
        }

        public boolean har(int dag) {
            return dagar.contains(String.valueOf(dag));
        }
    }

    /** The days and times of a staff form ({@code telefontid_dag}, {@code telefontid_fran}, {@code telefontid_till}). */
    public static Falt falt(Formular f) {
        return new Falt(f.alla("telefontid_dag"), f.text("telefontid_fran"), f.text("telefontid_till"));
    }

    /**
     * Reads and checks the form's telephone hours: none at all (null), or at least one day and both times, the
     * second after the first. Errors go on the form under {@code telefontid}.
     */
    public static Telefontid las(Formular f) {
        Falt falt = falt(f);
        if (falt.dagar().isEmpty() && falt.fran().isEmpty() && falt.till().isEmpty()) {
            return null;
        }
        int dagar = 0;
        for (String d : falt.dagar()) {
            Long n = Formular.positivt(d);
            if (n == null || n > 7) {
                f.fel("telefontid", "telefontid.fel.dagar");
                return null;
            }
            dagar |= 1 << (n - 1);
        }
        if (dagar == 0) {
            f.fel("telefontid", "telefontid.fel.dagar");
            return null;
        }
        LocalTime fran;
        LocalTime till;
        try {
            fran = LocalTime.parse(falt.fran());
            till = LocalTime.parse(falt.till());
        } catch (DateTimeParseException e) {
            f.fel("telefontid", "telefontid.fel.tid");
            return null;
        }
        if (!till.isAfter(fran)) {
            f.fel("telefontid", "telefontid.fel.ordning");
            return null;
        }
        return new Telefontid(dagar, fran.withSecond(0).withNano(0), till.withSecond(0).withNano(0));
    }
}
