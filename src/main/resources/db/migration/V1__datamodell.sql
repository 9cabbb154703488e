-- FINSAM Planering: the whole data model.
-- Dates are ISO-8601 text: 'YYYY-MM-DD' for dates, 'YYYY-MM-DDTHH:MM' for local meeting times,
-- and UTC instants 'YYYY-MM-DDTHH:MM:SSZ' for when something was recorded.

-- Authorities that own the samordningsförbund (and others that take part).
CREATE TABLE organisation (
    id              INTEGER PRIMARY KEY,
    kod             TEXT    NOT NULL UNIQUE,
    typ             TEXT    NOT NULL CHECK (typ IN ('af', 'fk', 'region', 'socialtjanst', 'jobbtorg', 'annan')),
    namn            TEXT    NOT NULL,
    kan_hjalpa_med  TEXT    NOT NULL,          -- one plain sentence for the participant
    telefon         TEXT,
    telefontider    TEXT,
    webbplats       TEXT
);

CREATE TABLE team (
    id                      INTEGER PRIMARY KEY,
    namn                    TEXT    NOT NULL UNIQUE,
    motesplats              TEXT    NOT NULL,
    motesveckodag           INTEGER NOT NULL DEFAULT 2 CHECK (motesveckodag BETWEEN 1 AND 7),
    motestid                TEXT    NOT NULL DEFAULT '09:00' CHECK (motestid GLOB '[0-2][0-9]:[0-5][0-9]'),
    motesintervall_veckor   INTEGER NOT NULL DEFAULT 2 CHECK (motesintervall_veckor BETWEEN 1 AND 8),
    uppfoljning_manader     TEXT    NOT NULL DEFAULT '1,3,6',
    kvittens_arbetsdagar    INTEGER NOT NULL DEFAULT 5 CHECK (kvittens_arbetsdagar BETWEEN 1 AND 30),
    fastnat_veckor          INTEGER NOT NULL DEFAULT 4 CHECK (fastnat_veckor BETWEEN 1 AND 52)
);

-- Everyone who logs in: staff and deltagare.
CREATE TABLE anvandare (
    id                  INTEGER PRIMARY KEY,
    anvandarnamn        TEXT    UNIQUE COLLATE NOCASE,
    namn                TEXT    NOT NULL,
    roll                TEXT    NOT NULL CHECK (roll IN ('deltagare', 'handlaggare', 'teamrepresentant', 'koordinator', 'styrgrupp', 'admin')),
    organisation_id     INTEGER REFERENCES organisation (id),
    titel               TEXT,
    telefon             TEXT,
    epost               TEXT,
    telefontider        TEXT,
    losenord_hash       TEXT,
    pin_hash            TEXT,
    sprak               TEXT    NOT NULL DEFAULT 'sv',
    aktiv               INTEGER NOT NULL DEFAULT 1 CHECK (aktiv IN (0, 1)),
    skapad              TEXT    NOT NULL,
    CHECK (roll = 'deltagare' OR organisation_id IS NOT NULL OR roll IN ('admin', 'styrgrupp')),
    CHECK (roll = 'deltagare' OR pin_hash IS NULL)
);
CREATE INDEX anvandare_organisation ON anvandare (organisation_id);

CREATE TABLE team_medlem (
    team_id         INTEGER NOT NULL REFERENCES team (id),
    anvandare_id    INTEGER NOT NULL REFERENCES anvandare (id),
    PRIMARY KEY (team_id, anvandare_id)
) WITHOUT ROWID;
CREATE INDEX team_medlem_anvandare ON team_medlem (anvandare_id);

