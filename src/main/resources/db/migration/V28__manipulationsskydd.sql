-- The append-only tables, made harder to rewrite and the audit log made tamper-evident.
--
-- 1. INSERT OR REPLACE deletes the row it conflicts with without firing the DELETE triggers (unless
--    recursive_triggers is on), so it could rewrite any row of an append-only table. A BEFORE INSERT trigger
--    now refuses a row whose key already exists; a plain duplicate fails as before, a REPLACE fails too.
--
-- 2. The way gallring gets past the UPDATE and DELETE triggers is no longer a row anybody can insert into
--    gallring_run. The triggers call finsam_gallring('korning' | 'deltagare' | 'konto'), a function only the
--    application defines on its own connections, and only on the thread that is clearing one participant it
--    answers with that run and that participant (NULL otherwise). Any other connection (the sqlite3 shell, a
--    script) has no such function, so the statement that would fire the trigger fails. Gallring may only
--    clear the rows of the participant it is clearing, and never deletes a follow-up, a status or a log row.
--
-- 3. audit_log rows carry a hash chain, written by the application: salt (16 random bytes), innehall =
--    SHA-256(salt, the row's content), kedja = SHA-256(the previous row's kedja, innehall). Gallring does not
--    delete log rows any more; it blanks who, whom, what and from where (and the salt, so the content hash
--    cannot be tested against guesses), marks the row with its run (gallrad) and keeps innehall and kedja,
--    so the chain stays whole. A check recomputes the chain and reports the first row where it breaks.
--    Rows written before this migration have no chain.

ALTER TABLE audit_log ADD COLUMN salt BLOB;
ALTER TABLE audit_log ADD COLUMN innehall BLOB;
ALTER TABLE audit_log ADD COLUMN kedja BLOB;
ALTER TABLE audit_log ADD COLUMN gallrad INTEGER REFERENCES gallring_run (id);

-- 1. No REPLACE.
CREATE TRIGGER audit_log_ingen_ersattning BEFORE INSERT ON audit_log
WHEN EXISTS (SELECT 1 FROM audit_log WHERE id = NEW.id)
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only: the row exists');
END;

CREATE TRIGGER uppfoljning_ingen_ersattning BEFORE INSERT ON uppfoljning
WHEN EXISTS (SELECT 1 FROM uppfoljning WHERE id = NEW.id)
  OR EXISTS (SELECT 1 FROM uppfoljning WHERE uuid = NEW.uuid)
BEGIN
    SELECT RAISE(ABORT, 'uppfoljning is append-only: the row exists');
END;

CREATE TRIGGER uppfoljning_status_ingen_ersattning BEFORE INSERT ON uppfoljning_status
WHEN EXISTS (SELECT 1 FROM uppfoljning_status
             WHERE uppfoljning_id = NEW.uppfoljning_id AND planpunkt_id = NEW.planpunkt_id)
BEGIN
    SELECT RAISE(ABORT, 'uppfoljning_status is append-only: the row exists');
END;

CREATE TRIGGER konto_andring_ingen_ersattning BEFORE INSERT ON konto_andring
WHEN EXISTS (SELECT 1 FROM konto_andring WHERE id = NEW.id)
BEGIN
    SELECT RAISE(ABORT, 'konto_andring is append-only: the row exists');
END;

-- 2. A run is started inactive by the application and made active only inside its own transaction.
CREATE TRIGGER gallring_run_ny_inaktiv BEFORE INSERT ON gallring_run
WHEN NEW.aktiv IS NOT 0
BEGIN
    SELECT RAISE(ABORT, 'gallring_run: a run starts inactive');
END;

DROP TRIGGER audit_log_ingen_andring;
CREATE TRIGGER audit_log_ingen_andring BEFORE UPDATE ON audit_log
WHEN NOT coalesce(
        OLD.gallrad IS NULL AND NEW.gallrad = finsam_gallring('korning')
    AND EXISTS (SELECT 1 FROM gallring_run WHERE id = NEW.gallrad AND aktiv = 1)
    AND (OLD.deltagare_id = finsam_gallring('deltagare') OR OLD.anvandare_id = finsam_gallring('konto'))
    AND NEW.id IS OLD.id AND NEW.tid IS OLD.tid AND NEW.handling IS OLD.handling AND NEW.antal IS OLD.antal
    AND NEW.innehall IS OLD.innehall AND NEW.kedja IS OLD.kedja
    AND NEW.anvandare_id IS NULL AND NEW.deltagare_id IS NULL AND NEW.vad = '–' AND NEW.adress IS NULL
    AND NEW.salt IS NULL, 0)
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

DROP TRIGGER audit_log_ingen_borttagning;
CREATE TRIGGER audit_log_ingen_borttagning BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

DROP TRIGGER uppfoljning_ingen_andring;
CREATE TRIGGER uppfoljning_ingen_andring BEFORE UPDATE ON uppfoljning
WHEN NOT coalesce(OLD.deltagare_id = finsam_gallring('deltagare')
    AND EXISTS (SELECT 1 FROM gallring_run WHERE id = finsam_gallring('korning') AND aktiv = 1), 0)
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

DROP TRIGGER uppfoljning_ingen_borttagning;
CREATE TRIGGER uppfoljning_ingen_borttagning BEFORE DELETE ON uppfoljning
BEGIN
    SELECT RAISE(ABORT, 'uppfoljning is append-only');
END;

DROP TRIGGER uppfoljning_status_ingen_andring;
CREATE TRIGGER uppfoljning_status_ingen_andring BEFORE UPDATE ON uppfoljning_status
WHEN NOT coalesce(
        EXISTS (SELECT 1 FROM uppfoljning u
                WHERE u.id = OLD.uppfoljning_id AND u.deltagare_id = finsam_gallring('deltagare'))
    AND EXISTS (SELECT 1 FROM gallring_run WHERE id = finsam_gallring('korning') AND aktiv = 1), 0)
  OR NEW.uppfoljning_id IS NOT OLD.uppfoljning_id OR NEW.planpunkt_id IS NOT OLD.planpunkt_id
  OR NEW.status IS NOT OLD.status
  OR (NEW.orsak IS NOT NULL AND NEW.orsak IS NOT OLD.orsak AND NEW.orsak <> '–')
BEGIN
    SELECT RAISE(ABORT, 'uppfoljning_status is append-only');
END;

DROP TRIGGER uppfoljning_status_ingen_borttagning;
CREATE TRIGGER uppfoljning_status_ingen_borttagning BEFORE DELETE ON uppfoljning_status
BEGIN
    SELECT RAISE(ABORT, 'uppfoljning_status is append-only');
END;

DROP TRIGGER konto_andring_ingen_borttagning;
CREATE TRIGGER konto_andring_ingen_borttagning BEFORE DELETE ON konto_andring
WHEN NOT coalesce(OLD.anvandare_id = finsam_gallring('konto')
    AND EXISTS (SELECT 1 FROM gallring_run WHERE id = finsam_gallring('korning') AND aktiv = 1), 0)
BEGIN
    SELECT RAISE(ABORT, 'konto_andring is append-only (deletion only during gallring)');
END;
