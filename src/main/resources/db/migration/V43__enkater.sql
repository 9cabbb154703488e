-- Participant surveys ("Vad tycker du?"): question sets, the invitation that lets her answer once, and the
-- answers, which are anonymous by construction.
--
-- enkat: a question set for one occasion; at most one set per occasion is active at a time.
--   tillfalle: forsta_uppfoljning (the first follow-up recorded while a set is active), avslut (at closure).
CREATE TABLE enkat (
    id          INTEGER PRIMARY KEY,
    namn        TEXT    NOT NULL CHECK (length(namn) BETWEEN 1 AND 200),
    tillfalle   TEXT    NOT NULL CHECK (tillfalle IN ('forsta_uppfoljning', 'avslut')),
    aktiv       INTEGER NOT NULL DEFAULT 0 CHECK (aktiv IN (0, 1)),
    skapad      TEXT    NOT NULL
);
CREATE UNIQUE INDEX enkat_en_aktiv_per_tillfalle ON enkat (tillfalle) WHERE aktiv = 1;

-- The questions of a set, each in Swedish, English and Arabic; every question is answered on a scale.
CREATE TABLE enkat_fraga (
    id          INTEGER PRIMARY KEY,
    enkat_id    INTEGER NOT NULL REFERENCES enkat (id),
    ordning     INTEGER NOT NULL,
    text_sv     TEXT    NOT NULL CHECK (length(text_sv) BETWEEN 1 AND 1000),
    text_en     TEXT    NOT NULL CHECK (length(text_en) BETWEEN 1 AND 1000),
    text_ar     TEXT    NOT NULL CHECK (length(text_ar) BETWEEN 1 AND 1000),
    UNIQUE (enkat_id, ordning)
);

-- A question's answer scale: the steps 1..n with their words in the three languages.
CREATE TABLE enkat_alternativ (
    fraga_id    INTEGER NOT NULL REFERENCES enkat_fraga (id),
    varde       INTEGER NOT NULL CHECK (varde BETWEEN 1 AND 11),
    text_sv     TEXT    NOT NULL CHECK (length(text_sv) BETWEEN 1 AND 200),
    text_en     TEXT    NOT NULL CHECK (length(text_en) BETWEEN 1 AND 200),
    text_ar     TEXT    NOT NULL CHECK (length(text_ar) BETWEEN 1 AND 200),
    PRIMARY KEY (fraga_id, varde)
) WITHOUT ROWID;

-- The single-use token that lets her answer one occasion's survey. Made by the triggers below when the occasion
-- comes, deleted in the same transaction that stores her answer.
CREATE TABLE enkat_inbjudan (
    token         TEXT    PRIMARY KEY,
    deltagare_id  INTEGER NOT NULL REFERENCES deltagare (id),
    tillfalle     TEXT    NOT NULL CHECK (tillfalle IN ('forsta_uppfoljning', 'avslut')),
    UNIQUE (deltagare_id, tillfalle)
) WITHOUT ROWID;

-- That she has answered an occasion, and nothing else: no time, no set, no key shared with the answer. A table
-- without rowid, ordered by participant, so its rows do not keep the order in which people answered.
CREATE TABLE enkat_besvarad (
    deltagare_id  INTEGER NOT NULL REFERENCES deltagare (id),
    tillfalle     TEXT    NOT NULL CHECK (tillfalle IN ('forsta_uppfoljning', 'avslut')),
    PRIMARY KEY (deltagare_id, tillfalle)
) WITHOUT ROWID;

-- An answer: never her id, only team, year, kön and national age band. The id is random (no rowid, no
-- sequence), so neither the id nor the order of the rows says who answered first.
CREATE TABLE enkat_svar (
    id          TEXT    PRIMARY KEY,
    enkat_id    INTEGER NOT NULL REFERENCES enkat (id),
    team_id     INTEGER NOT NULL REFERENCES team (id),
    ar          INTEGER NOT NULL CHECK (ar BETWEEN 2000 AND 2200),
    kon         TEXT    NOT NULL CHECK (kon IN ('kvinna', 'man', 'annat')),
    aldersband  TEXT    NOT NULL CHECK (aldersband IN ('16_29', '30_44', '45_59', '60_64', 'utanfor'))
) WITHOUT ROWID;
CREATE INDEX enkat_svar_enkat ON enkat_svar (enkat_id, ar, team_id);

