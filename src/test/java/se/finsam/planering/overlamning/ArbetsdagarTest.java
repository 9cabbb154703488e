package se.finsam.planering.overlamning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void julOchNyarRaknasInte() {
        LocalDate lillejulafton = LocalDate.of(2026, 12, 23);
        assertFalse(Arbetsdagar.arbetsdag(LocalDate.of(2026, 12, 24)), "julafton");
        assertFalse(Arbetsdagar.arbetsdag(LocalDate.of(2026, 12, 25)), "juldagen");
        assertFalse(Arbetsdagar.arbetsdag(LocalDate.of(2026, 12, 31)), "nyårsafton");
        assertFalse(Arbetsdagar.arbetsdag(LocalDate.of(2027, 1, 1)), "nyårsdagen");
        assertFalse(Arbetsdagar.arbetsdag(LocalDate.of(2027, 1, 6)), "trettondedag jul");
        assertEquals(0, Arbetsdagar.mellan(lillejulafton, LocalDate.of(2026, 12, 27)), "julafton to the Sunday");
        assertEquals(3, Arbetsdagar.mellan(lillejulafton, LocalDate.of(2026, 12, 30)), "28, 29 and 30 December");
        assertEquals(4, Arbetsdagar.mellan(lillejulafton, LocalDate.of(2027, 1, 4)), "then Monday 4 January");
        assertEquals(5, Arbetsdagar.mellan(lillejulafton, LocalDate.of(2027, 1, 5)));
        assertEquals(6, Arbetsdagar.mellan(lillejulafton, LocalDate.of(2027, 1, 7)), "6 January is a holiday");
    }

    @Test
    void paskenOchVarensHelgdagar2027() {
        // Easter Sunday 2027 is 28 March: långfredagen 26 March and annandag påsk 29 March are off.
        LocalDate skartorsdag = LocalDate.of(2027, 3, 25);
        assertTrue(Arbetsdagar.arbetsdag(skartorsdag), "skärtorsdagen is a working day");
        assertFalse(Arbetsdagar.arbetsdag(LocalDate.of(2027, 3, 26)), "långfredagen");
        assertFalse(Arbetsdagar.arbetsdag(LocalDate.of(2027, 3, 29)), "annandag påsk");
        assertEquals(0, Arbetsdagar.mellan(skartorsdag, LocalDate.of(2027, 3, 29)));
        assertEquals(1, Arbetsdagar.mellan(skartorsdag, LocalDate.of(2027, 3, 30)));
        assertEquals(5, Arbetsdagar.mellan(skartorsdag, LocalDate.of(2027, 4, 5)));
        assertFalse(Arbetsdagar.arbetsdag(LocalDate.of(2027, 5, 6)), "Kristi himmelfärdsdag 2027");
        assertTrue(Arbetsdagar.arbetsdag(LocalDate.of(2027, 5, 7)), "the day after is an ordinary Friday");
    }

    @Test
    void midsommarOchNationaldagen() {
        assertFalse(Arbetsdagar.arbetsdag(LocalDate.of(2027, 6, 25)), "midsommarafton 2027");
        assertTrue(Arbetsdagar.arbetsdag(LocalDate.of(2027, 6, 24)));
        assertFalse(Arbetsdagar.arbetsdag(LocalDate.of(2026, 6, 19)), "midsommarafton 2026");
        assertFalse(Arbetsdagar.arbetsdag(LocalDate.of(2029, 6, 6)), "nationaldagen on a Wednesday");
        assertFalse(Arbetsdagar.arbetsdag(LocalDate.of(2026, 5, 1)), "första maj");
    }
}
