package se.finsam.planering.web;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.util.Map;

/** QR codes as inline SVG (one path, no style attributes, so the CSP stays strict). */
public final class QrCode {

    private QrCode() {
    }

    /**
     * The QR code as lines of text for a console, two module rows per line with the half blocks of Unicode. Light
     * modules (and the quiet zone around the code) are the printed blocks, as {@code qrencode -t UTF8} draws them, so
     * the code shows right on a dark console; a light one shows it inverted, which phone cameras read as well.
     */
    public static java.util.List<String> text(String text) {
        try {
            BitMatrix matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.L, EncodeHintType.MARGIN, 2));
            java.util.List<String> lines = new java.util.ArrayList<>();
            for (int y = 0; y < matrix.getHeight(); y += 2) {
                StringBuilder line = new StringBuilder(matrix.getWidth());
                for (int x = 0; x < matrix.getWidth(); x++) {
                    boolean top = !matrix.get(x, y);
                    boolean bottom = y + 1 >= matrix.getHeight() || !matrix.get(x, y + 1);
                    line.append(top ? (bottom ? '\u2588' : '\u2580') : (bottom ? '\u2584' : ' '));
                }
                lines.add(line.toString());
            }
            return java.util.List.copyOf(lines);
        } catch (WriterException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static String svg(String text, String label) {
        try {
            BitMatrix matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 2));
            // One rectangle per horizontal run of dark modules, not one square per module: a third of the size.
            StringBuilder path = new StringBuilder();
            for (int y = 0; y < matrix.getHeight(); y++) {
                int x = 0;
                while (x < matrix.getWidth()) {
                    if (!matrix.get(x, y)) {
                        x++;
                        continue;
                    }
                    int start = x;
                    while (x < matrix.getWidth() && matrix.get(x, y)) {
                        x++;
                    }
                    int bredd = x - start;
                    path.append('M').append(start).append(' ').append(y).append('h').append(bredd).append("v1h-")
                            .append(bredd).append('z');
                }
            }
            return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + matrix.getWidth() + " "
                    + matrix.getHeight() + "\" class=\"qr\" role=\"img\" aria-label=\"" + escape(label)
                    + "\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>"
                    + "<path fill=\"#000\" d=\"" + path + "\"/></svg>";
        } catch (WriterException e) {
            throw new IllegalArgumentException("Cannot make a QR code of " + text, e);
        }
    }

    /**
     * The same SVG as UTF-8 bytes ready to be copied into a page: for a code that stays the same on every page
     * (the plan's printed link to the app), so that its kilobytes are not encoded again for every view.
     */
    public static gg.jte.Content svgFardig(String text, String label) {
        byte[] utf8 = svg(text, label).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return output -> output.writeBinaryContent(utf8);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
