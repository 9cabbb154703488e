package se.finsam.planering.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A shared part is cut where the form token goes, and a part holding a session's token is refused. */
class FardigdelarTest {

    private static List<String> bitar(String html, String token) {
        return Arrays.stream(Fardigdelar.dela(html.getBytes(StandardCharsets.UTF_8), token, "prov.jte"))
                .map(b -> new String(b, StandardCharsets.UTF_8)).toList();
    }

    @Test
    void delenSkarsDarNyckelnSkaStaOchBaraDar() {
        String n = Fardigdelar.FORMULARNYCKEL;
        assertEquals(List.of("<p>Mål: läsa</p><input value=\"", "\"><b>", "\">"),
                bitar("<p>Mål: läsa</p><input value=\"" + n + "\"><b>" + n + "\">", "sessionens-nyckel-123"));
        // What a person typed is escaped before it is in a part, so the marker's text from her is no place.
        assertEquals(List.of("<q>&lt;!--finsam:formularnyckel--&gt;</q>"),
                bitar("<q>&lt;!--finsam:formularnyckel--&gt;</q>", "sessionens-nyckel-123"));
        byte[] utan = "<p>ingen nyckel</p>".getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(utan, Fardigdelar.dela(utan, "sessionens-nyckel-123", "prov.jte")[0]);
    }

    @Test
    void enDelMedSessionensEgenNyckelVagras() {
        IllegalStateException fel = assertThrows(IllegalStateException.class,
                () -> bitar("<input name=\"_csrf\" value=\"sessionens-nyckel-123\">", "sessionens-nyckel-123"));
        assertEquals(true, fel.getMessage().contains("FORMULARNYCKEL"), fel.getMessage());
    }
}
