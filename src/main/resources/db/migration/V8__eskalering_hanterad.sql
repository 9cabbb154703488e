-- The koordinator's answer to an escalation: appended, never updated. An escalation with an answer
-- leaves the koordinator's list; the note says what was done.
CREATE TABLE eskalering_hanterad (
    id              INTEGER PRIMARY KEY,
    uppfoljning_id  INTEGER NOT NULL REFERENCES uppfoljning (id),
    hanterad        TEXT    NOT NULL,
    hanterad_av     INTEGER NOT NULL REFERENCES anvandare (id),
    notering        TEXT    NOT NULL CHECK (length(notering) BETWEEN 1 AND 2000)
);
CREATE INDEX eskalering_hanterad_uppfoljning ON eskalering_hanterad (uppfoljning_id);
