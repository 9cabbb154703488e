-- efterkontroll (the checks at 6 and 12 months) is append-only like the follow-ups, but had no guard against
-- INSERT OR REPLACE, which deletes the row it conflicts with without firing the DELETE trigger. A REPLACE on
-- its id would rewrite a check, and one on ersatter_id (UNIQUE) would delete the correction that named the
-- same check. As for the other append-only tables (audit_log, uppfoljning, uppfoljning_status, konto_andring),
-- a BEFORE INSERT trigger now refuses a row whose id or ersatter_id already exists; a plain duplicate fails as
-- before, a REPLACE fails too.

CREATE TRIGGER efterkontroll_ingen_ersattning BEFORE INSERT ON efterkontroll
WHEN EXISTS (SELECT 1 FROM efterkontroll WHERE id = NEW.id)
  OR (NEW.ersatter_id IS NOT NULL AND EXISTS (SELECT 1 FROM efterkontroll WHERE ersatter_id = NEW.ersatter_id))
BEGIN
    SELECT RAISE(ABORT, 'efterkontroll is append-only: the row exists');
END;
