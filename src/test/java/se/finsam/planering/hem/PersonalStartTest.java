package se.finsam.planering.hem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PersonalStartTest {

    private static HemRoutes.PersonalStart start(int visade, int antal) {
        List<se.finsam.planering.overlamning.OverlamningRepository.Post> poster =
                java.util.Collections.nCopies(visade, null);
        return new HemRoutes.PersonalStart(List.of(), null, false, poster, antal, List.of(), null, List.of());
    }

    @Test
    void startsidanVisarDeNyastePunkternaOchSagerNarListanHallerFler() {
        assertTrue(start(HemRoutes.PersonalStart.FORST, 120).flerAttKvittera(), "the rest are in her list");
        assertFalse(start(3, 3).flerAttKvittera());
        assertEquals("/oversikt?avvisa=7#avvisa-7", start(3, 3).avvisaUrl(7));
    }

    @Test
    void deGamlaListornasAdresserLederTillArbetslistorna() {
        for (String lista : HemRoutes.FLYTTADE_LISTOR.values()) {
            assertTrue(Arbetslistor.KOORDINATORNS.contains(lista) || Arbetslistor.EGNA.contains(lista), lista);
        }
        assertEquals("utan-kvittens", HemRoutes.FLYTTADE_LISTOR.get("utankvittens"));
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
