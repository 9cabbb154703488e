package se.finsam.planering.hem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PersonalStartTest {

    private static HemRoutes.PersonalStart start(String alla) {
        return new HemRoutes.PersonalStart(List.of(), null, true, List.of(), null, alla, null, List.of());
    }

    @Test
    void langaListorVisarDeForstaOchEnListaIHelaSinLangd() {
        List<Integer> lang = IntStream.range(0, 120).boxed().toList();
        assertEquals(HemRoutes.PersonalStart.FORST, start(null).forsta("utankvittens", lang).size());
        assertEquals(0, start(null).forsta("utankvittens", lang).get(0), "the first stay first");
        assertTrue(start(null).fler("utankvittens", lang));
        assertEquals(120, start("utankvittens").forsta("utankvittens", lang).size());
        assertFalse(start("utankvittens").fler("utankvittens", lang));
        assertEquals(HemRoutes.PersonalStart.FORST, start("utankvittens").forsta("kvittera", lang).size(),
                "only the list asked for");
        assertEquals("/oversikt?alla=uppfoljningar#uppf-rubrik", start(null).allaUrl("uppfoljningar", "uppf-rubrik"));
        assertEquals("/oversikt?alla=kvittera&avvisa=7#avvisa-7", start("kvittera").avvisaUrl(7));
        assertEquals("/oversikt?avvisa=7#avvisa-7", start(null).avvisaUrl(7));
    }

    @Test
    void enSidaAvDeltagarlistan() {
        var sida = new HemRoutes.Deltagarlista(List.of(), 0, 1, 1, null);
        assertEquals(0, sida.fran());
        assertFalse(sida.foregaende() || sida.nasta());
        var tredje = new HemRoutes.Deltagarlista(java.util.Collections.nCopies(50, null), 2000, 3, 40, null);
        assertEquals(101, tredje.fran());
        assertEquals(150, tredje.till());
        assertTrue(tredje.foregaende() && tredje.nasta());
        assertEquals("/oversikt?sida=4#lista-rubrik", tredje.url(4));
        var sok = new HemRoutes.Deltagarlista(List.of(), 0, 1, 1, "Åsa & co");
        assertEquals("/oversikt?sok=%C3%85sa+%26+co&sida=2#lista-rubrik", sok.url(2));
    }
}
