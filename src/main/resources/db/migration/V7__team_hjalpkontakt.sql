-- Whom a participant can turn to when her plan is closed and nobody takes over: besides the koordinator,
-- each team names its own fallbacks (such as 1177 Vårdguiden and the kommun's switchboard), in order.
CREATE TABLE team_hjalpkontakt (
    id          INTEGER PRIMARY KEY,
    team_id     INTEGER NOT NULL REFERENCES team (id),
    ordning     INTEGER NOT NULL DEFAULT 0,
    namn        TEXT    NOT NULL CHECK (length(namn) BETWEEN 1 AND 100),
    telefon     TEXT    CHECK (telefon IS NULL OR length(telefon) BETWEEN 1 AND 40),
    beskrivning TEXT    CHECK (beskrivning IS NULL OR length(beskrivning) <= 300)
);

CREATE INDEX team_hjalpkontakt_team ON team_hjalpkontakt (team_id, ordning);
