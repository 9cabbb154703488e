-- Outcome data, recorded once in the flow people already follow.
--
-- At inskrivning (on the anmälan, editable until the plan is handed over): highest completed education,
-- how long the person has lived on public support, sysselsättning before (beside the försörjning the
-- anmälan already holds) and whether the person had an employment at start. The inskrivning date is the
-- date of the first team meeting and is derived from the meetings, not stored a second time.
-- At avslut: sysselsättning after (beside the försörjning avslut already holds) and the step towards work
-- the plan reached.
-- Rows written before this migration have no such values: NULL means "not recorded" and is counted as
-- unknown; forms require a value for every new record.
-- After avslut: a check at 6 and 12 months (efterkontroll), append-only like the follow-ups. A correction is
-- a new row naming the row it replaces (ersatter_id), so every change stays traceable; the current check is
-- the newest row not replaced by another.
-- Codes come from vardemangd like every coded column (see V10).

INSERT INTO vardemangd (mangd, kod, ordning) VALUES
    ('utbildning', 'forgymnasial', 1),
    ('utbildning', 'gymnasial', 2),
    ('utbildning', 'eftergymnasial_under_3', 3),
    ('utbildning', 'eftergymnasial_3_eller_mer', 4),
    ('utbildning', 'okand', 5),
    ('tid_forsorjning', 'upp_till_1', 1),
    ('tid_forsorjning', '1_2', 2),
    ('tid_forsorjning', '3_4', 3),
    ('tid_forsorjning', '5_9', 4),
    ('tid_forsorjning', 'over_9', 5),
    ('tid_forsorjning', 'okant', 6),
    ('sysselsattning', 'arbete', 1),
    ('sysselsattning', 'studier', 2),
    ('sysselsattning', 'arbetssokande', 3),
    ('sysselsattning', 'ingen', 4),
    ('sysselsattning', 'annan', 5),
    ('ja_nej_okant', 'ja', 1),
    ('ja_nej_okant', 'nej', 2),
    ('ja_nej_okant', 'okant', 3),
    ('steg_mot_arbete', 'arbete_studier', 1),
    ('steg_mot_arbete', 'annan_insats_rehabilitering', 2),
    ('steg_mot_arbete', 'arbetstraning_praktik', 3),
    ('steg_mot_arbete', 'stabil_narvaro', 4),
    ('steg_mot_arbete', 'inget', 5);

ALTER TABLE anmalan ADD COLUMN utbildning TEXT;
ALTER TABLE anmalan ADD COLUMN tid_forsorjning TEXT;
ALTER TABLE anmalan ADD COLUMN sysselsattning TEXT;
ALTER TABLE anmalan ADD COLUMN anstallning_vid_start TEXT;

ALTER TABLE avslut ADD COLUMN sysselsattning TEXT;
ALTER TABLE avslut ADD COLUMN steg_mot_arbete TEXT;

CREATE TABLE efterkontroll (
    id              INTEGER PRIMARY KEY,
    deltagare_id    INTEGER NOT NULL REFERENCES deltagare (id),
    manader         INTEGER NOT NULL CHECK (manader IN (6, 12)),
    nadd            INTEGER NOT NULL CHECK (nadd IN (0, 1)),      -- 0: the person could not be reached
    forsorjning     TEXT,
    sysselsattning  TEXT,
    datum           TEXT    NOT NULL,                             -- the day the check was made
    registrerad_av  INTEGER NOT NULL REFERENCES anvandare (id),
    registrerad     TEXT    NOT NULL,
    ersatter_id     INTEGER UNIQUE REFERENCES efterkontroll (id),
    CHECK ((nadd = 1 AND forsorjning IS NOT NULL AND sysselsattning IS NOT NULL)
        OR (nadd = 0 AND forsorjning IS NULL AND sysselsattning IS NULL))
);
CREATE INDEX efterkontroll_deltagare ON efterkontroll (deltagare_id, manader);

CREATE TRIGGER efterkontroll_ingen_andring BEFORE UPDATE ON efterkontroll
BEGIN
    SELECT RAISE(ABORT, 'efterkontroll is append-only');
