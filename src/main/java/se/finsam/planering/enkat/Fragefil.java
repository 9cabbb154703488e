package se.finsam.planering.enkat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import se.finsam.planering.web.Formularfel;
import se.finsam.planering.web.Kalkylblad;

/**
 * Reads a question set from a file, or from the administrator's form.
 *
 * <p>JSON: {@code {"namn": ..., "tillfalle": "forsta_uppfoljning"|"avslut", "skalor": {"kod": [{"sv", "en", "ar"},
 * ...]}, "fragor": [{"sv", "en", "ar", "skala": "kod"}, ...]}}. CSV (or .xlsx, first sheet) with the columns
 * {@code typ;kod;sv;en;ar}: one row {@code enkat;<tillfälle>;<namn>}, the steps of each scale in order as rows
 * {@code skala;<kod>;<sv>;<en>;<ar>}, and each question as a row {@code fraga;<skalans kod>;<sv>;<en>;<ar>}. A
 * first row starting with {@code typ} is a heading. The scales {@link #FORVALDA} can be named without being
 * written out.
 */
public final class Fragefil {

    public static final int MAX_BYTES = 256 * 1024;
    public static final int MAX_FRAGOR = 40;
    public static final int MAX_STEG = 11;
    public static final List<String> TILLFALLEN = List.of("forsta_uppfoljning", "avslut");

    /** A text in the three languages a participant may read. */
    public record Text3(String sv, String en, String ar) {
        public String pa(String sprak) {
            return switch (sprak) {
                case "en" -> en;
                case "ar" -> ar;
                default -> sv;
            };
        }
    }

    public record NyFraga(Text3 text, List<Text3> skala) {
    }

    public record NyEnkat(String namn, String tillfalle, List<NyFraga> fragor) {
    }

    /** The set read, or what is wrong with the file (message keys of the staff bundle, with arguments). */
    public record Lasning(NyEnkat enkat, List<Formularfel.Meddelande> fel) {
        public boolean ok() {
            return fel.isEmpty();
        }
    }

    /** Scales that a file or the form may name by code. */
    public static final Map<String, List<Text3>> FORVALDA = Map.of(
            "instammer5", List.of(
                    new Text3("Stämmer inte alls", "Not at all true", "لا ينطبق على الإطلاق"),
                    new Text3("Stämmer lite", "Slightly true", "ينطبق قليلاً"),
                    new Text3("Stämmer delvis", "Partly true", "ينطبق جزئياً"),
                    new Text3("Stämmer ganska bra", "Mostly true", "ينطبق إلى حد كبير"),
                    new Text3("Stämmer helt", "Completely true", "ينطبق تماماً")),
            "ja_nej", List.of(
                    new Text3("Ja", "Yes", "نعم"),
                    new Text3("Nej", "No", "لا"),
                    new Text3("Vet inte", "Don't know", "لا أعرف")));

    private static final ObjectMapper JSON = new ObjectMapper();

    private Fragefil() {
    }

    public static Lasning las(String filnamn, byte[] innehall) {
        String namn = filnamn == null ? "" : filnamn.toLowerCase(Locale.ROOT);
        if (innehall.length == 0) {
            return fel("import.fel.tom");
        }
        if (innehall.length > MAX_BYTES) {
            return fel("import.fel.storlek", MAX_BYTES / 1024);
        }
        if (namn.endsWith(".json")) {
            return json(innehall);
        }
        Kalkylblad.Blad blad = Kalkylblad.las(filnamn, innehall, MAX_BYTES, 2000);
        if (!blad.ok()) {
            return fel(blad.fel(), blad.argument().toArray());
        }
        return tabell(blad);
    }

    private static Lasning fel(String nyckel, Object... argument) {
        return new Lasning(null, List.of(new Formularfel.Meddelande(nyckel, argument)));
    }