-- The participant. With skyddad identitet (or no samtycke) only the code and statistics are kept.
CREATE TABLE deltagare (
    id                  INTEGER PRIMARY KEY,
    kod                 TEXT    NOT NULL UNIQUE,
    team_id             INTEGER NOT NULL REFERENCES team (id),
    anvandare_id        INTEGER UNIQUE REFERENCES anvandare (id),
    fornamn             TEXT,
    efternamn           TEXT,
    personnummer        TEXT    UNIQUE,
    fodelsear           INTEGER NOT NULL CHECK (fodelsear BETWEEN 1900 AND 2100),
    kon                 TEXT    NOT NULL CHECK (kon IN ('kvinna', 'man', 'annat')),
    telefon             TEXT,
    epost               TEXT,
    sprak               TEXT    NOT NULL DEFAULT 'sv',
    tolkbehov           INTEGER NOT NULL DEFAULT 0 CHECK (tolkbehov IN (0, 1)),
    tolksprak           TEXT,
    skyddad_identitet   INTEGER NOT NULL DEFAULT 0 CHECK (skyddad_identitet IN (0, 1)),
    skapad              TEXT    NOT NULL,
    CHECK (skyddad_identitet = 0 OR (fornamn IS NULL AND efternamn IS NULL AND personnummer IS NULL
                                     AND telefon IS NULL AND epost IS NULL)),
    CHECK (skyddad_identitet = 1 OR (fornamn IS NOT NULL AND efternamn IS NOT NULL))
);
CREATE INDEX deltagare_team ON deltagare (team_id);
CREATE INDEX deltagare_namn ON deltagare (efternamn, fornamn, fodelsear);

-- Consent per organisation: which authorities may share information about the participant.
CREATE TABLE samtycke (
    id                  INTEGER PRIMARY KEY,
    deltagare_id        INTEGER NOT NULL REFERENCES deltagare (id),
    organisation_id     INTEGER NOT NULL REFERENCES organisation (id),
    givet_datum         TEXT    NOT NULL,
    hur                 TEXT    NOT NULL CHECK (hur IN ('skriftligt', 'muntligt', 'digitalt')),
    aterkallat_datum    TEXT,
    registrerad_av      INTEGER NOT NULL REFERENCES anvandare (id),
    CHECK (aterkallat_datum IS NULL OR aterkallat_datum >= givet_datum)
);
CREATE INDEX samtycke_deltagare ON samtycke (deltagare_id, organisation_id);

CREATE TABLE anmalan (
    id                          INTEGER PRIMARY KEY,
    deltagare_id                INTEGER NOT NULL UNIQUE REFERENCES deltagare (id),
    remitterande_id             INTEGER NOT NULL REFERENCES anvandare (id),
    remitterande_organisation_id INTEGER NOT NULL REFERENCES organisation (id),
    datum                       TEXT    NOT NULL,
    sammanfattning              TEXT    NOT NULL,          -- internal, never shown to the participant
    tidigare_insatser           TEXT,
    forsorjning                 TEXT    NOT NULL CHECK (forsorjning IN ('lon', 'studiemedel', 'forsorjningsstod',
                                    'sjukpenning', 'rehabiliteringsersattning', 'aktivitetsersattning', 'sjukersattning',
                                    'aktivitetsstod', 'etableringsersattning', 'a_kassa', 'ingen', 'annan')),
    informerad_om_mote          INTEGER NOT NULL CHECK (informerad_om_mote IN (0, 1)),
    skapad                      TEXT    NOT NULL
);
CREATE INDEX anmalan_remitterande ON anmalan (remitterande_id);

-- Contacts per participant and organisation. A change closes the old row (till_datum) and adds a new one.
CREATE TABLE kontaktperson (
    id                  INTEGER PRIMARY KEY,
    deltagare_id        INTEGER NOT NULL REFERENCES deltagare (id),
    organisation_id     INTEGER NOT NULL REFERENCES organisation (id),
    anvandare_id        INTEGER REFERENCES anvandare (id),   -- from the staff directory ...
    namn                TEXT,                                -- ... or an external contact
    titel               TEXT,
    telefon             TEXT,
    epost               TEXT,
    telefontider        TEXT,
    ordinarie_handlaggare INTEGER NOT NULL DEFAULT 1 CHECK (ordinarie_handlaggare IN (0, 1)),
    fran_datum          TEXT    NOT NULL,
    till_datum          TEXT,
    CHECK (anvandare_id IS NOT NULL OR namn IS NOT NULL),
    CHECK (till_datum IS NULL OR till_datum >= fran_datum)
);
CREATE INDEX kontaktperson_deltagare ON kontaktperson (deltagare_id, till_datum);
CREATE INDEX kontaktperson_anvandare ON kontaktperson (anvandare_id, till_datum);

