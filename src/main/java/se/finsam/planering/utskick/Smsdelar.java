package se.finsam.planering.utskick;

/**
 * How many SMS segments a text takes. A text in the GSM 7-bit alphabet takes 160 characters in one message and
 * 153 a segment when split (the characters of the extension table count twice); any other character (Arabic,
 * for one) makes the whole message UCS-2: 70 UTF-16 units alone, 67 a segment.
 */
public final class Smsdelar {

    private static final String GSM7 = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String GSM7_UTOKAD = "^{}\\[~]|€\f";

    private Smsdelar() {
    }

    public static boolean gsm7(String text) {
        return text.chars().allMatch(c -> GSM7.indexOf(c) >= 0 || GSM7_UTOKAD.indexOf(c) >= 0);
    }

    public static int antal(String text) {
        if (gsm7(text)) {
            int langd = text.chars().map(c -> GSM7_UTOKAD.indexOf(c) >= 0 ? 2 : 1).sum();
            return langd <= 160 ? 1 : (langd + 152) / 153;
        }
        int langd = text.length();
        return langd <= 70 ? 1 : (langd + 66) / 67;
    }
}
