-- What the statistics read of each participant, kept on her row as it is written (as in SQLite's V50), so that
-- finding a period's participants reads one table instead of joining her referral and avslut, and her first
-- meeting and latest step towards work are not looked up again for each of them on every view:
--   statistik_fran      her referral's date (null before there is one);
--   statistik_till      her avslut's date; '' when the avslut says she was registered by mistake, so that she
--                       counts in no period; null while she is in the team;
--   forsta_mote         the day of her first meeting that was not cancelled;
--   senaste_steg, senaste_steg_datum
--                       the step towards work of her latest follow-up that records one and is not corrected, and
--                       that follow-up's date. The statistics use it for a period that ends on or after that date,
--                       and look in the history for one that ends before it.
-- Triggers keep all five; the application never writes them.

-- Filled with the data version's trigger off, as in V48; the version is counted once at the end.
ALTER TABLE deltagare DISABLE TRIGGER datautgava_deltagare_andrad;

ALTER TABLE deltagare ADD COLUMN statistik_fran TEXT COLLATE "C";
ALTER TABLE deltagare ADD COLUMN statistik_till TEXT COLLATE "C";
ALTER TABLE deltagare ADD COLUMN forsta_mote TEXT COLLATE "C";
ALTER TABLE deltagare ADD COLUMN senaste_steg TEXT COLLATE "C";
ALTER TABLE deltagare ADD COLUMN senaste_steg_datum TEXT COLLATE "C";

UPDATE deltagare d SET statistik_fran = k.fran, statistik_till = k.till, forsta_mote = k.mote,
                       senaste_steg = k.steg, senaste_steg_datum = k.steg_datum
FROM (SELECT x.id, a.datum AS fran,
             CASE WHEN av.orsak = 'felregistrering' THEN '' ELSE av.datum END AS till,
             f.dag AS mote, s.steg_mot_arbete AS steg, s.datum AS steg_datum
      FROM deltagare x
      LEFT JOIN anmalan a ON a.deltagare_id = x.id
      LEFT JOIN avslut av ON av.deltagare_id = x.id
      LEFT JOIN (SELECT md.deltagare_id, substr(min(m.start), 1, 10) AS dag
                 FROM mote_deltagare md JOIN mote m ON m.id = md.mote_id
                 WHERE m.status <> 'installt' GROUP BY md.deltagare_id) f ON f.deltagare_id = x.id
      LEFT JOIN (SELECT DISTINCT ON (u.deltagare_id) u.deltagare_id, u.steg_mot_arbete, u.datum
                 FROM uppfoljning u
                 WHERE u.steg_mot_arbete IS NOT NULL
                   AND NOT EXISTS (SELECT 1 FROM uppfoljning r WHERE r.korrigerar_id = u.id)
                 ORDER BY u.deltagare_id, u.datum DESC, u.registrerad DESC, u.id DESC) s
             ON s.deltagare_id = x.id) k
WHERE k.id = d.id
  AND (k.fran IS NOT NULL OR k.till IS NOT NULL OR k.mote IS NOT NULL OR k.steg IS NOT NULL);

-- The referral's date.
CREATE FUNCTION deltagare_statistik_fran() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE deltagare SET statistik_fran = NEW.datum WHERE id = NEW.deltagare_id;
    RETURN NULL;
END
$$;
CREATE TRIGGER deltagare_statistik_fran_ny AFTER INSERT ON anmalan
    FOR EACH ROW EXECUTE FUNCTION deltagare_statistik_fran();
CREATE TRIGGER deltagare_statistik_fran_andrad AFTER UPDATE OF datum ON anmalan
    FOR EACH ROW EXECUTE FUNCTION deltagare_statistik_fran();

-- The avslut's date, '' for one made because she was registered by mistake.
CREATE FUNCTION deltagare_statistik_till() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        UPDATE deltagare SET statistik_till = NULL WHERE id = OLD.deltagare_id;
    ELSE
        UPDATE deltagare
        SET statistik_till = CASE WHEN NEW.orsak = 'felregistrering' THEN '' ELSE NEW.datum END
        WHERE id = NEW.deltagare_id;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER deltagare_statistik_till_ny AFTER INSERT ON avslut
    FOR EACH ROW EXECUTE FUNCTION deltagare_statistik_till();
CREATE TRIGGER deltagare_statistik_till_andrad AFTER UPDATE OF datum, orsak ON avslut
    FOR EACH ROW EXECUTE FUNCTION deltagare_statistik_till();
CREATE TRIGGER deltagare_statistik_till_borttagen AFTER DELETE ON avslut
    FOR EACH ROW EXECUTE FUNCTION deltagare_statistik_till();

-- The first meeting: a booking made, moved to another meeting or removed; a meeting moved or cancelled.
CREATE FUNCTION deltagare_forsta_mote_raknas(deltagare BIGINT) RETURNS void LANGUAGE sql AS $$
    UPDATE deltagare SET forsta_mote = (
        SELECT substr(min(m.start), 1, 10) FROM mote_deltagare md JOIN mote m ON m.id = md.mote_id
        WHERE md.deltagare_id = deltagare_forsta_mote_raknas.deltagare AND m.status <> 'installt')
    WHERE id = deltagare_forsta_mote_raknas.deltagare;
$$;
CREATE FUNCTION deltagare_forsta_mote_bokning() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        PERFORM deltagare_forsta_mote_raknas(OLD.deltagare_id);
    END IF;
    IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.deltagare_id <> OLD.deltagare_id) THEN
        PERFORM deltagare_forsta_mote_raknas(NEW.deltagare_id);
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER deltagare_forsta_mote_bokad AFTER INSERT ON mote_deltagare
    FOR EACH ROW EXECUTE FUNCTION deltagare_forsta_mote_bokning();
