-- Follow-ups recorded offline arrive late and in any order. The time they were recorded on the
-- device decides which status is current, so two people recording offline never overwrite each
-- other in the wrong order.
ALTER TABLE uppfoljning ADD COLUMN klient_tid TEXT;

DROP VIEW planpunkt_aktuell_status;
CREATE VIEW planpunkt_aktuell_status AS
SELECT us.planpunkt_id, us.status, us.orsak, coalesce(u.klient_tid, u.registrerad) AS sedan,
       u.id AS uppfoljning_id
FROM uppfoljning_status us
JOIN uppfoljning u ON u.id = us.uppfoljning_id
WHERE u.id = (SELECT u2.id FROM uppfoljning_status us2 JOIN uppfoljning u2 ON u2.id = us2.uppfoljning_id
              WHERE us2.planpunkt_id = us.planpunkt_id
              ORDER BY coalesce(u2.klient_tid, u2.registrerad) DESC, u2.id DESC LIMIT 1);

CREATE INDEX uppfoljning_eskalera ON uppfoljning (eskalera, deltagare_id);
