package se.finsam.planering.utskick;

/** Swedish phone numbers as written by people ("070-111 22 33") in the form a gateway takes (+46701112233). */
public final class Telefonnummer {

    private Telefonnummer() {
    }

    /** The number in E.164, or null when it is not a number. */
    public static String e164(String skrivet) {
        if (skrivet == null) {
            return null;
        }
        String s = skrivet.replaceAll("[\\s\\-()./]", "");
        if (s.startsWith("00")) {
            s = "+" + s.substring(2);
        } else if (s.startsWith("0")) {
            s = "+46" + s.substring(1);
        }
        return s.matches("\\+[1-9][0-9]{6,14}") ? s : null;
    }
}