CREATE TRIGGER deltagare_forsta_mote_ombokad AFTER UPDATE OF mote_id, deltagare_id ON mote_deltagare
    FOR EACH ROW EXECUTE FUNCTION deltagare_forsta_mote_bokning();
CREATE TRIGGER deltagare_forsta_mote_avbokad AFTER DELETE ON mote_deltagare
    FOR EACH ROW EXECUTE FUNCTION deltagare_forsta_mote_bokning();
CREATE FUNCTION deltagare_forsta_mote_motet() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM deltagare_forsta_mote_raknas(md.deltagare_id) FROM mote_deltagare md WHERE md.mote_id = NEW.id;
    RETURN NULL;
END
$$;
CREATE TRIGGER deltagare_forsta_mote_motet AFTER UPDATE OF start, status ON mote
    FOR EACH ROW WHEN (OLD.start IS DISTINCT FROM NEW.start OR OLD.status IS DISTINCT FROM NEW.status)
    EXECUTE FUNCTION deltagare_forsta_mote_motet();

-- The latest step towards work: a follow-up that records one, or a correction, which may hide the one it
-- corrects. Follow-ups are append-only, so a new row is the only change.
CREATE FUNCTION deltagare_senaste_steg() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE deltagare SET (senaste_steg, senaste_steg_datum) = (
        SELECT u.steg_mot_arbete, u.datum FROM uppfoljning u
        WHERE u.deltagare_id = NEW.deltagare_id AND u.steg_mot_arbete IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM uppfoljning r WHERE r.korrigerar_id = u.id)
        ORDER BY u.datum DESC, u.registrerad DESC, u.id DESC LIMIT 1)
    WHERE id = NEW.deltagare_id;
    RETURN NULL;
END
$$;
CREATE TRIGGER deltagare_senaste_steg AFTER INSERT ON uppfoljning
    FOR EACH ROW WHEN (NEW.steg_mot_arbete IS NOT NULL OR NEW.korrigerar_id IS NOT NULL)
    EXECUTE FUNCTION deltagare_senaste_steg();

ALTER TABLE deltagare ENABLE TRIGGER datautgava_deltagare_andrad;

-- Beside each plan item's latest status (V48), the one before it: a period that ends after the item's status
-- before last and before its latest (say at the end of last month, for an item changed this month) reads the
-- one before; only items changed twice since the period's end are looked up in the history.
ALTER TABLE planpunkt DISABLE TRIGGER datautgava_planpunkt_andrad;
ALTER TABLE planpunkt ADD COLUMN foregaende_status TEXT COLLATE "C";
ALTER TABLE planpunkt ADD COLUMN foregaende_status_datum TEXT COLLATE "C";
UPDATE planpunkt pp SET foregaende_status = s.status, foregaende_status_datum = s.datum
FROM (SELECT r.planpunkt_id, r.status, r.datum
      FROM (SELECT us.planpunkt_id, us.status, u.datum,
                   row_number() OVER (PARTITION BY us.planpunkt_id
                                      ORDER BY u.datum DESC, u.registrerad DESC, u.id DESC) AS nr
            FROM uppfoljning_status us JOIN uppfoljning u ON u.id = us.uppfoljning_id) r
      WHERE r.nr = 2) s
WHERE s.planpunkt_id = pp.id;
ALTER TABLE planpunkt ENABLE TRIGGER datautgava_planpunkt_andrad;

CREATE OR REPLACE FUNCTION planpunkt_senaste_status() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE planpunkt SET (senaste_status, senaste_status_datum) = (
        SELECT us.status, u.datum FROM uppfoljning_status us JOIN uppfoljning u ON u.id = us.uppfoljning_id
        WHERE us.planpunkt_id = NEW.planpunkt_id ORDER BY u.datum DESC, u.registrerad DESC, u.id DESC LIMIT 1),
        (foregaende_status, foregaende_status_datum) = (
        SELECT us.status, u.datum FROM uppfoljning_status us JOIN uppfoljning u ON u.id = us.uppfoljning_id
        WHERE us.planpunkt_id = NEW.planpunkt_id ORDER BY u.datum DESC, u.registrerad DESC, u.id DESC
        LIMIT 1 OFFSET 1)
    WHERE id = NEW.planpunkt_id;
    RETURN NULL;
END
$$;
-- The items whose status before the latest was set after a period's end, which the statistics look up in the
-- history. Partial, so that it serves only that search: for the other items, which are found from their
-- participants, SQLite would otherwise walk this index instead.
CREATE INDEX planpunkt_foregaende_status_datum ON planpunkt (foregaende_status_datum)
    WHERE foregaende_status_datum IS NOT NULL;

-- The statistics count the items from this index alone (V49's, with the status before the latest).
DROP INDEX planpunkt_statistik;
CREATE INDEX planpunkt_statistik ON planpunkt (planering_id) INCLUDE (id, borttagen, skapad, ansvarig_deltagaren,
    ansvarig_organisation_id, senaste_status, senaste_status_datum, foregaende_status, foregaende_status_datum);

UPDATE datautgava SET nr = nr + 1;

-- The planner's figures for the new columns now, not when autovacuum next looks: the statistics' plans depend on
-- how many items have their status before the latest after a period's end.
ANALYZE deltagare;
ANALYZE planpunkt;
