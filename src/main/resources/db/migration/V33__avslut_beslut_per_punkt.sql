-- At avslut every open or unconfirmed item of the plan gets a decision: handed over to someone who carries it on
-- (a member of staff, or a person outside the förbund typed as text), or closed as not done with a reason.
-- One row per item and closure. An open handover (no kvittens, no "not mine") of the participant is closed at the
-- same time: its row leaves overlamning (as a withdrawn handover does when an item changes owner), and who it
-- waited for and since when are kept here, so no work list shows a closed participant and nothing is forgotten.
CREATE TABLE avslut_punkt (
    id                  INTEGER PRIMARY KEY,
    deltagare_id        INTEGER NOT NULL REFERENCES deltagare (id),
    planpunkt_id        INTEGER NOT NULL REFERENCES planpunkt (id),
    beslut              TEXT    NOT NULL CHECK (beslut IN ('overlamnad', 'stangd')),
    till_anvandare_id   INTEGER REFERENCES anvandare (id),
    till_text           TEXT    CHECK (length(till_text) <= 200),
    orsak               TEXT    CHECK (length(orsak) <= 2000),
    vantade_pa_id       INTEGER REFERENCES anvandare (id),   -- the open handover it closed: whom it waited for
    vantade_sedan       TEXT,                               -- and since when
    registrerad         TEXT    NOT NULL,
    registrerad_av      INTEGER REFERENCES anvandare (id),  -- null when this migration closed it
    UNIQUE (planpunkt_id),
    CHECK ((beslut = 'overlamnad' AND (till_anvandare_id IS NOT NULL OR till_text IS NOT NULL) AND orsak IS NULL)
        OR (beslut = 'stangd' AND orsak IS NOT NULL AND till_anvandare_id IS NULL AND till_text IS NULL))
);
CREATE INDEX avslut_punkt_deltagare ON avslut_punkt (deltagare_id);

CREATE TRIGGER datautgava_avslut_punkt_ny AFTER INSERT ON avslut_punkt BEGIN UPDATE datautgava SET nr = nr + 1; END;
CREATE TRIGGER datautgava_avslut_punkt_andrad AFTER UPDATE ON avslut_punkt BEGIN UPDATE datautgava SET nr = nr + 1; END;
CREATE TRIGGER datautgava_avslut_punkt_borttagen AFTER DELETE ON avslut_punkt BEGIN UPDATE datautgava SET nr = nr + 1; END;

-- The continuation's person, when chosen among the staff (fortsattning_ansvarig keeps the name as shown).
ALTER TABLE avslut ADD COLUMN fortsattning_anvandare_id INTEGER REFERENCES anvandare (id);

-- Participants closed before this: their open handovers are closed with the reason "Deltagaren avslutad".
INSERT INTO avslut_punkt (deltagare_id, planpunkt_id, beslut, orsak, vantade_pa_id, vantade_sedan, registrerad)
SELECT p.deltagare_id, o.planpunkt_id, 'stangd', 'Deltagaren avslutad', o.till_id, o.skapad,
       strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
FROM overlamning o
JOIN planpunkt pp ON pp.id = o.planpunkt_id
JOIN planering p ON p.id = pp.planering_id
JOIN avslut a ON a.deltagare_id = p.deltagare_id
WHERE o.kvitterad IS NULL AND o.avvisad IS NULL
  AND o.id = (SELECT max(x.id) FROM overlamning x WHERE x.planpunkt_id = o.planpunkt_id
              AND x.kvitterad IS NULL AND x.avvisad IS NULL);

DELETE FROM overlamning
WHERE kvitterad IS NULL AND avvisad IS NULL
  AND planpunkt_id IN (SELECT pp.id FROM planpunkt pp JOIN planering p ON p.id = pp.planering_id
                       JOIN avslut a ON a.deltagare_id = p.deltagare_id);
