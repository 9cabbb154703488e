-- What the statistics read of each participant, kept on her row as it is written, so that finding a period's
-- participants reads one table instead of joining her referral and avslut, and her first meeting and latest step
-- towards work are not looked up again for each of them on every view:
--   statistik_fran      her referral's date (null before there is one);
--   statistik_till      her avslut's date; '' when the avslut says she was registered by mistake, so that she
--                       counts in no period; null while she is in the team;
--   forsta_mote         the day of her first meeting that was not cancelled;
--   senaste_steg, senaste_steg_datum
--                       the step towards work of her latest follow-up that records one and is not corrected, and
--                       that follow-up's date. The statistics use it for a period that ends on or after that date,
--                       and look in the history for one that ends before it.
-- Triggers keep all five; the application never writes them.

ALTER TABLE deltagare ADD COLUMN statistik_fran TEXT;
ALTER TABLE deltagare ADD COLUMN statistik_till TEXT;
ALTER TABLE deltagare ADD COLUMN forsta_mote TEXT;
ALTER TABLE deltagare ADD COLUMN senaste_steg TEXT;
ALTER TABLE deltagare ADD COLUMN senaste_steg_datum TEXT;

UPDATE deltagare SET
    statistik_fran = (SELECT a.datum FROM anmalan a WHERE a.deltagare_id = deltagare.id),
    statistik_till = (SELECT CASE WHEN av.orsak = 'felregistrering' THEN '' ELSE av.datum END
                      FROM avslut av WHERE av.deltagare_id = deltagare.id),
    forsta_mote = (SELECT substr(min(m.start), 1, 10) FROM mote_deltagare md JOIN mote m ON m.id = md.mote_id
                   WHERE md.deltagare_id = deltagare.id AND m.status <> 'installt');
UPDATE deltagare SET (senaste_steg, senaste_steg_datum) = (
    SELECT u.steg_mot_arbete, u.datum FROM uppfoljning u
    WHERE u.deltagare_id = deltagare.id AND u.steg_mot_arbete IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM uppfoljning r WHERE r.korrigerar_id = u.id)
    ORDER BY u.datum DESC, u.registrerad DESC, u.id DESC LIMIT 1)
WHERE EXISTS (SELECT 1 FROM uppfoljning u WHERE u.deltagare_id = deltagare.id AND u.steg_mot_arbete IS NOT NULL);

-- The referral's date.
CREATE TRIGGER deltagare_statistik_fran_ny AFTER INSERT ON anmalan
BEGIN
    UPDATE deltagare SET statistik_fran = NEW.datum WHERE id = NEW.deltagare_id;
END;
CREATE TRIGGER deltagare_statistik_fran_andrad AFTER UPDATE OF datum ON anmalan
BEGIN
    UPDATE deltagare SET statistik_fran = NEW.datum WHERE id = NEW.deltagare_id;
END;

-- The avslut's date, '' for one made because she was registered by mistake.
CREATE TRIGGER deltagare_statistik_till_ny AFTER INSERT ON avslut
BEGIN
    UPDATE deltagare SET statistik_till = CASE WHEN NEW.orsak = 'felregistrering' THEN '' ELSE NEW.datum END
    WHERE id = NEW.deltagare_id;
END;
CREATE TRIGGER deltagare_statistik_till_andrad AFTER UPDATE OF datum, orsak ON avslut
BEGIN
    UPDATE deltagare SET statistik_till = CASE WHEN NEW.orsak = 'felregistrering' THEN '' ELSE NEW.datum END
    WHERE id = NEW.deltagare_id;
END;
CREATE TRIGGER deltagare_statistik_till_borttagen AFTER DELETE ON avslut
BEGIN
    UPDATE deltagare SET statistik_till = NULL WHERE id = OLD.deltagare_id;
END;

-- The first meeting: a booking made, moved to another meeting or removed; a meeting moved or cancelled.
CREATE TRIGGER deltagare_forsta_mote_bokad AFTER INSERT ON mote_deltagare
BEGIN
    UPDATE deltagare SET forsta_mote = (
        SELECT substr(min(m.start), 1, 10) FROM mote_deltagare md JOIN mote m ON m.id = md.mote_id
        WHERE md.deltagare_id = NEW.deltagare_id AND m.status <> 'installt')
    WHERE id = NEW.deltagare_id;
END;
CREATE TRIGGER deltagare_forsta_mote_ombokad AFTER UPDATE OF mote_id, deltagare_id ON mote_deltagare
BEGIN
    UPDATE deltagare SET forsta_mote = (
        SELECT substr(min(m.start), 1, 10) FROM mote_deltagare md JOIN mote m ON m.id = md.mote_id
        WHERE md.deltagare_id = deltagare.id AND m.status <> 'installt')
    WHERE id IN (OLD.deltagare_id, NEW.deltagare_id);