END;
CREATE TRIGGER efterkontroll_ingen_radering BEFORE DELETE ON efterkontroll
BEGIN
    SELECT RAISE(ABORT, 'efterkontroll is append-only');
END;
-- A correction replaces a check of the same participant and the same month.
CREATE TRIGGER efterkontroll_ersatter_samma BEFORE INSERT ON efterkontroll
WHEN NEW.ersatter_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM efterkontroll e WHERE e.id = NEW.ersatter_id
        AND e.deltagare_id = NEW.deltagare_id AND e.manader = NEW.manader)
BEGIN
    SELECT RAISE(ABORT, 'efterkontroll.ersatter_id: must name a check of the same participant and month');
END;

CREATE TRIGGER vardemangd_anmalan_utbildning_ny BEFORE INSERT ON anmalan
WHEN NEW.utbildning IS NOT NULL AND NOT EXISTS (SELECT 1 FROM vardemangd WHERE mangd = 'utbildning' AND kod = NEW.utbildning)
BEGIN
    SELECT RAISE(ABORT, 'anmalan.utbildning: code not in vardemangd utbildning');
END;

CREATE TRIGGER vardemangd_anmalan_utbildning_andrad BEFORE UPDATE OF utbildning ON anmalan
WHEN NEW.utbildning IS NOT NULL AND NOT EXISTS (SELECT 1 FROM vardemangd WHERE mangd = 'utbildning' AND kod = NEW.utbildning)
BEGIN
    SELECT RAISE(ABORT, 'anmalan.utbildning: code not in vardemangd utbildning');
END;

CREATE TRIGGER vardemangd_anmalan_tid_forsorjning_ny BEFORE INSERT ON anmalan
WHEN NEW.tid_forsorjning IS NOT NULL AND NOT EXISTS (SELECT 1 FROM vardemangd WHERE mangd = 'tid_forsorjning' AND kod = NEW.tid_forsorjning)
BEGIN
    SELECT RAISE(ABORT, 'anmalan.tid_forsorjning: code not in vardemangd tid_forsorjning');
END;

CREATE TRIGGER vardemangd_anmalan_tid_forsorjning_andrad BEFORE UPDATE OF tid_forsorjning ON anmalan
WHEN NEW.tid_forsorjning IS NOT NULL AND NOT EXISTS (SELECT 1 FROM vardemangd WHERE mangd = 'tid_forsorjning' AND kod = NEW.tid_forsorjning)
BEGIN
    SELECT RAISE(ABORT, 'anmalan.tid_forsorjning: code not in vardemangd tid_forsorjning');
END;

CREATE TRIGGER vardemangd_anmalan_sysselsattning_ny BEFORE INSERT ON anmalan
WHEN NEW.sysselsattning IS NOT NULL AND NOT EXISTS (SELECT 1 FROM vardemangd WHERE mangd = 'sysselsattning' AND kod = NEW.sysselsattning)
BEGIN
    SELECT RAISE(ABORT, 'anmalan.sysselsattning: code not in vardemangd sysselsattning');
END;

CREATE TRIGGER vardemangd_anmalan_sysselsattning_andrad BEFORE UPDATE OF sysselsattning ON anmalan
WHEN NEW.sysselsattning IS NOT NULL AND NOT EXISTS (SELECT 1 FROM vardemangd WHERE mangd = 'sysselsattning' AND kod = NEW.sysselsattning)
BEGIN
    SELECT RAISE(ABORT, 'anmalan.sysselsattning: code not in vardemangd sysselsattning');
END;

CREATE TRIGGER vardemangd_anmalan_anstallning_vid_start_ny BEFORE INSERT ON anmalan
WHEN NEW.anstallning_vid_start IS NOT NULL AND NOT EXISTS (SELECT 1 FROM vardemangd WHERE mangd = 'ja_nej_okant' AND kod = NEW.anstallning_vid_start)
BEGIN
    SELECT RAISE(ABORT, 'anmalan.anstallning_vid_start: code not in vardemangd ja_nej_okant');
END;