    private static Lasning json(byte[] innehall) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(innehall))
                    .toString();
        } catch (CharacterCodingException e) {
            return fel("import.fel.utf8");
        }
        JsonNode rot;
        try {
            rot = JSON.readTree(text.startsWith("\uFEFF") ? text.substring(1) : text);
        } catch (JsonProcessingException e) {
            return fel("enkat.fel.json");
        }
        if (rot == null || !rot.isObject()) {
            return fel("enkat.fel.json");
        }
        List<Formularfel.Meddelande> fel = new ArrayList<>();
        Map<String, List<Text3>> skalor = new LinkedHashMap<>(FORVALDA);
        JsonNode s = rot.path("skalor");
        if (!s.isMissingNode() && !s.isObject()) {
            fel.add(new Formularfel.Meddelande("enkat.fel.json.skalor"));
        }
        s.fields().forEachRemaining(e -> {
            List<Text3> steg = new ArrayList<>();
            if (e.getValue().isArray()) {
                e.getValue().forEach(n -> steg.add(text3(n)));
            }
            skalor.put(e.getKey(), steg);
        });
        List<Object[]> fragor = new ArrayList<>();
        JsonNode f = rot.path("fragor");
        if (f.isArray()) {
            f.forEach(n -> fragor.add(new Object[] {text3(n), n.path("skala").asText(""), null}));
        }
        return bygg(rot.path("namn").asText(""), rot.path("tillfalle").asText(""), skalor, fragor, fel);
    }

    private static Text3 text3(JsonNode n) {
        return new Text3(n.path("sv").asText("").strip(), n.path("en").asText("").strip(),
                n.path("ar").asText("").strip());
    }

    private static Lasning tabell(Kalkylblad.Blad blad) {
        List<Formularfel.Meddelande> fel = new ArrayList<>();
        Map<String, List<Text3>> skalor = new LinkedHashMap<>(FORVALDA);
        Map<String, List<Text3>> egna = new LinkedHashMap<>();
        List<Object[]> fragor = new ArrayList<>();
        String namn = "";
        String tillfalle = "";
        for (int i = 0; i < blad.rader().size(); i++) {
            List<String> rad = blad.rader().get(i);
            int nr = blad.radnummer().get(i);
            if (Kalkylblad.tom(rad)) {
                continue;
            }
            String typ = Kalkylblad.cell(rad, 0).strip().toLowerCase(Locale.ROOT);
            String kod = Kalkylblad.cell(rad, 1).strip();
            Text3 text = new Text3(Kalkylblad.cell(rad, 2).strip(), Kalkylblad.cell(rad, 3).strip(),
                    Kalkylblad.cell(rad, 4).strip());
            switch (typ) {
                case "typ" -> {
                    if (i != 0) {
                        fel.add(new Formularfel.Meddelande("enkat.fel.typ", nr, Kalkylblad.citat(typ)));
                    }
                }
                case "enkat" -> {
                    tillfalle = kod;
                    namn = text.sv();
                }
                case "skala" -> egna.computeIfAbsent(kod, k -> new ArrayList<>()).add(text);
                case "fraga", "fråga" -> fragor.add(new Object[] {text, kod, nr});
                default -> fel.add(new Formularfel.Meddelande("enkat.fel.typ", nr, Kalkylblad.citat(typ)));
            }
        }
        skalor.putAll(egna);
        return bygg(namn, tillfalle, skalor, fragor, fel);
    }

    /** The administrator's form: one question a line in each language, one scale for all. */
    public static Lasning formular(String namn, String tillfalle, String skala, String sv, String en, String ar) {
        List<Formularfel.Meddelande> fel = new ArrayList<>();
        List<String> radSv = rader(sv);
        List<String> radEn = rader(en);
        List<String> radAr = rader(ar);
        if (radSv.size() != radEn.size() || radSv.size() != radAr.size()) {
            fel.add(new Formularfel.Meddelande("enkat.fel.radantal", radSv.size(), radEn.size(), radAr.size()));
        }
        List<Object[]> fragor = new ArrayList<>();
        for (int i = 0; i < Math.min(radSv.size(), Math.min(radEn.size(), radAr.size())); i++) {
            fragor.add(new Object[] {new Text3(radSv.get(i), radEn.get(i), radAr.get(i)), skala, i + 1});
        }
        return bygg(namn, tillfalle, FORVALDA, fragor, fel);
    }

    private static List<String> rader(String text) {
        return text == null ? List.of() : text.lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static Lasning bygg(String namn, String tillfalle, Map<String, List<Text3>> skalor,
                                List<Object[]> fragor, List<Formularfel.Meddelande> fel) {
        namn = namn.strip();
        if (namn.isEmpty() || namn.length() > 200) {
            fel.add(new Formularfel.Meddelande("enkat.fel.namn"));
        }
        if (!TILLFALLEN.contains(tillfalle)) {
            fel.add(new Formularfel.Meddelande("enkat.fel.tillfalle", Kalkylblad.citat(tillfalle)));
        }
        for (var e : skalor.entrySet()) {
            List<Text3> steg = e.getValue();
            if (steg.size() < 2 || steg.size() > MAX_STEG) {
                fel.add(new Formularfel.Meddelande("enkat.fel.skala.steg", Kalkylblad.citat(e.getKey()), MAX_STEG));
            }
            for (Text3 t : steg) {
                if (!komplett(t, 200)) {
                    fel.add(new Formularfel.Meddelande("enkat.fel.skala.text", Kalkylblad.citat(e.getKey())));
                    break;
                }
            }
        }
        if (fragor.isEmpty()) {
            fel.add(new Formularfel.Meddelande("enkat.fel.ingafragor"));
        }
        if (fragor.size() > MAX_FRAGOR) {
            fel.add(new Formularfel.Meddelande("enkat.fel.formanga", MAX_FRAGOR));
        }
        List<NyFraga> lista = new ArrayList<>();
        for (int i = 0; i < fragor.size(); i++) {
            Text3 text = (Text3) fragor.get(i)[0];
            String skala = (String) fragor.get(i)[1];
            Object var = fragor.get(i)[2] == null ? i + 1 : fragor.get(i)[2];
            if (!komplett(text, 1000)) {
                fel.add(new Formularfel.Meddelande("enkat.fel.fraga.text", var));
            }
            if (!skalor.containsKey(skala)) {
                fel.add(new Formularfel.Meddelande("enkat.fel.fraga.skala", var, Kalkylblad.citat(skala)));
            } else {
                lista.add(new NyFraga(text, skalor.get(skala)));
            }
        }
        return fel.isEmpty() ? new Lasning(new NyEnkat(namn, tillfalle, List.copyOf(lista)), List.of())
                : new Lasning(null, List.copyOf(fel));
    }

    private static boolean komplett(Text3 t, int max) {
        for (String s : List.of(t.sv(), t.en(), t.ar())) {
            if (s == null || s.isBlank() || s.length() > max) {
                return false;
            }
        }
        return true;
    }
}
