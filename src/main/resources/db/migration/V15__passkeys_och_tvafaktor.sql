-- Passkeys (WebAuthn) for every account, a second factor for koordinator and admin, and a participant's
-- choice to turn PIN login off once she has a passkey.

-- One WebAuthn user handle per account (64 random bytes, base64url): the authenticator keeps it with each
-- passkey, so a login without a typed user id finds the account. Never derived from the user id.
ALTER TABLE anvandare ADD COLUMN nyckel_handtag TEXT;
CREATE UNIQUE INDEX anvandare_nyckel_handtag ON anvandare (nyckel_handtag) WHERE nyckel_handtag IS NOT NULL;

-- 1 when the participant has turned PIN login off (allowed only while she has a passkey); a new PIN, chosen
-- with a new activation code from the koordinator, turns it on again.
ALTER TABLE anvandare ADD COLUMN pin_avstangd INTEGER NOT NULL DEFAULT 0 CHECK (pin_avstangd IN (0, 1));

-- A passkey: the credential id, the public key as COSE and the signature counter, all binary values as base64url.
CREATE TABLE nyckel (
    id              INTEGER PRIMARY KEY,
    anvandare_id    INTEGER NOT NULL REFERENCES anvandare (id),
    credential_id   TEXT    NOT NULL UNIQUE,
    user_handle     TEXT    NOT NULL,
    public_key_cose TEXT    NOT NULL,
    sign_count      INTEGER NOT NULL DEFAULT 0 CHECK (sign_count >= 0),
    transports      TEXT,
    namn            TEXT    NOT NULL CHECK (length(namn) BETWEEN 1 AND 100),
    skapad          TEXT    NOT NULL,
    senast_anvand   TEXT
);
CREATE INDEX nyckel_anvandare ON nyckel (anvandare_id);

-- A WebAuthn challenge handed to a browser: used once (the row is deleted when it is answered) and only
-- until giltig_till. begaran is the request as the server made it (JSON), so the answer is checked against it.
CREATE TABLE webauthn_utmaning (
    id              TEXT    PRIMARY KEY,
    anvandare_id    INTEGER REFERENCES anvandare (id),
    syfte           TEXT    NOT NULL CHECK (syfte IN ('registrering', 'inloggning', 'tvafaktor')),
    begaran         TEXT    NOT NULL,
    giltig_till     TEXT    NOT NULL
) WITHOUT ROWID;

-- A TOTP secret (RFC 6238, base32). bekraftad is null while the account is enrolling: the secret is shown
-- only then, and in use only once a code made with it has been typed.
CREATE TABLE totp (
    anvandare_id    INTEGER PRIMARY KEY REFERENCES anvandare (id),
    hemlighet       TEXT    NOT NULL,
    skapad          TEXT    NOT NULL,
    bekraftad       TEXT
);

-- Time steps whose code an account has already used: a code is accepted once.
CREATE TABLE totp_anvand (
    anvandare_id    INTEGER NOT NULL REFERENCES anvandare (id),
    steg            INTEGER NOT NULL,
    anvand          TEXT    NOT NULL,
    PRIMARY KEY (anvandare_id, steg)
) WITHOUT ROWID;

-- 1 from a koordinator's or admin's password login until the second factor is passed.
ALTER TABLE session ADD COLUMN andra_faktor_kravs INTEGER NOT NULL DEFAULT 0 CHECK (andra_faktor_kravs IN (0, 1));