-- Her step on each question she answered (a question she left blank has no row).
CREATE TABLE enkat_svarsrad (
    svar_id     TEXT    NOT NULL REFERENCES enkat_svar (id),
    fraga_id    INTEGER NOT NULL REFERENCES enkat_fraga (id),
    varde       INTEGER NOT NULL CHECK (varde BETWEEN 1 AND 11),
    PRIMARY KEY (svar_id, fraga_id)
) WITHOUT ROWID;

-- The occasions. Only a participant with a plan is asked (not one brought in by the import of earlier
-- participants), and never twice for the same occasion.
CREATE TRIGGER enkat_vid_uppfoljning AFTER INSERT ON uppfoljning
WHEN NEW.typ = 'uppfoljning' AND NEW.korrigerar_id IS NULL
 AND EXISTS (SELECT 1 FROM enkat WHERE tillfalle = 'forsta_uppfoljning' AND aktiv = 1)
 AND EXISTS (SELECT 1 FROM planering WHERE deltagare_id = NEW.deltagare_id)
 AND NOT EXISTS (SELECT 1 FROM avslut WHERE deltagare_id = NEW.deltagare_id)
 AND NOT EXISTS (SELECT 1 FROM enkat_besvarad WHERE deltagare_id = NEW.deltagare_id AND tillfalle = 'forsta_uppfoljning')
BEGIN
    INSERT OR IGNORE INTO enkat_inbjudan (token, deltagare_id, tillfalle)
    VALUES (lower(hex(randomblob(16))), NEW.deltagare_id, 'forsta_uppfoljning');
END;

CREATE TRIGGER enkat_vid_avslut AFTER INSERT ON avslut
WHEN NEW.orsak <> 'felregistrering'
 AND EXISTS (SELECT 1 FROM enkat WHERE tillfalle = 'avslut' AND aktiv = 1)
 AND EXISTS (SELECT 1 FROM planering WHERE deltagare_id = NEW.deltagare_id)
 AND NOT EXISTS (SELECT 1 FROM enkat_besvarad WHERE deltagare_id = NEW.deltagare_id AND tillfalle = 'avslut')
BEGIN
    INSERT OR IGNORE INTO enkat_inbjudan (token, deltagare_id, tillfalle)
    VALUES (lower(hex(randomblob(16))), NEW.deltagare_id, 'avslut');
END;

-- One neutral reminder through the outbox, two days after she was asked (the message names no survey, no
-- question and no person); gone again if she answers before it is sent.
CREATE TRIGGER utskick_enkat AFTER INSERT ON enkat_inbjudan
BEGIN
    INSERT OR IGNORE INTO utskick (nyckel, typ, team_id, deltagare_id, skapad, planerad)
    SELECT 'enkat:' || NEW.tillfalle || ':' || d.id, 'enkat', d.team_id, d.id,
           strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '+2 days')
    FROM deltagare d WHERE d.id = NEW.deltagare_id;
END;

CREATE TRIGGER utskick_enkat_besvarad AFTER DELETE ON enkat_inbjudan
BEGIN
    DELETE FROM utskick WHERE nyckel = 'enkat:' || OLD.tillfalle || ':' || OLD.deltagare_id AND status = 'vantar';
END;

-- Gallring removes what says she was asked or answered; the anonymous answers stay, as statistics do.
CREATE TRIGGER enkat_gallring AFTER UPDATE OF gallrad ON deltagare
WHEN NEW.gallrad IS NOT NULL
BEGIN
    DELETE FROM enkat_inbjudan WHERE deltagare_id = NEW.id;
    DELETE FROM enkat_besvarad WHERE deltagare_id = NEW.id;
END;

CREATE TRIGGER datautgava_enkat_ny AFTER INSERT ON enkat BEGIN UPDATE datautgava SET nr = nr + 1; END;
CREATE TRIGGER datautgava_enkat_andrad AFTER UPDATE ON enkat BEGIN UPDATE datautgava SET nr = nr + 1; END;
CREATE TRIGGER datautgava_enkat_borttagen AFTER DELETE ON enkat BEGIN UPDATE datautgava SET nr = nr + 1; END;
CREATE TRIGGER datautgava_enkat_inbjudan_ny AFTER INSERT ON enkat_inbjudan BEGIN UPDATE datautgava SET nr = nr + 1; END;
CREATE TRIGGER datautgava_enkat_inbjudan_andrad AFTER UPDATE ON enkat_inbjudan BEGIN UPDATE datautgava SET nr = nr + 1; END;
CREATE TRIGGER datautgava_enkat_inbjudan_borttagen AFTER DELETE ON enkat_inbjudan BEGIN UPDATE datautgava SET nr = nr + 1; END;
