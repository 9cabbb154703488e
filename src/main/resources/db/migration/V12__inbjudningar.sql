-- Staff accounts made by the administrator: each is activated with a one-time invitation link, and
-- every change to an account is kept as a row of its own.

-- One-time invitation links. Only a SHA-256 hash of the link's 256-bit token is kept. A link is used
-- once (anvand), dies when a newer one is made for the same account (ersatt), and expires (giltig_till).
CREATE TABLE inbjudan (
    id              INTEGER PRIMARY KEY,
    anvandare_id    INTEGER NOT NULL REFERENCES anvandare (id),
    token_hash      TEXT    NOT NULL UNIQUE,
    skapad          TEXT    NOT NULL,
    giltig_till     TEXT    NOT NULL,
    anvand          TEXT,
    ersatt          TEXT,
    skapad_av       INTEGER REFERENCES anvandare (id),
    CHECK (giltig_till > skapad)
);
CREATE INDEX inbjudan_anvandare ON inbjudan (anvandare_id);

-- Who changed which staff account, what, and when. Append-only like the audit log.
CREATE TABLE konto_andring (
    id              INTEGER PRIMARY KEY,
    tid             TEXT    NOT NULL,
    andrad_av       INTEGER REFERENCES anvandare (id),
    anvandare_id    INTEGER NOT NULL REFERENCES anvandare (id),
    vad             TEXT    NOT NULL CHECK (length(vad) BETWEEN 1 AND 2000)
);
CREATE INDEX konto_andring_anvandare ON konto_andring (anvandare_id, tid);

CREATE TRIGGER konto_andring_ingen_andring BEFORE UPDATE ON konto_andring
BEGIN
    SELECT RAISE(ABORT, 'konto_andring is append-only');
END;

CREATE TRIGGER konto_andring_ingen_borttagning BEFORE DELETE ON konto_andring
WHEN NOT EXISTS (SELECT 1 FROM gallring_run WHERE aktiv = 1)
BEGIN
    SELECT RAISE(ABORT, 'konto_andring is append-only (deletion only during gallring)');
END;
