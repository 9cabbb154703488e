-- Gallring: personal data of plans closed longer than the förbund's retention time is removed by a daily
-- job, while the coded values stay without identity, so the statistics of past years do not change.
--
-- gallring_installning: the retention time per förbund (team.forbund), in months after the avslut date,
-- and the decision that allows it (dokumenthanteringsplan, diarienummer). A förbund without a row uses
-- the default of 24 months.
-- gallring_run (V4) records each run; it gets the counts: participants cleared and rows changed or removed
-- per table (JSON).
--
-- The follow-ups and their status events stay append-only, except in the one named path V4 opened for
-- deletion: while a gallring_run row is active, their free text may be cleared (set to NULL, or to '–'
-- where a CHECK requires a reason). Every other column stays refused, so even gallring cannot rewrite
-- what happened, only forget the words.

CREATE TABLE gallring_installning (
    forbund     TEXT    PRIMARY KEY,
    manader     INTEGER NOT NULL CHECK (manader BETWEEN 6 AND 120),
    beslut      TEXT    NOT NULL CHECK (length(beslut) BETWEEN 1 AND 300),
    andrad      TEXT    NOT NULL,
    andrad_av   INTEGER NOT NULL REFERENCES anvandare (id)
);

ALTER TABLE gallring_run ADD COLUMN deltagare INTEGER;
ALTER TABLE gallring_run ADD COLUMN rader TEXT;

DROP TRIGGER uppfoljning_ingen_andring;
CREATE TRIGGER uppfoljning_ingen_andring BEFORE UPDATE ON uppfoljning
WHEN NOT EXISTS (SELECT 1 FROM gallring_run WHERE aktiv = 1)
  OR NEW.id IS NOT OLD.id OR NEW.uuid IS NOT OLD.uuid OR NEW.deltagare_id IS NOT OLD.deltagare_id
  OR NEW.typ IS NOT OLD.typ OR NEW.datum IS NOT OLD.datum OR NEW.registrerad IS NOT OLD.registrerad
  OR NEW.registrerad_av IS NOT OLD.registrerad_av OR NEW.forsorjning IS NOT OLD.forsorjning
  OR NEW.eskalera IS NOT OLD.eskalera OR NEW.korrigerar_id IS NOT OLD.korrigerar_id
  OR NEW.klient_tid IS NOT OLD.klient_tid
  OR (NEW.notering_deltagare IS NOT NULL AND NEW.notering_deltagare IS NOT OLD.notering_deltagare)
  OR (NEW.notering_intern IS NOT NULL AND NEW.notering_intern IS NOT OLD.notering_intern)
  OR (NEW.nasta_steg IS NOT NULL AND NEW.nasta_steg IS NOT OLD.nasta_steg)
  OR (NEW.sysselsattning IS NOT NULL AND NEW.sysselsattning IS NOT OLD.sysselsattning)
BEGIN
    SELECT RAISE(ABORT, 'uppfoljning is append-only');
END;

DROP TRIGGER uppfoljning_status_ingen_andring;
CREATE TRIGGER uppfoljning_status_ingen_andring BEFORE UPDATE ON uppfoljning_status
WHEN NOT EXISTS (SELECT 1 FROM gallring_run WHERE aktiv = 1)
  OR NEW.uppfoljning_id IS NOT OLD.uppfoljning_id OR NEW.planpunkt_id IS NOT OLD.planpunkt_id
  OR NEW.status IS NOT OLD.status
  OR (NEW.orsak IS NOT NULL AND NEW.orsak IS NOT OLD.orsak AND NEW.orsak <> '–')
BEGIN
    SELECT RAISE(ABORT, 'uppfoljning_status is append-only');
END;
ALTER TABLE deltagare ADD COLUMN gallrad TEXT;   -- when her personal data was removed; NULL while kept