CREATE TABLE mote (
    id          INTEGER PRIMARY KEY,
    team_id     INTEGER NOT NULL REFERENCES team (id),
    start       TEXT    NOT NULL,       -- local date-time
    slut        TEXT    NOT NULL,
    plats       TEXT    NOT NULL,
    status      TEXT    NOT NULL DEFAULT 'planerat' CHECK (status IN ('planerat', 'genomfort', 'installt')),
    CHECK (slut > start)
);
CREATE INDEX mote_team_start ON mote (team_id, start);

-- A participant booked into a time slot of a meeting; the kallelse is made from this.
CREATE TABLE mote_deltagare (
    id                  INTEGER PRIMARY KEY,
    mote_id             INTEGER NOT NULL REFERENCES mote (id),
    deltagare_id        INTEGER NOT NULL REFERENCES deltagare (id),
    tid                 TEXT    NOT NULL,
    syfte               TEXT    NOT NULL DEFAULT 'Att tillsammans med dig göra en planering för vägen mot arbete, studier eller rätt ersättning.',
    ta_med              TEXT,
    kallelse_skapad     TEXT,
    UNIQUE (mote_id, deltagare_id),
    UNIQUE (mote_id, tid)
);
CREATE INDEX mote_deltagare_deltagare ON mote_deltagare (deltagare_id);

-- Who attended (representatives, substitutes included).
CREATE TABLE mote_narvaro (
    mote_id         INTEGER NOT NULL REFERENCES mote (id),
    anvandare_id    INTEGER NOT NULL REFERENCES anvandare (id),
    organisation_id INTEGER NOT NULL REFERENCES organisation (id),
    ersattare       INTEGER NOT NULL DEFAULT 0 CHECK (ersattare IN (0, 1)),
    PRIMARY KEY (mote_id, anvandare_id)
) WITHOUT ROWID;

CREATE TABLE planering (
    id              INTEGER PRIMARY KEY,
    deltagare_id    INTEGER NOT NULL UNIQUE REFERENCES deltagare (id),
    mote_id         INTEGER REFERENCES mote (id),
    mal             TEXT    NOT NULL,       -- the participant's own goal, in their words
    teamanteckning  TEXT,                   -- internal team discussion
    version         INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    skapad          TEXT    NOT NULL,
    andrad          TEXT    NOT NULL,
    andrad_av       INTEGER NOT NULL REFERENCES anvandare (id),
    overlamnad      TEXT                    -- when the meeting closed and items were handed over
);

CREATE TABLE planpunkt (
    id                          INTEGER PRIMARY KEY,
    planering_id                INTEGER NOT NULL REFERENCES planering (id),
    ordning                     INTEGER NOT NULL,
    text                        TEXT    NOT NULL CHECK (length(text) BETWEEN 1 AND 2000),
    typ                         TEXT    NOT NULL CHECK (typ IN ('rekommendation', 'beslut', 'eget_steg')),
    ansvarig_deltagaren         INTEGER NOT NULL DEFAULT 0 CHECK (ansvarig_deltagaren IN (0, 1)),
    ansvarig_organisation_id    INTEGER REFERENCES organisation (id),
    ansvarig_anvandare_id       INTEGER REFERENCES anvandare (id),
    klart_senast                TEXT    NOT NULL,
    skapad                      TEXT    NOT NULL,
    borttagen                   TEXT,
    CHECK ((ansvarig_deltagaren = 1 AND ansvarig_organisation_id IS NULL AND ansvarig_anvandare_id IS NULL)
        OR (ansvarig_deltagaren = 0 AND ansvarig_organisation_id IS NOT NULL))
);
CREATE INDEX planpunkt_planering ON planpunkt (planering_id, ordning);
CREATE INDEX planpunkt_ansvarig ON planpunkt (ansvarig_anvandare_id);

-- Handover of an item to its responsible handläggare, with kvittens or a "not mine" answer.
CREATE TABLE overlamning (
    id              INTEGER PRIMARY KEY,
    planpunkt_id    INTEGER NOT NULL REFERENCES planpunkt (id),
    till_id         INTEGER NOT NULL REFERENCES anvandare (id),
    skapad          TEXT    NOT NULL,
    kvitterad       TEXT,
    avvisad         TEXT,
    avvisad_orsak   TEXT,
    CHECK (kvitterad IS NULL OR avvisad IS NULL),
    CHECK (avvisad IS NULL OR avvisad_orsak IS NOT NULL)
);
CREATE INDEX overlamning_till ON overlamning (till_id, kvitterad, avvisad);
CREATE INDEX overlamning_planpunkt ON overlamning (planpunkt_id);

