package se.finsam.planering.anmalan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class PersonnummerTest {

    private static final LocalDate IDAG = LocalDate.of(2026, 11, 23);

    @Test
    void giltigaNummerSkrivsMedSekelOchBindestreck() {
        assertEquals("19811218-9876", Personnummer.normalisera("811218-9876", IDAG).orElseThrow());
        assertEquals("19811218-9876", Personnummer.normalisera("198112189876", IDAG).orElseThrow());
        assertEquals("19811218-9876", Personnummer.normalisera(" 19811218-9876 ", IDAG).orElseThrow());
        assertEquals(1981, Personnummer.fodelsear("19811218-9876"));
    }

    @Test
    void felKontrollsiffraEllerDatumGodtasInte() {
        assertTrue(Personnummer.normalisera("19811218-9875", IDAG).isEmpty(), "wrong Luhn check digit");
        assertTrue(Personnummer.normalisera("19811318-9870", IDAG).isEmpty(), "month 13");
        assertTrue(Personnummer.normalisera("1981121", IDAG).isEmpty());
        assertTrue(Personnummer.normalisera("abc", IDAG).isEmpty());
    }

    @Test
    void visasMaskeratForDemSomInteBehoverDet() {
        assertEquals("19811218-****", Personnummer.maskerat("19811218-9876"));
    }
}
