-- Follow-ups recorded offline arrive late and in any order. The time they were recorded on the
-- device decides which status is current, so two people recording offline never overwrite each
-- other in the wrong order.
ALTER TABLE uppfoljning ADD COLUMN klient_tid TEXT;

DROP VIEW planpunkt_aktuell_status;
-- One row per item; a single-table view so SQLite can fold it into the queries that use it and look up
-- only the items they need (a join inside the view made SQLite compute it for every item: 250 ms at
-- 10 000 participants instead of 0.3 ms).
CREATE VIEW planpunkt_aktuell_status AS
SELECT pp.id AS planpunkt_id,
       (SELECT us.status FROM uppfoljning_status us JOIN uppfoljning u ON u.id = us.uppfoljning_id
        WHERE us.planpunkt_id = pp.id ORDER BY coalesce(u.klient_tid, u.registrerad) DESC, u.id DESC LIMIT 1) AS status,
       (SELECT us.orsak FROM uppfoljning_status us JOIN uppfoljning u ON u.id = us.uppfoljning_id
        WHERE us.planpunkt_id = pp.id ORDER BY coalesce(u.klient_tid, u.registrerad) DESC, u.id DESC LIMIT 1) AS orsak,
       (SELECT coalesce(u.klient_tid, u.registrerad) FROM uppfoljning_status us JOIN uppfoljning u ON u.id = us.uppfoljning_id
        WHERE us.planpunkt_id = pp.id ORDER BY coalesce(u.klient_tid, u.registrerad) DESC, u.id DESC LIMIT 1) AS sedan,
       (SELECT u.id FROM uppfoljning_status us JOIN uppfoljning u ON u.id = us.uppfoljning_id
        WHERE us.planpunkt_id = pp.id ORDER BY coalesce(u.klient_tid, u.registrerad) DESC, u.id DESC LIMIT 1) AS uppfoljning_id
FROM planpunkt pp;

CREATE INDEX uppfoljning_eskalera ON uppfoljning (eskalera, deltagare_id);