-- Follow-up events: append-only. A correction is a new event that points at the one it corrects.
CREATE TABLE uppfoljning (
    id                  INTEGER PRIMARY KEY,
    uuid                TEXT    NOT NULL UNIQUE,        -- generated by the client, so a retry never duplicates
    deltagare_id        INTEGER NOT NULL REFERENCES deltagare (id),
    typ                 TEXT    NOT NULL CHECK (typ IN ('uppfoljning', 'statusandring')),
    datum               TEXT    NOT NULL,               -- the day it happened
    registrerad         TEXT    NOT NULL,               -- when the server stored it
    registrerad_av      INTEGER NOT NULL REFERENCES anvandare (id),
    forsorjning         TEXT    CHECK (forsorjning IN ('lon', 'studiemedel', 'forsorjningsstod',
                            'sjukpenning', 'rehabiliteringsersattning', 'aktivitetsersattning', 'sjukersattning',
                            'aktivitetsstod', 'etableringsersattning', 'a_kassa', 'ingen', 'annan')),
    sysselsattning      TEXT,
    notering_deltagare  TEXT    CHECK (length(notering_deltagare) <= 4000),
    notering_intern     TEXT    CHECK (length(notering_intern) <= 4000),
    nasta_steg          TEXT    CHECK (length(nasta_steg) <= 2000),
    eskalera            INTEGER NOT NULL DEFAULT 0 CHECK (eskalera IN (0, 1)),
    korrigerar_id       INTEGER REFERENCES uppfoljning (id)
);
CREATE INDEX uppfoljning_deltagare ON uppfoljning (deltagare_id, registrerad);

CREATE TABLE uppfoljning_status (
    uppfoljning_id  INTEGER NOT NULL REFERENCES uppfoljning (id),
    planpunkt_id    INTEGER NOT NULL REFERENCES planpunkt (id),
    status          TEXT    NOT NULL CHECK (status IN ('ej_paborjad', 'pagar', 'genomford', 'avslagen', 'fastnat')),
    orsak           TEXT,
    PRIMARY KEY (uppfoljning_id, planpunkt_id),
    CHECK (status NOT IN ('avslagen', 'fastnat') OR orsak IS NOT NULL)
) WITHOUT ROWID;
CREATE INDEX uppfoljning_status_planpunkt ON uppfoljning_status (planpunkt_id, uppfoljning_id);

CREATE TABLE avslut (
    id                          INTEGER PRIMARY KEY,
    deltagare_id                INTEGER NOT NULL UNIQUE REFERENCES deltagare (id),
    datum                       TEXT    NOT NULL,
    orsak                       TEXT    NOT NULL CHECK (orsak IN ('arbete', 'studier', 'arbetssokande',
                                    'fortsatt_rehabilitering', 'ratt_ersattning', 'flyttat', 'avbrutit',
                                    'samtycke_aterkallat', 'annat', 'felregistrering')),
    forsorjning                 TEXT    NOT NULL CHECK (forsorjning IN ('lon', 'studiemedel', 'forsorjningsstod',
                                    'sjukpenning', 'rehabiliteringsersattning', 'aktivitetsersattning', 'sjukersattning',
                                    'aktivitetsstod', 'etableringsersattning', 'a_kassa', 'ingen', 'annan')),
    fortsattning_organisation_id INTEGER REFERENCES organisation (id),
    fortsattning_ansvarig       TEXT,
    nasta_steg                  TEXT,
    ingen_fortsattning          INTEGER NOT NULL DEFAULT 0 CHECK (ingen_fortsattning IN (0, 1)),
    registrerad                 TEXT    NOT NULL,
    registrerad_av              INTEGER NOT NULL REFERENCES anvandare (id),
    CHECK (ingen_fortsattning = 1 OR (nasta_steg IS NOT NULL AND fortsattning_ansvarig IS NOT NULL)
           OR orsak IN ('arbete', 'studier', 'felregistrering'))
);

