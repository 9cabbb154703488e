-- What the statistics read of each plan item and each participant, kept as it is written instead of found again
-- over the whole history on every view: a plan item's latest status with the date of the follow-up that set it,
-- and a participant's first kvittens. The statistics count an item by its latest status on the period's last
-- day: the kept one when its date is on or before that day, else (a status set after the period) found in the
-- history as before. Triggers keep both columns; the application never writes them.

-- An item's latest status: by the follow-up's date, then when it was registered, then its id (the order the
-- statistics and the plan page use). Statuses are append-only, so a new row can only change it.
ALTER TABLE planpunkt ADD COLUMN senaste_status TEXT;
ALTER TABLE planpunkt ADD COLUMN senaste_status_datum TEXT;
UPDATE planpunkt SET (senaste_status, senaste_status_datum) = (
    SELECT us.status, u.datum FROM uppfoljning_status us JOIN uppfoljning u ON u.id = us.uppfoljning_id
    WHERE us.planpunkt_id = planpunkt.id ORDER BY u.datum DESC, u.registrerad DESC, u.id DESC LIMIT 1);
CREATE TRIGGER planpunkt_senaste_status AFTER INSERT ON uppfoljning_status
BEGIN
    UPDATE planpunkt SET (senaste_status, senaste_status_datum) = (
        SELECT us.status, u.datum FROM uppfoljning_status us JOIN uppfoljning u ON u.id = us.uppfoljning_id
        WHERE us.planpunkt_id = NEW.planpunkt_id ORDER BY u.datum DESC, u.registrerad DESC, u.id DESC LIMIT 1)
    WHERE id = NEW.planpunkt_id;
END;

-- A participant's first kvittens of any of her items. A kvittens is never taken back and a handover with one is
-- never removed, so the first one only moves earlier.
ALTER TABLE deltagare ADD COLUMN forsta_kvittens TEXT;
UPDATE deltagare SET forsta_kvittens = (
    SELECT min(ov.kvitterad) FROM planering p JOIN planpunkt pp ON pp.planering_id = p.id
    JOIN overlamning ov ON ov.planpunkt_id = pp.id WHERE p.deltagare_id = deltagare.id);
CREATE TRIGGER deltagare_forsta_kvittens_ny AFTER INSERT ON overlamning WHEN NEW.kvitterad IS NOT NULL
BEGIN
    UPDATE deltagare SET forsta_kvittens = NEW.kvitterad
    WHERE id = (SELECT p.deltagare_id FROM planpunkt pp JOIN planering p ON p.id = pp.planering_id
                WHERE pp.id = NEW.planpunkt_id)
      AND (forsta_kvittens IS NULL OR forsta_kvittens > NEW.kvitterad);
END;
CREATE TRIGGER deltagare_forsta_kvittens_andrad AFTER UPDATE OF kvitterad ON overlamning
WHEN NEW.kvitterad IS NOT NULL
BEGIN
    UPDATE deltagare SET forsta_kvittens = NEW.kvitterad
    WHERE id = (SELECT p.deltagare_id FROM planpunkt pp JOIN planering p ON p.id = pp.planering_id
                WHERE pp.id = NEW.planpunkt_id)
      AND (forsta_kvittens IS NULL OR forsta_kvittens > NEW.kvitterad);
END;

-- The statistics' latest step towards work of each participant reads only the follow-ups that record one.
CREATE INDEX uppfoljning_steg ON uppfoljning (deltagare_id, datum) WHERE steg_mot_arbete IS NOT NULL;
