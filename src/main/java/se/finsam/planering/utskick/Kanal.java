package se.finsam.planering.utskick;

/** A way a message reaches a person. The order is the order of preference when she has several turned on. */
public enum Kanal {
    PUSH("push"), SMS("sms"), EPOST("epost");

    private final String kod;

    Kanal(String kod) {
        this.kod = kod;
    }

    /** The code kept in the database. */
    public String kod() {
        return kod;
    }

    /** SMS and push wait through quiet hours; e-mail is read when the recipient chooses. */
    public boolean tystaTimmar() {
        return this != EPOST;
    }

    public static Kanal av(String kod) {
        for (Kanal k : values()) {
            if (k.kod.equals(kod)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown channel: " + kod);
    }
}
