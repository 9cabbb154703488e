-- A number that grows whenever a session ends or changes what it opens (PIN set, second factor passed). The
-- server keeps the sessions it has looked up in memory while this number and the data version stand still,
-- so an ordinary page costs no session or account query. Sliding the last-seen time (once a minute) and
-- creating a session do not count: neither can make a remembered session wrong.
CREATE TABLE sessionsutgava (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    nr INTEGER NOT NULL
);
INSERT INTO sessionsutgava (id, nr) VALUES (1, 1);

CREATE TRIGGER sessionsutgava_borttagen AFTER DELETE ON session
BEGIN UPDATE sessionsutgava SET nr = nr + 1; END;
CREATE TRIGGER sessionsutgava_andrad AFTER UPDATE OF token_hash, anvandare_id, skapad, pin_saknas, andra_faktor_kravs
ON session
BEGIN UPDATE sessionsutgava SET nr = nr + 1; END;
