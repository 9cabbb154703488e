-- A check after avslut often takes several calls. Each attempt that did not reach the person is a row here, with
-- when it was made and by whom; "gick inte att nå" (an efterkontroll row with nadd = 0) is recorded when the
-- koordinator gives up, not after the first attempt. Append-only like efterkontroll.
CREATE TABLE efterkontroll_forsok (
    id              INTEGER PRIMARY KEY,
    deltagare_id    INTEGER NOT NULL REFERENCES deltagare (id),
    manader         INTEGER NOT NULL CHECK (manader IN (6, 12)),
    tidpunkt        TEXT    NOT NULL,
    registrerad_av  INTEGER NOT NULL REFERENCES anvandare (id)
);
CREATE INDEX efterkontroll_forsok_deltagare ON efterkontroll_forsok (deltagare_id, manader);

CREATE TRIGGER efterkontroll_forsok_ingen_andring BEFORE UPDATE ON efterkontroll_forsok
BEGIN
    SELECT RAISE(ABORT, 'efterkontroll_forsok is append-only');
END;
CREATE TRIGGER efterkontroll_forsok_ingen_ersattning BEFORE INSERT ON efterkontroll_forsok
WHEN EXISTS (SELECT 1 FROM efterkontroll_forsok WHERE id = NEW.id)
BEGIN
    SELECT RAISE(ABORT, 'efterkontroll_forsok is append-only: the row exists');
END;

CREATE TRIGGER datautgava_efterkontroll_forsok_ny AFTER INSERT ON efterkontroll_forsok BEGIN UPDATE datautgava SET nr = nr + 1; END;
CREATE TRIGGER efterkontroll_forsok_ingen_radering BEFORE DELETE ON efterkontroll_forsok
BEGIN
    SELECT RAISE(ABORT, 'efterkontroll_forsok is append-only');
END;