-- "Jag har läst": the participant confirms having read the plan as it stood.
CREATE TABLE lasbekraftelse (
    id                  INTEGER PRIMARY KEY,
    deltagare_id        INTEGER NOT NULL REFERENCES deltagare (id),
    planering_version   INTEGER NOT NULL,
    last                TEXT    NOT NULL
);
CREATE INDEX lasbekraftelse_deltagare ON lasbekraftelse (deltagare_id, last);

-- One-time activation codes for a participant's first login. Only a hash of the code is kept.
CREATE TABLE aktiveringskod (
    id              INTEGER PRIMARY KEY,
    anvandare_id    INTEGER NOT NULL REFERENCES anvandare (id),
    kod_hash        TEXT    NOT NULL UNIQUE,
    skapad          TEXT    NOT NULL,
    giltig_till     TEXT    NOT NULL,
    anvand          TEXT,
    skapad_av       INTEGER REFERENCES anvandare (id)
);
CREATE INDEX aktiveringskod_anvandare ON aktiveringskod (anvandare_id);

-- Logged-in sessions. The cookie holds a random token; only its hash is stored.
CREATE TABLE session (
    token_hash      TEXT    PRIMARY KEY,
    anvandare_id    INTEGER NOT NULL REFERENCES anvandare (id),
    skapad          TEXT    NOT NULL,
    senast_aktiv    TEXT    NOT NULL,
    pin_saknas      INTEGER NOT NULL DEFAULT 0 CHECK (pin_saknas IN (0, 1))
) WITHOUT ROWID;
CREATE INDEX session_anvandare ON session (anvandare_id);

-- Failed logins per account name and per address, for throttling.
CREATE TABLE login_attempt (
    nyckel          TEXT    PRIMARY KEY,
    misslyckade     INTEGER NOT NULL,
    senaste         TEXT    NOT NULL,
    sparrad_till    TEXT
) WITHOUT ROWID;

-- Who read or changed whose data. Never updated, never deleted by the application.
CREATE TABLE audit_log (
    id              INTEGER PRIMARY KEY,
    tid             TEXT    NOT NULL,
    anvandare_id    INTEGER REFERENCES anvandare (id),
    handling        TEXT    NOT NULL CHECK (handling IN ('las', 'andra', 'nekad', 'inloggning', 'inloggning_misslyckad',
                                                          'inloggning_sparrad', 'utloggning', 'aktivering')),
    deltagare_id    INTEGER REFERENCES deltagare (id),
    vad             TEXT    NOT NULL,
    adress          TEXT
);
CREATE INDEX audit_log_deltagare ON audit_log (deltagare_id, tid);
CREATE INDEX audit_log_anvandare ON audit_log (anvandare_id, tid);

-- Secrets the server generates once (for example the CSRF signing key).
CREATE TABLE app_secret (
    namn    TEXT PRIMARY KEY,
    varde   TEXT NOT NULL
) WITHOUT ROWID;

-- The participant's stage, derived from what has been recorded (never stored twice).
CREATE VIEW deltagare_fas AS
SELECT d.id AS deltagare_id,
       CASE
           WHEN EXISTS (SELECT 1 FROM avslut a WHERE a.deltagare_id = d.id) THEN 'avslutad'
           WHEN EXISTS (SELECT 1 FROM planering p WHERE p.deltagare_id = d.id AND p.overlamnad IS NOT NULL) THEN 'uppfoljning'
           WHEN EXISTS (SELECT 1 FROM planering p WHERE p.deltagare_id = d.id) THEN 'planerad'
           WHEN EXISTS (SELECT 1 FROM mote_deltagare md WHERE md.deltagare_id = d.id) THEN 'kallad'
           ELSE 'anmald'
       END AS fas
FROM deltagare d;

-- The current status of each item: the status of its latest event.
CREATE VIEW planpunkt_aktuell_status AS
SELECT us.planpunkt_id, us.status, us.orsak, u.registrerad AS sedan, u.id AS uppfoljning_id
FROM uppfoljning_status us
JOIN uppfoljning u ON u.id = us.uppfoljning_id
WHERE u.id = (SELECT max(u2.id) FROM uppfoljning_status us2 JOIN uppfoljning u2 ON u2.id = us2.uppfoljning_id
              WHERE us2.planpunkt_id = us.planpunkt_id);
