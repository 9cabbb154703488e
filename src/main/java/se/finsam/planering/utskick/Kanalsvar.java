package se.finsam.planering.utskick;

/**
 * What a channel answered: it accepted the message (with its own reference, if it gave one), it could not take it
 * now (try again later), or the address will never work (an SMTP 5xx, the gateway's "invalid number").
 */
public record Kanalsvar(Utfall utfall, String referens, String fel) {

    public enum Utfall { ACCEPTERAT, FORSOK_IGEN, PERMANENT }

    public static Kanalsvar accepterat(String referens) {
        return new Kanalsvar(Utfall.ACCEPTERAT, referens, null);
    }

    public static Kanalsvar forsokIgen(String fel) {
        return new Kanalsvar(Utfall.FORSOK_IGEN, null, fel);
    }

    public static Kanalsvar permanent(String fel) {
        return new Kanalsvar(Utfall.PERMANENT, null, fel);
    }
}
