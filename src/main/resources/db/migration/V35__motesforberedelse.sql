-- Preparing a meeting. Each booking records whether the interpreter is booked (tolk_bokad), when the kallelse was
-- printed (kallelse_utskriven) and sent (kallelse_skickad), and whether the koordinator booked it knowingly
-- beyond the meeting's free slots or over another booking's time (overbokad). Moving a meeting or a booking clears
-- the three dates: the letter and the interpreter were for the old time.
--
-- Two bookings at the same time of a meeting were refused by UNIQUE (mote_id, tid); now only when neither is an
-- overbooking (a partial unique index), so the table is rebuilt without the constraint. How many bookings a
-- meeting may have, and that they do not overlap, is checked in the booking's own write transaction.
--
-- The views that read the table (deltagare_fas) name it, not its columns that change: with legacy_alter_table
-- the rename leaves them as they are, and they read the new table. The table's own triggers go with the old table
-- and are made again below.
PRAGMA legacy_alter_table = ON;

CREATE TABLE mote_deltagare_ny (
    id                  INTEGER PRIMARY KEY,
    mote_id             INTEGER NOT NULL REFERENCES mote (id),
    deltagare_id        INTEGER NOT NULL REFERENCES deltagare (id),
    tid                 TEXT    NOT NULL,
    syfte               TEXT,               -- null: the standard purpose, in the reader's language
    ta_med              TEXT,               -- null: the standard "ta med", in the reader's language
    kallelse_skapad     TEXT,
    sekvens             INTEGER NOT NULL DEFAULT 0 CHECK (sekvens >= 0),
    flyttad_fran_tid    TEXT,
    flyttad_fran_plats  TEXT,
    tolk_bokad          TEXT,               -- when the interpreter was booked; null: not (yet) booked
    kallelse_utskriven  TEXT,               -- when the kallelse was printed
    kallelse_skickad    TEXT,               -- when the kallelse was sent
    overbokad           INTEGER NOT NULL DEFAULT 0 CHECK (overbokad IN (0, 1)),
    UNIQUE (mote_id, deltagare_id)
);

INSERT INTO mote_deltagare_ny (id, mote_id, deltagare_id, tid, syfte, ta_med, kallelse_skapad, sekvens,
                               flyttad_fran_tid, flyttad_fran_plats)
SELECT id, mote_id, deltagare_id, tid, syfte, ta_med, kallelse_skapad, sekvens, flyttad_fran_tid, flyttad_fran_plats
FROM mote_deltagare;

DROP TABLE mote_deltagare;
ALTER TABLE mote_deltagare_ny RENAME TO mote_deltagare;

PRAGMA legacy_alter_table = OFF;

CREATE INDEX mote_deltagare_deltagare ON mote_deltagare (deltagare_id);
CREATE UNIQUE INDEX mote_deltagare_tid ON mote_deltagare (mote_id, tid) WHERE overbokad = 0;

CREATE TRIGGER datautgava_mote_deltagare_ny AFTER INSERT ON mote_deltagare BEGIN UPDATE datautgava SET nr = nr + 1; END;
CREATE TRIGGER datautgava_mote_deltagare_andrad AFTER UPDATE ON mote_deltagare BEGIN UPDATE datautgava SET nr = nr + 1; END;
CREATE TRIGGER datautgava_mote_deltagare_borttagen AFTER DELETE ON mote_deltagare BEGIN UPDATE datautgava SET nr = nr + 1; END;
