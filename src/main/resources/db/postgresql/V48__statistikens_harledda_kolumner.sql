-- What the statistics read of each plan item and each participant, kept as it is written instead of found again
-- over the whole history on every view (as in SQLite's V48): a plan item's latest status with the date of the
-- follow-up that set it, and a participant's first kvittens. Triggers keep both; the application never writes them.

-- The columns are filled with the data version's triggers off: each updated row would add one to the single row
-- that counts the version, and in one transaction every such update of that row is slower than the one before
-- (hundreds of thousands of items take minutes instead of seconds). The version is counted once at the end.
ALTER TABLE planpunkt DISABLE TRIGGER datautgava_planpunkt_andrad;
ALTER TABLE deltagare DISABLE TRIGGER datautgava_deltagare_andrad;

-- An item's latest status: by the follow-up's date, then when it was registered, then its id.
ALTER TABLE planpunkt ADD COLUMN senaste_status TEXT COLLATE "C";
ALTER TABLE planpunkt ADD COLUMN senaste_status_datum TEXT COLLATE "C";
UPDATE planpunkt pp SET senaste_status = s.status, senaste_status_datum = s.datum
FROM (SELECT DISTINCT ON (us.planpunkt_id) us.planpunkt_id, us.status, u.datum
      FROM uppfoljning_status us JOIN uppfoljning u ON u.id = us.uppfoljning_id
      ORDER BY us.planpunkt_id, u.datum DESC, u.registrerad DESC, u.id DESC) s
WHERE s.planpunkt_id = pp.id;

CREATE FUNCTION planpunkt_senaste_status() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE planpunkt SET (senaste_status, senaste_status_datum) = (
        SELECT us.status, u.datum FROM uppfoljning_status us JOIN uppfoljning u ON u.id = us.uppfoljning_id
        WHERE us.planpunkt_id = NEW.planpunkt_id ORDER BY u.datum DESC, u.registrerad DESC, u.id DESC LIMIT 1)
    WHERE id = NEW.planpunkt_id;
    RETURN NULL;
END
$$;
CREATE TRIGGER planpunkt_senaste_status AFTER INSERT ON uppfoljning_status
    FOR EACH ROW EXECUTE FUNCTION planpunkt_senaste_status();

-- A participant's first kvittens of any of her items: a kvittens is never taken back, so it only moves earlier.
ALTER TABLE deltagare ADD COLUMN forsta_kvittens TEXT COLLATE "C";
UPDATE deltagare d SET forsta_kvittens = k.forsta
FROM (SELECT p.deltagare_id, min(ov.kvitterad) AS forsta FROM planering p
      JOIN planpunkt pp ON pp.planering_id = p.id JOIN overlamning ov ON ov.planpunkt_id = pp.id
      GROUP BY p.deltagare_id) k
WHERE k.deltagare_id = d.id AND k.forsta IS NOT NULL;

CREATE FUNCTION deltagare_forsta_kvittens() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE deltagare SET forsta_kvittens = NEW.kvitterad
    WHERE id = (SELECT p.deltagare_id FROM planpunkt pp JOIN planering p ON p.id = pp.planering_id
                WHERE pp.id = NEW.planpunkt_id)
      AND (forsta_kvittens IS NULL OR forsta_kvittens > NEW.kvitterad);
    RETURN NULL;
END
$$;
CREATE TRIGGER deltagare_forsta_kvittens_ny AFTER INSERT ON overlamning
    FOR EACH ROW WHEN (NEW.kvitterad IS NOT NULL) EXECUTE FUNCTION deltagare_forsta_kvittens();
CREATE TRIGGER deltagare_forsta_kvittens_andrad AFTER UPDATE OF kvitterad ON overlamning
    FOR EACH ROW WHEN (NEW.kvitterad IS NOT NULL) EXECUTE FUNCTION deltagare_forsta_kvittens();

ALTER TABLE planpunkt ENABLE TRIGGER datautgava_planpunkt_andrad;
ALTER TABLE deltagare ENABLE TRIGGER datautgava_deltagare_andrad;
UPDATE datautgava SET nr = nr + 1;

-- The statistics' latest step towards work of each participant reads only the follow-ups that record one.
CREATE INDEX uppfoljning_steg ON uppfoljning (deltagare_id, datum) WHERE steg_mot_arbete IS NOT NULL;
