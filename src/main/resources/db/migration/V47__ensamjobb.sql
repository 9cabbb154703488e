-- Work that must run on one server at a time when several share the database (the message sender, the nightly
-- gallring): a lease per job, held by one server until its time runs out or it lets go. A server that stops
-- without letting go (a crash) is taken over when its lease has run out.
CREATE TABLE ensamjobb (
    jobb        TEXT NOT NULL PRIMARY KEY CHECK (length(jobb) BETWEEN 1 AND 50),
    innehavare  TEXT NOT NULL CHECK (length(innehavare) BETWEEN 1 AND 200),
    till        TEXT NOT NULL CHECK (length(till) = 20)
);