END;
CREATE TRIGGER deltagare_forsta_mote_avbokad AFTER DELETE ON mote_deltagare
BEGIN
    UPDATE deltagare SET forsta_mote = (
        SELECT substr(min(m.start), 1, 10) FROM mote_deltagare md JOIN mote m ON m.id = md.mote_id
        WHERE md.deltagare_id = OLD.deltagare_id AND m.status <> 'installt')
    WHERE id = OLD.deltagare_id;
END;
CREATE TRIGGER deltagare_forsta_mote_motet AFTER UPDATE OF start, status ON mote
WHEN OLD.start IS NOT NEW.start OR OLD.status IS NOT NEW.status
BEGIN
    UPDATE deltagare SET forsta_mote = (
        SELECT substr(min(m.start), 1, 10) FROM mote_deltagare md JOIN mote m ON m.id = md.mote_id
        WHERE md.deltagare_id = deltagare.id AND m.status <> 'installt')
    WHERE id IN (SELECT deltagare_id FROM mote_deltagare WHERE mote_id = NEW.id);
END;

-- The latest step towards work: a follow-up that records one, or a correction, which may hide the one it
-- corrects. Follow-ups are append-only, so a new row is the only change.
CREATE TRIGGER deltagare_senaste_steg AFTER INSERT ON uppfoljning
WHEN NEW.steg_mot_arbete IS NOT NULL OR NEW.korrigerar_id IS NOT NULL
BEGIN
    UPDATE deltagare SET (senaste_steg, senaste_steg_datum) = (
        SELECT u.steg_mot_arbete, u.datum FROM uppfoljning u
        WHERE u.deltagare_id = NEW.deltagare_id AND u.steg_mot_arbete IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM uppfoljning r WHERE r.korrigerar_id = u.id)
        ORDER BY u.datum DESC, u.registrerad DESC, u.id DESC LIMIT 1)
    WHERE id = NEW.deltagare_id;
END;

-- Beside each plan item's latest status (V48), the one before it: a period that ends after the item's status
-- before last and before its latest (say at the end of last month, for an item changed this month) reads the
-- one before; only items changed twice since the period's end are looked up in the history.
ALTER TABLE planpunkt ADD COLUMN foregaende_status TEXT;
ALTER TABLE planpunkt ADD COLUMN foregaende_status_datum TEXT;
UPDATE planpunkt SET (foregaende_status, foregaende_status_datum) = (
    SELECT us.status, u.datum FROM uppfoljning_status us JOIN uppfoljning u ON u.id = us.uppfoljning_id
    WHERE us.planpunkt_id = planpunkt.id ORDER BY u.datum DESC, u.registrerad DESC, u.id DESC
        LIMIT 1 OFFSET 1)
WHERE senaste_status IS NOT NULL;

DROP TRIGGER planpunkt_senaste_status;
CREATE TRIGGER planpunkt_senaste_status AFTER INSERT ON uppfoljning_status
BEGIN
    UPDATE planpunkt SET (senaste_status, senaste_status_datum) = (
        SELECT us.status, u.datum FROM uppfoljning_status us JOIN uppfoljning u ON u.id = us.uppfoljning_id
        WHERE us.planpunkt_id = NEW.planpunkt_id ORDER BY u.datum DESC, u.registrerad DESC, u.id DESC LIMIT 1),
        (foregaende_status, foregaende_status_datum) = (
        SELECT us.status, u.datum FROM uppfoljning_status us JOIN uppfoljning u ON u.id = us.uppfoljning_id
        WHERE us.planpunkt_id = NEW.planpunkt_id ORDER BY u.datum DESC, u.registrerad DESC, u.id DESC
        LIMIT 1 OFFSET 1)
    WHERE id = NEW.planpunkt_id;
END;
-- The items whose status before the latest was set after a period's end, which the statistics look up in the
-- history. Partial, so that it serves only that search: for the other items, which are found from their
-- participants, SQLite would otherwise walk this index instead.
CREATE INDEX planpunkt_foregaende_status_datum ON planpunkt (foregaende_status_datum)
    WHERE foregaende_status_datum IS NOT NULL;

-- The statistics count the items from this index alone (V49's, with the status before the latest).
DROP INDEX planpunkt_statistik;
CREATE INDEX planpunkt_statistik ON planpunkt (planering_id, borttagen, skapad, ansvarig_deltagaren,
    ansvarig_organisation_id, senaste_status, senaste_status_datum, foregaende_status, foregaende_status_datum);
