package se.finsam.planering.overlamning;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ArbetsdagarTest {

    @Test
    void helgerRaknasInte() {
        LocalDate mandag = LocalDate.of(2026, 11, 23);
        assertEquals(0, Arbetsdagar.mellan(mandag, mandag));
        assertEquals(4, Arbetsdagar.mellan(mandag, mandag.plusDays(4)), "Monday to Friday");
        assertEquals(4, Arbetsdagar.mellan(mandag, mandag.plusDays(6)), "the weekend adds nothing");
        assertEquals(5, Arbetsdagar.mellan(mandag, mandag.plusDays(7)), "next Monday");
        assertEquals(1, Arbetsdagar.mellan(LocalDate.of(2026, 11, 27), LocalDate.of(2026, 11, 30)), "Friday to Monday");
    }
}
