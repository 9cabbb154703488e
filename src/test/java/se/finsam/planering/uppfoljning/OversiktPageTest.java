package se.finsam.planering.uppfoljning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OversiktPageTest {

    private static UppfoljningRoutes.OversiktPage page(boolean alla) {
        return new UppfoljningRoutes.OversiktPage(null, List.of(), List.of(), "3", null, "namn", true,
                LocalDate.of(2026, 11, 23), alla, null);
    }

    @Test
    void langaListorVisarDeMestBradskandeForstOchResten1KlickBort() {
        List<Integer> lang = IntStream.range(0, 120).boxed().toList();
        assertEquals(UppfoljningRoutes.OversiktPage.FORST, page(false).forsta(lang).size());
        assertEquals(0, page(false).forsta(lang).get(0), "the most urgent stay first");
        assertTrue(page(false).fler(lang));
        assertEquals(120, page(true).forsta(lang).size());
        assertFalse(page(true).fler(lang));
        assertFalse(page(false).fler(List.of(1, 2, 3)));
        assertEquals("/uppfoljning?alla=1&sortering=namn&team=3", page(false).allaUrl(), "filters are kept");
    }
}
