package se.finsam.planering.statistik;

/** Horizontal bar charts drawn on the server as SVG, from the suppressed row totals of a table. */
public final class Diagram {

    private Diagram() {
    }

    /** One bar per row; a hidden total gets no bar and its "&lt;5" or "x" as text. */
    public static String staplar(Statistik.Tabell tabell, String textalternativ) {
        String[][] celler = tabell.celler();
        int rader = tabell.rader().size();
        int summa = celler[0].length - 1;
        int max = 1;
        for (int r = 0; r < rader; r++) {
            Integer v = Smacellsskydd.tal(celler[r][summa]);
            if (v != null) {
                max = Math.max(max, v);
            }
        }
        int radhojd = 28;
        int hojd = Math.max(rader, 1) * radhojd + 8;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg class=\"diagram\" role=\"img\" viewBox=\"0 0 600 ").append(hojd)
                .append("\" xmlns=\"http://www.w3.org/2000/svg\" aria-label=\"").append(esc(textalternativ))
                .append("\"><defs><pattern id=\"rand-").append(tabell.id())
                .append("\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">")
                .append("<rect width=\"8\" height=\"8\" fill=\"#1d4f91\"/>")
                .append("<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"8\" stroke=\"#ffffff\" stroke-width=\"2\"/>")
                .append("</pattern></defs>");
        for (int r = 0; r < rader; r++) {
            int y = 4 + r * radhojd;
            String cell = celler[r][summa];
            Integer v = Smacellsskydd.tal(cell);
            svg.append("<text x=\"0\" y=\"").append(y + 18).append("\" font-size=\"13\" fill=\"#1a1a1a\">")
                    .append(esc(kort(tabell.rader().get(r)))).append("</text>");
            int bredd = v == null ? 0 : (int) Math.round(300.0 * v / max);
            if (bredd > 0) {
                svg.append("<rect x=\"230\" y=\"").append(y + 4).append("\" width=\"").append(bredd)
                        .append("\" height=\"18\" fill=\"url(#rand-").append(tabell.id())
                        .append(")\" stroke=\"#1a1a1a\"/>");
            }
            svg.append("<text x=\"").append(236 + bredd).append("\" y=\"").append(y + 18)
                    .append("\" font-size=\"13\" fill=\"#1a1a1a\">").append(esc(cell)).append("</text>");
        }
        return svg.append("</svg>").toString();
    }

    private static String kort(String s) {
        return s.length() > 32 ? s.substring(0, 31) + "…" : s;
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /**
     * One bar per name for a share in per cent (0–100), with the target as a dashed line when there is one; a
     * share that cannot be shown gets no bar and a dash.
     */
    public static String andelar(String id, java.util.List<String> namn, java.util.List<Double> procent, Double mal,
                                 String textalternativ) {
        int radhojd = 24;
        int hojd = Math.max(namn.size(), 1) * radhojd + 8;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg class=\"diagram\" role=\"img\" viewBox=\"0 0 600 ").append(hojd)
                .append("\" xmlns=\"http://www.w3.org/2000/svg\" aria-label=\"").append(esc(textalternativ))
                .append("\"><defs><pattern id=\"rand-").append(id)
                .append("\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">")
                .append("<rect width=\"8\" height=\"8\" fill=\"#1d4f91\"/>")
                .append("<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"8\" stroke=\"#ffffff\" stroke-width=\"2\"/>")
                .append("</pattern></defs>");
        for (int r = 0; r < namn.size(); r++) {
            int y = 4 + r * radhojd;
            Double v = procent.get(r);
            svg.append("<text x=\"0\" y=\"").append(y + 16).append("\" font-size=\"13\" fill=\"#1a1a1a\">")
                    .append(esc(kort(namn.get(r)))).append("</text>");
            int bredd = v == null ? 0 : (int) Math.round(300.0 * Math.min(v, 100) / 100);
            if (bredd > 0) {
                svg.append("<rect x=\"230\" y=\"").append(y + 3).append("\" width=\"").append(bredd)
                        .append("\" height=\"16\" fill=\"url(#rand-").append(id).append(")\" stroke=\"#1a1a1a\"/>");
            }
            svg.append("<text x=\"").append(236 + bredd).append("\" y=\"").append(y + 16)
                    .append("\" font-size=\"13\" fill=\"#1a1a1a\">")
                    .append(v == null ? "–" : String.format(java.util.Locale.forLanguageTag("sv"), "%.0f %%", v))
                    .append("</text>");
        }
        if (mal != null) {
            int x = 230 + (int) Math.round(300.0 * Math.min(mal, 100) / 100);
            svg.append("<line x1=\"").append(x).append("\" y1=\"0\" x2=\"").append(x).append("\" y2=\"")
                    .append(hojd).append("\" stroke=\"#a4000f\" stroke-width=\"2\" stroke-dasharray=\"4 3\"/>");
        }
        return svg.append("</svg>").toString();
    }
}
