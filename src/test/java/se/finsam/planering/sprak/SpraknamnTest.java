package se.finsam.planering.sprak;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A language by name in the reader's language, whether staff stored a code or wrote the name in Swedish. */
class SpraknamnTest {

    private static final Texter SV = Texter.of("sv");
    private static final Texter EN = Texter.of("en");
    private static final Texter AR = Texter.of("ar");

    @Test
    void enKodBlirSprakletsNamnPaLasarensSprak() {
        assertEquals("somaliska", SV.spraknamn("so"));
        assertEquals("Somaliska", SV.spraknamnVersal("so"));
        assertEquals("Somali", EN.spraknamn("SO"));
        assertEquals("الصومالية", AR.spraknamn("so"));
        assertEquals("Tigrinja", SV.spraknamnVersal("ti"));
    }

    @Test
    void ettNamnSomPersonalenSkrevPaSvenskaOversatts() {
        assertEquals("Somali", EN.spraknamn("Somaliska"));
        assertEquals("العربية", AR.spraknamn("arabiska"));
        assertEquals("Persian", EN.spraknamn("persiska"));
        assertEquals("Dari", EN.spraknamn("dari"));
        assertEquals("Arabiska", SV.spraknamnVersal("Arabiska"));
    }

    @Test
    void sprakSomJdkNamnerDaligtFarNamnFranTexterna() {
        assertEquals("pashto", SV.spraknamn("ps"), "the JDK calls it afghanska");
        assertEquals("dari", SV.spraknamn("prs"));
        assertEquals("البشتو", AR.spraknamn("ps"));
        assertEquals("Kurmanji", EN.spraknamn("kmr"));
    }

    @Test
    void detSomInteArEttSprakBehallsSomDetSkrevs() {
        assertEquals("teckenspråk (svenska)", SV.spraknamn(" teckenspråk (svenska) "));
        assertEquals("", SV.spraknamn(null));
        assertEquals("", SV.spraknamnVersal(""));
    }
}
