package se.finsam.planering.utskick;

/** One channel's way out: another SMS gateway or mail service is one more class of this kind. */
public interface Kanalsandare {

    Kanal kanal();

    /**
     * Hands one message to the channel. Never throws for what the channel answers: every outcome is a
     * {@link Kanalsvar}, so the sender knows whether to mark it sent, try again or stop.
     */
    Kanalsvar skicka(String adress, String amne, String text);

    /**
     * A run of messages, one after the other on one thread, closed when the run ends: a channel with a
     * connection of its own (SMTP) keeps it open between the messages instead of making one for each. By
     * default each message goes as {@link #skicka} sends it.
     */
    default Omgang omgang() {
        return new Omgang() {
            @Override
            public Kanalsvar skicka(String adress, String amne, String text) {
                return Kanalsandare.this.skicka(adress, amne, text);
            }

            @Override
            public void close() {
                // nothing held between messages
            }
        };
    }

    /** Messages sent one at a time over what the channel keeps open; each answered as {@link #skicka} answers. */
    interface Omgang extends AutoCloseable {

        Kanalsvar skicka(String adress, String amne, String text);

        @Override
        void close();
    }
}