CREATE TRIGGER vardemangd_anmalan_anstallning_vid_start_andrad BEFORE UPDATE OF anstallning_vid_start ON anmalan
WHEN NEW.anstallning_vid_start IS NOT NULL AND NOT EXISTS (SELECT 1 FROM vardemangd WHERE mangd = 'ja_nej_okant' AND kod = NEW.anstallning_vid_start)
BEGIN
    SELECT RAISE(ABORT, 'anmalan.anstallning_vid_start: code not in vardemangd ja_nej_okant');
END;

CREATE TRIGGER vardemangd_avslut_sysselsattning_ny BEFORE INSERT ON avslut
WHEN NEW.sysselsattning IS NOT NULL AND NOT EXISTS (SELECT 1 FROM vardemangd WHERE mangd = 'sysselsattning' AND kod = NEW.sysselsattning)
BEGIN
    SELECT RAISE(ABORT, 'avslut.sysselsattning: code not in vardemangd sysselsattning');
END;

CREATE TRIGGER vardemangd_avslut_sysselsattning_andrad BEFORE UPDATE OF sysselsattning ON avslut
WHEN NEW.sysselsattning IS NOT NULL AND NOT EXISTS (SELECT 1 FROM vardemangd WHERE mangd = 'sysselsattning' AND kod = NEW.sysselsattning)
BEGIN
    SELECT RAISE(ABORT, 'avslut.sysselsattning: code not in vardemangd sysselsattning');
END;

CREATE TRIGGER vardemangd_avslut_steg_mot_arbete_ny BEFORE INSERT ON avslut
WHEN NEW.steg_mot_arbete IS NOT NULL AND NOT EXISTS (SELECT 1 FROM vardemangd WHERE mangd = 'steg_mot_arbete' AND kod = NEW.steg_mot_arbete)
BEGIN
    SELECT RAISE(ABORT, 'avslut.steg_mot_arbete: code not in vardemangd steg_mot_arbete');
END;

CREATE TRIGGER vardemangd_avslut_steg_mot_arbete_andrad BEFORE UPDATE OF steg_mot_arbete ON avslut
WHEN NEW.steg_mot_arbete IS NOT NULL AND NOT EXISTS (SELECT 1 FROM vardemangd WHERE mangd = 'steg_mot_arbete' AND kod = NEW.steg_mot_arbete)
BEGIN
    SELECT RAISE(ABORT, 'avslut.steg_mot_arbete: code not in vardemangd steg_mot_arbete');
END;

CREATE TRIGGER vardemangd_efterkontroll_forsorjning_ny BEFORE INSERT ON efterkontroll
WHEN NEW.forsorjning IS NOT NULL AND NOT EXISTS (SELECT 1 FROM vardemangd WHERE mangd = 'forsorjning' AND kod = NEW.forsorjning)
BEGIN
    SELECT RAISE(ABORT, 'efterkontroll.forsorjning: code not in vardemangd forsorjning');
END;

CREATE TRIGGER vardemangd_efterkontroll_forsorjning_andrad BEFORE UPDATE OF forsorjning ON efterkontroll
WHEN NEW.forsorjning IS NOT NULL AND NOT EXISTS (SELECT 1 FROM vardemangd WHERE mangd = 'forsorjning' AND kod = NEW.forsorjning)
BEGIN
    SELECT RAISE(ABORT, 'efterkontroll.forsorjning: code not in vardemangd forsorjning');
END;

CREATE TRIGGER vardemangd_efterkontroll_sysselsattning_ny BEFORE INSERT ON efterkontroll
WHEN NEW.sysselsattning IS NOT NULL AND NOT EXISTS (SELECT 1 FROM vardemangd WHERE mangd = 'sysselsattning' AND kod = NEW.sysselsattning)
BEGIN
    SELECT RAISE(ABORT, 'efterkontroll.sysselsattning: code not in vardemangd sysselsattning');
END;

CREATE TRIGGER vardemangd_efterkontroll_sysselsattning_andrad BEFORE UPDATE OF sysselsattning ON efterkontroll
WHEN NEW.sysselsattning IS NOT NULL AND NOT EXISTS (SELECT 1 FROM vardemangd WHERE mangd = 'sysselsattning' AND kod = NEW.sysselsattning)
BEGIN
    SELECT RAISE(ABORT, 'efterkontroll.sysselsattning: code not in vardemangd sysselsattning');
END;
