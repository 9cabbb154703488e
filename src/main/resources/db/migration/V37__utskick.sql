-- Messages to participants and staff (e-mail, SMS, web push), and who wants them on which channel.
--
-- utskick: the outbox. A row is written in the same transaction as the change that causes it (the triggers
-- below, or the planner for what falls due with time), and nyckel names that cause, so one cause makes one row
-- however often it is looked at. The sender picks rows whose planerad has come, chooses the channel when it
-- sends (kanal), and marks a row skickat only after the channel accepted it. The text is not kept: it is made
-- from the bundles in the recipient's language when the row is sent, and holds no participant's name.
-- anvandare_id is the staff member it goes to; when it is NULL the message goes to the participant
-- (deltagare_id). For staff, deltagare_id names whom it concerns (shown only by code).
-- status: vantar (not yet sent: due, held for quiet hours or a daily limit, or to be tried again),
--         skickat (the channel accepted it), levererat (the SMS gateway reported it delivered),
--         misslyckat (the address failed for good: an SMTP 5xx, an invalid number; never tried again),
--         ingen_kanal (no channel the recipient wants is configured on this server: made and kept all the same),
--         avstangd (the recipient turned every channel off, or answered STOPP).
CREATE TABLE utskick (
    id              INTEGER PRIMARY KEY,
    nyckel          TEXT    NOT NULL UNIQUE,
    typ             TEXT    NOT NULL,
    team_id         INTEGER NOT NULL REFERENCES team (id),
    deltagare_id    INTEGER REFERENCES deltagare (id),
    anvandare_id    INTEGER REFERENCES anvandare (id),
    sak_id          INTEGER,                -- what it is about: the booking (meeting messages), the handover
    skapad          TEXT    NOT NULL,
    planerad        TEXT,                   -- when it may go at the earliest; NULL: at once
    kanal           TEXT    CHECK (kanal IN ('epost', 'sms', 'push')),
    status          TEXT    NOT NULL DEFAULT 'vantar'
                            CHECK (status IN ('vantar', 'skickat', 'levererat', 'misslyckat', 'ingen_kanal', 'avstangd')),
    forsok          INTEGER NOT NULL DEFAULT 0 CHECK (forsok >= 0),
    fel             TEXT,
    skickat         TEXT,
    referens        TEXT,
    CHECK (anvandare_id IS NOT NULL OR deltagare_id IS NOT NULL),
    CHECK (status NOT IN ('skickat', 'levererat') OR (kanal IS NOT NULL AND skickat IS NOT NULL))
);
CREATE INDEX utskick_att_skicka ON utskick (planerad) WHERE status = 'vantar';
CREATE INDEX utskick_team ON utskick (team_id, planerad);
CREATE INDEX utskick_referens ON utskick (referens) WHERE referens IS NOT NULL;
CREATE INDEX utskick_deltagare ON utskick (deltagare_id);

-- Each person's choices: which channels, whether a participant's messages may carry her meeting's time and
-- place (detaljer), and how often staff get their digest. No row: the defaults (a participant: SMS to the
-- number the team registered; staff: e-mail, a weekly digest). sms_stoppad: when she answered STOPP.
CREATE TABLE utskick_val (
    anvandare_id    INTEGER PRIMARY KEY REFERENCES anvandare (id),
    epost           INTEGER NOT NULL CHECK (epost IN (0, 1)),
    sms             INTEGER NOT NULL CHECK (sms IN (0, 1)),
    push            INTEGER NOT NULL DEFAULT 0 CHECK (push IN (0, 1)),
    detaljer        INTEGER NOT NULL DEFAULT 0 CHECK (detaljer IN (0, 1)),
    sammanfattning  TEXT    NOT NULL DEFAULT 'vecka' CHECK (sammanfattning IN ('dag', 'vecka', 'aldrig')),
    sms_stoppad     TEXT
) WITHOUT ROWID;

-- An item handed over: its new owner hears of it at once.
CREATE TRIGGER utskick_overlamning AFTER INSERT ON overlamning
BEGIN
    INSERT OR IGNORE INTO utskick (nyckel, typ, team_id, deltagare_id, anvandare_id, sak_id, skapad, planerad)
    SELECT 'overlamnad:' || NEW.id, 'overlamnad', d.team_id, d.id, NEW.till_id, NEW.id, NEW.skapad, NULL
    FROM planpunkt pp JOIN planering p ON p.id = pp.planering_id JOIN deltagare d ON d.id = p.deltagare_id
    WHERE pp.id = NEW.planpunkt_id;
END;

-- Her meeting (or her booking) moved: every move raises the booking's sekvens and stamps kallelse_skapad.
CREATE TRIGGER utskick_mote_flyttat AFTER UPDATE OF sekvens ON mote_deltagare
WHEN NEW.sekvens > OLD.sekvens AND NEW.kallelse_skapad IS NOT NULL
BEGIN
    INSERT OR IGNORE INTO utskick (nyckel, typ, team_id, deltagare_id, sak_id, skapad, planerad)
    SELECT 'mote_flyttat:' || NEW.id || ':' || NEW.sekvens, 'mote_flyttat', d.team_id, d.id, NEW.id,
           NEW.kallelse_skapad, NULL
    FROM deltagare d WHERE d.id = NEW.deltagare_id;
END;

-- Her booking cancelled while the meeting is still to come.
CREATE TRIGGER utskick_mote_avbokat AFTER DELETE ON mote_deltagare
WHEN (SELECT status FROM mote WHERE id = OLD.mote_id) = 'planerat'
BEGIN
    INSERT OR IGNORE INTO utskick (nyckel, typ, team_id, deltagare_id, sak_id, skapad, planerad)
    SELECT 'mote_installt:' || OLD.id, 'mote_installt', d.team_id, d.id, NULL,
           strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), NULL
    FROM deltagare d WHERE d.id = OLD.deltagare_id;
END;
