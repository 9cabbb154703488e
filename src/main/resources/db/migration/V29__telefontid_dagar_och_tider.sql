-- Telephone hours as days of the week and a time of day, so that each reader gets them in her own language
-- (the participant's Kontakter page in Arabic says the days in Arabic). telefontid_dagar has one bit per weekday,
-- Monday the lowest (1) and Sunday the highest (64); telefontid_fran and telefontid_till are HH:MM, and equal
-- times mean round the clock. The free text column telefontider is kept: start-up fills the new columns from it
-- wherever the text can be read ("Mån–tors 9–11", "Tis och tors 13–15", "Vardagar 8–16"), and a text that cannot
-- be read is shown as written until someone enters the hours as days and times.

ALTER TABLE organisation ADD COLUMN telefontid_dagar INTEGER CHECK (telefontid_dagar BETWEEN 1 AND 127);
ALTER TABLE organisation ADD COLUMN telefontid_fran TEXT CHECK (telefontid_fran GLOB '[0-2][0-9]:[0-5][0-9]');
ALTER TABLE organisation ADD COLUMN telefontid_till TEXT CHECK (telefontid_till GLOB '[0-2][0-9]:[0-5][0-9]');

ALTER TABLE anvandare ADD COLUMN telefontid_dagar INTEGER CHECK (telefontid_dagar BETWEEN 1 AND 127);
ALTER TABLE anvandare ADD COLUMN telefontid_fran TEXT CHECK (telefontid_fran GLOB '[0-2][0-9]:[0-5][0-9]');
ALTER TABLE anvandare ADD COLUMN telefontid_till TEXT CHECK (telefontid_till GLOB '[0-2][0-9]:[0-5][0-9]');

ALTER TABLE kontaktperson ADD COLUMN telefontid_dagar INTEGER CHECK (telefontid_dagar BETWEEN 1 AND 127);
ALTER TABLE kontaktperson ADD COLUMN telefontid_fran TEXT CHECK (telefontid_fran GLOB '[0-2][0-9]:[0-5][0-9]');
ALTER TABLE kontaktperson ADD COLUMN telefontid_till TEXT CHECK (telefontid_till GLOB '[0-2][0-9]:[0-5][0-9]');

-- A booking's purpose and "ta med" are null when the koordinator did not write her own: letters, pages and the
-- calendar file then give the standard text in the participant's language. Until now the Swedish standard purpose
-- was stored (the column was NOT NULL with it as default); the table is rebuilt without that, and stored copies
-- of the Swedish standard texts become null. The view and triggers that use the table are made again as they were.
DROP VIEW deltagare_fas;

CREATE TABLE mote_deltagare_ny (
    id                  INTEGER PRIMARY KEY,
    mote_id             INTEGER NOT NULL REFERENCES mote (id),
    deltagare_id        INTEGER NOT NULL REFERENCES deltagare (id),
    tid                 TEXT    NOT NULL,
    syfte               TEXT,               -- null: the standard purpose, in the reader's language
    ta_med              TEXT,               -- null: the standard "ta med", in the reader's language
    kallelse_skapad     TEXT,
    sekvens             INTEGER NOT NULL DEFAULT 0 CHECK (sekvens >= 0),
    flyttad_fran_tid    TEXT,
    flyttad_fran_plats  TEXT,
    UNIQUE (mote_id, deltagare_id),
    UNIQUE (mote_id, tid)
);

INSERT INTO mote_deltagare_ny (id, mote_id, deltagare_id, tid, syfte, ta_med, kallelse_skapad, sekvens,
                               flyttad_fran_tid, flyttad_fran_plats)
SELECT id, mote_id, deltagare_id, tid,
       CASE WHEN trim(syfte) IN ('', 'Att tillsammans med dig göra en planering för vägen mot arbete, studier eller rätt ersättning.')
            THEN NULL ELSE syfte END,
       CASE WHEN trim(ta_med) IN ('', 'Legitimation, och gärna papper om din ersättning och dina kontakter med vården.')
            THEN NULL ELSE ta_med END,
       kallelse_skapad, sekvens, flyttad_fran_tid, flyttad_fran_plats
FROM mote_deltagare;

DROP TABLE mote_deltagare;
ALTER TABLE mote_deltagare_ny RENAME TO mote_deltagare;
CREATE INDEX mote_deltagare_deltagare ON mote_deltagare (deltagare_id);

CREATE TRIGGER datautgava_mote_deltagare_ny AFTER INSERT ON mote_deltagare BEGIN UPDATE datautgava SET nr = nr + 1; END;
CREATE TRIGGER datautgava_mote_deltagare_andrad AFTER UPDATE ON mote_deltagare BEGIN UPDATE datautgava SET nr = nr + 1; END;
CREATE TRIGGER datautgava_mote_deltagare_borttagen AFTER DELETE ON mote_deltagare BEGIN UPDATE datautgava SET nr = nr + 1; END;

-- The participant's stage, derived from what has been recorded (never stored twice).
CREATE VIEW deltagare_fas AS
SELECT d.id AS deltagare_id,
       CASE
           WHEN EXISTS (SELECT 1 FROM avslut a WHERE a.deltagare_id = d.id) THEN 'avslutad'
           WHEN EXISTS (SELECT 1 FROM planering p WHERE p.deltagare_id = d.id AND p.overlamnad IS NOT NULL) THEN 'uppfoljning'
           WHEN EXISTS (SELECT 1 FROM planering p WHERE p.deltagare_id = d.id) THEN 'planerad'
           WHEN EXISTS (SELECT 1 FROM mote_deltagare md WHERE md.deltagare_id = d.id) THEN 'kallad'
           ELSE 'anmald'
       END AS fas
FROM deltagare d;
