package se.finsam.planering.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import gg.jte.output.StringOutput;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The SVG's rectangles cover exactly the dark modules of the code, and nothing else. */
class QrCodeTest {

    private static final Pattern RUN = Pattern.compile("M(\\d+) (\\d+)h(\\d+)v1h-(\\d+)z");

    @Test
    void rektanglarnaArKodensMorkaModuler() throws Exception {
        for (String text : new String[] {"https://finsam.example.se/", "otpauth://totp/FINSAM:koordinator?secret=ABC",
                "https://planering.finsam-kista.se/aktivera?kod=" + "x".repeat(120)}) {
            BitMatrix vantad = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 2));
            String svg = QrCode.svg(text, "Skanna \"mig\" <här>");
            assertTrue(svg.contains("viewBox=\"0 0 " + vantad.getWidth() + " " + vantad.getHeight() + "\""), svg);
            assertTrue(svg.contains("aria-label=\"Skanna &quot;mig&quot; &lt;här&gt;\""), svg);
            String d = svg.substring(svg.indexOf(" d=\"") + 4, svg.lastIndexOf("\"/></svg>"));
            boolean[][] ritad = new boolean[vantad.getHeight()][vantad.getWidth()];
            Matcher m = RUN.matcher(d);
            int slut = 0;
            while (m.find()) {
                assertEquals(slut, m.start(), "nothing but rectangles in the path");
                slut = m.end();
                int x = Integer.parseInt(m.group(1));
                int y = Integer.parseInt(m.group(2));
                int bredd = Integer.parseInt(m.group(3));
                assertEquals(bredd, Integer.parseInt(m.group(4)));
                for (int i = x; i < x + bredd; i++) {
                    assertTrue(!ritad[y][i], "each module drawn once");
                    ritad[y][i] = true;
                }
            }
            assertEquals(d.length(), slut);
            for (int y = 0; y < vantad.getHeight(); y++) {
                for (int x = 0; x < vantad.getWidth(); x++) {
                    assertEquals(vantad.get(x, y), ritad[y][x], text + " at " + x + "," + y);
                }
            }
            StringOutput fardig = new StringOutput();
            QrCode.svgFardig(text, "Skanna \"mig\" <här>").writeTo(fardig);
            assertEquals(svg, fardig.toString(), "the ready bytes are the same SVG");
        }
    }
}
