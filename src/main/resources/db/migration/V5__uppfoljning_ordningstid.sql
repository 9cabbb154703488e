-- A device's clock can be wrong by years (or by a billion years when a client is broken or hostile).
-- `registrerad` is when the server received the follow-up; `klient_tid` is what the device said.
-- The time that orders events is the device time held within [receipt - 60 days, receipt + 10 minutes],
-- so a wrong clock cannot pin an item's status for ever. New records outside that window are refused
-- by the app; this bound also tames rows stored before that check existed. A device time that is not
-- plain ISO text with a four-digit year is ignored in favour of the receipt time.
-- A virtual column: computed from the row itself, so existing rows get it without being rewritten.
ALTER TABLE uppfoljning ADD COLUMN ordningstid TEXT GENERATED ALWAYS AS (
    CASE WHEN klient_tid GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z'
         THEN max(min(klient_tid, strftime('%Y-%m-%dT%H:%M:%SZ', registrerad, '+10 minutes')),
                  strftime('%Y-%m-%dT%H:%M:%SZ', registrerad, '-60 days'))
         ELSE registrerad
    END) VIRTUAL;

DROP VIEW planpunkt_aktuell_status;
-- Still one row per item from a single table, so SQLite folds the view into the queries that use it and
-- looks up only the items they need (see V3). Ties on the bounded time go to the later receipt.
CREATE VIEW planpunkt_aktuell_status AS
SELECT pp.id AS planpunkt_id,
       (SELECT us.status FROM uppfoljning_status us JOIN uppfoljning u ON u.id = us.uppfoljning_id
        WHERE us.planpunkt_id = pp.id ORDER BY u.ordningstid DESC, u.registrerad DESC, u.id DESC LIMIT 1) AS status,
       (SELECT us.orsak FROM uppfoljning_status us JOIN uppfoljning u ON u.id = us.uppfoljning_id
        WHERE us.planpunkt_id = pp.id ORDER BY u.ordningstid DESC, u.registrerad DESC, u.id DESC LIMIT 1) AS orsak,
       (SELECT u.ordningstid FROM uppfoljning_status us JOIN uppfoljning u ON u.id = us.uppfoljning_id
        WHERE us.planpunkt_id = pp.id ORDER BY u.ordningstid DESC, u.registrerad DESC, u.id DESC LIMIT 1) AS sedan,
       (SELECT u.id FROM uppfoljning_status us JOIN uppfoljning u ON u.id = us.uppfoljning_id
        WHERE us.planpunkt_id = pp.id ORDER BY u.ordningstid DESC, u.registrerad DESC, u.id DESC LIMIT 1) AS uppfoljning_id
FROM planpunkt pp;
