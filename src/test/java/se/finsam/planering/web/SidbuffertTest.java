package se.finsam.planering.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import gg.jte.TemplateOutput;
import gg.jte.html.OwaspHtmlTemplateOutput;
import gg.jte.output.Utf8ByteOutput;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The page buffer writes exactly the bytes jte's own UTF-8 output would, whatever the script of the text. */
class SidbuffertTest {

    /** Texts as pages hold them: Swedish, Arabic with digits, emoji (surrogate pairs), markup, control codes. */
    private static final List<String> TEXTER = List.of("", "a", "<li dir=\"auto\">", "Åsa Öberg",
            "مرحبا 0701-23 45 67", "تم ٣ من ٥", "😀 klart", "x\u0000y\u007f\u0080\u07ff\u0800\uffff", "€",
            "\"'&<>", "a".repeat(3000), "ä".repeat(2000), "🙂".repeat(700), "ok \ud83d alone", "\ude00 low",
            "ال" + "ق".repeat(900) + "€".repeat(900), "\u07ff\u0800\ud7ff\ue000");

    /** Writes the same random page to both outputs, through the HTML escaping the templates use. */
    private static void skrivSlumpsida(Random slump, TemplateOutput... utdata) {
        int delar = slump.nextInt(300);
        for (int i = 0; i < delar; i++) {
            int val = slump.nextInt(4);
            String text = TEXTER.get(slump.nextInt(TEXTER.size())) + (slump.nextBoolean() ? i : "");
            int fran = slump.nextInt(text.length() + 1);
            // Split only at ASCII, as jte does.
            while (fran > 0 && fran < text.length() && text.charAt(fran) >= 0x80) {
                fran--;
            }
            for (TemplateOutput ut : utdata) {
                switch (val) {
                    case 0 -> ut.writeContent(text);
                    case 1 -> ut.writeContent(text, fran, text.length());
                    case 2 -> new OwaspHtmlTemplateOutput(ut).writeUserContent(text);
                    default -> ut.writeBinaryContent(text.getBytes(StandardCharsets.UTF_8));
                }
            }
        }
    }

    @Test
    void sammaByteSomJtesEgenUtdata() {
        Random slump = new Random(11);
        for (int sida = 0; sida < 400; sida++) {
            Sidbuffert buffert = Sidbuffert.ta();
            try {
                Utf8ByteOutput jte = new Utf8ByteOutput();
                skrivSlumpsida(slump, jte, buffert);
                assertEquals(jte.getContentLength(), buffert.langd(), "page " + sida);
                assertArrayEquals(jte.toByteArray(), Arrays.copyOf(buffert.bytes(), buffert.langd()), "page " + sida);
            } finally {
                buffert.slapp();
            }
        }
    }

    @Test
    void enStorSidaVaxerOchArrayenSlappsEfterat() {
        Sidbuffert buffert = Sidbuffert.ta();
        byte[] stor = new byte[Sidbuffert.BEHALL_HOGST + 1000];
        new Random(3).nextBytes(stor);
        try {
            buffert.writeContent("<p>");
            buffert.writeBinaryContent(stor);
            buffert.writeContent("ä</p>");
            assertEquals(3 + stor.length + 6, buffert.langd());
            assertArrayEquals(stor, Arrays.copyOfRange(buffert.bytes(), 3, 3 + stor.length));
            assertEquals("ä</p>", new String(buffert.bytes(), 3 + stor.length, 6, StandardCharsets.UTF_8));
        } finally {
            buffert.slapp();
        }
        Sidbuffert nasta = Sidbuffert.ta();
        try {
            assertSame(buffert, nasta, "the thread keeps its buffer");
            assertEquals(0, nasta.langd(), "and it starts empty");
            assertEquals(Sidbuffert.START, nasta.bytes().length, "with a new array of the first size");
        } finally {
            nasta.slapp();
        }
    }

    /** A page rendered while this thread's buffer is still taken gets its own buffer: nothing is mixed. */
    @Test
    void enSidaInomEnAnnanFarEgenBuffert() {
        Sidbuffert yttre = Sidbuffert.ta();
        try {
            yttre.writeContent("yttre");
            Sidbuffert inre = Sidbuffert.ta();
            try {
                assertNotSame(yttre, inre);
                inre.writeContent("inre");
                assertEquals("inre", new String(inre.bytes(), 0, inre.langd(), StandardCharsets.UTF_8));
            } finally {
                inre.slapp();
            }
            yttre.writeContent(" sida");
            assertEquals("yttre sida", new String(yttre.bytes(), 0, yttre.langd(), StandardCharsets.UTF_8));
        } finally {
            yttre.slapp();
        }
    }
}
