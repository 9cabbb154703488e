-- A person may be referred to the team again after an earlier avslut. The new referral is a new
-- participant (a new code, plan and consent) that names the closed participant it follows
-- (tidigare_deltagare_id), so the statistics can count "referred again" and staff can see the earlier
-- plan. The personnummer, which is unique, moves from the closed row to the new one in the same
-- transaction, so a person is found by personnummer in exactly one place: the latest referral.

ALTER TABLE deltagare ADD COLUMN tidigare_deltagare_id INTEGER REFERENCES deltagare (id);
CREATE INDEX deltagare_tidigare ON deltagare (tidigare_deltagare_id);

-- Only a closed participant can be followed by a new referral, and only once.
CREATE TRIGGER deltagare_tidigare_avslutad_ny BEFORE INSERT ON deltagare
WHEN NEW.tidigare_deltagare_id IS NOT NULL AND (
        NOT EXISTS (SELECT 1 FROM avslut WHERE deltagare_id = NEW.tidigare_deltagare_id)
        OR EXISTS (SELECT 1 FROM deltagare WHERE tidigare_deltagare_id = NEW.tidigare_deltagare_id))
BEGIN
    SELECT RAISE(ABORT, 'deltagare.tidigare_deltagare_id: must name a closed participant not already followed');
END;
CREATE TRIGGER deltagare_tidigare_avslutad_andrad BEFORE UPDATE OF tidigare_deltagare_id ON deltagare
WHEN NEW.tidigare_deltagare_id IS NOT NULL AND NEW.tidigare_deltagare_id IS NOT OLD.tidigare_deltagare_id AND (
        NEW.tidigare_deltagare_id = NEW.id
        OR NOT EXISTS (SELECT 1 FROM avslut WHERE deltagare_id = NEW.tidigare_deltagare_id)
        OR EXISTS (SELECT 1 FROM deltagare WHERE tidigare_deltagare_id = NEW.tidigare_deltagare_id))
BEGIN
    SELECT RAISE(ABORT, 'deltagare.tidigare_deltagare_id: must name a closed participant not already followed');
END;
