package se.finsam.planering.db;

import org.jdbi.v3.core.Jdbi;

/**
 * The data version: a number that triggers raise with every change to what pages show (not with reads,
 * logins or log rows). Read it before the data it vouches for: a page built afterwards is at least that new.
 */
public final class Datautgava {

    private final Jdbi jdbi;

    public Datautgava(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public long nu() {
        return jdbi.withHandle(h -> h.createQuery("SELECT nr FROM datautgava").mapTo(Long.class).one());
    }
}
