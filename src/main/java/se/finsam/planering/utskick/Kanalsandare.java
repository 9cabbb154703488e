package se.finsam.planering.utskick;

/** One channel's way out: another SMS gateway or mail service is one more class of this kind. */
public interface Kanalsandare {

    Kanal kanal();

    /**
     * Hands one message to the channel. Never throws for what the channel answers: every outcome is a
     * {@link Kanalsvar}, so the sender knows whether to mark it sent, try again or stop.
     */
    Kanalsvar skicka(String adress, String amne, String text);
}
