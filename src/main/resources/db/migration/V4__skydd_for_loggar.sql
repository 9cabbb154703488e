-- The audit log, follow-ups and their status events are append-only: the database itself refuses
-- UPDATE and DELETE on them, so neither a bug nor a hand-typed statement can rewrite history.
--
-- Gallring (deletion after the retention period the law sets) will need to delete old rows. It gets
-- one named path: a row in gallring_run with aktiv = 1. The DELETE triggers let deletions through
-- only while such a row exists, so a later migration or a gallring job does it like this, in one
-- transaction:
--   INSERT INTO gallring_run (startad, beslut, utford_av, aktiv) VALUES (<now>, <decision>, <who>, 1);
--   DELETE FROM audit_log WHERE tid < <limit>;   -- and the follow-ups past their time
--   UPDATE gallring_run SET aktiv = 0, klar = <now> WHERE id = <that row>;
-- The gallring_run rows themselves stay as the record of what was removed, when and on whose
-- decision. UPDATE stays refused always: a correction is a new row.
CREATE TABLE gallring_run (
    id          INTEGER PRIMARY KEY,
    startad     TEXT    NOT NULL,
    klar        TEXT,
    beslut      TEXT    NOT NULL,          -- the decision (dokumenthanteringsplan, diarienummer) that allows it
    utford_av   TEXT    NOT NULL,
    aktiv       INTEGER NOT NULL DEFAULT 0 CHECK (aktiv IN (0, 1))
);

CREATE TRIGGER audit_log_ingen_andring BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER audit_log_ingen_borttagning BEFORE DELETE ON audit_log
WHEN NOT EXISTS (SELECT 1 FROM gallring_run WHERE aktiv = 1)
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only (deletion only during gallring)');
END;

CREATE TRIGGER uppfoljning_ingen_andring BEFORE UPDATE ON uppfoljning
BEGIN
    SELECT RAISE(ABORT, 'uppfoljning is append-only');
END;

CREATE TRIGGER uppfoljning_ingen_borttagning BEFORE DELETE ON uppfoljning
WHEN NOT EXISTS (SELECT 1 FROM gallring_run WHERE aktiv = 1)
BEGIN
    SELECT RAISE(ABORT, 'uppfoljning is append-only (deletion only during gallring)');
END;

CREATE TRIGGER uppfoljning_status_ingen_andring BEFORE UPDATE ON uppfoljning_status
BEGIN
    SELECT RAISE(ABORT, 'uppfoljning_status is append-only');
END;

CREATE TRIGGER uppfoljning_status_ingen_borttagning BEFORE DELETE ON uppfoljning_status
WHEN NOT EXISTS (SELECT 1 FROM gallring_run WHERE aktiv = 1)
BEGIN
    SELECT RAISE(ABORT, 'uppfoljning_status is append-only (deletion only during gallring)');
END;
