-- Web push to a participant's phone or browser.
--
-- push_nyckel: the server's VAPID key pair (RFC 8292), made by the server at its first start and kept here, so that
-- every browser's subscription (made with the public key) stays valid across restarts. One row. publik: the
-- uncompressed P-256 point, privat: the 32-byte private scalar, both base64url without padding. Lost or changed,
-- every subscription stops working and each person turns notifications on again.
CREATE TABLE push_nyckel (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    publik  TEXT    NOT NULL,
    privat  TEXT    NOT NULL,
    skapad  TEXT    NOT NULL
);

-- A browser's push subscription: where its push service takes messages for it (endpoint), and the keys the
-- payload is encrypted with (p256dh: the browser's P-256 public key, auth: its 16-byte secret; base64url). One
-- browser has one subscription, so it belongs to whoever turned notifications on in it last. Deleted when she turns
-- them off, when the push service says it is gone (404, 410), and when her data are cleared.
CREATE TABLE push_prenumeration (
    id            INTEGER PRIMARY KEY,
    anvandare_id  INTEGER NOT NULL REFERENCES anvandare (id),
    endpoint      TEXT    NOT NULL UNIQUE,
    p256dh        TEXT    NOT NULL,
    auth          TEXT    NOT NULL,
    skapad        TEXT    NOT NULL,
    senast_skickat TEXT
);
CREATE INDEX push_prenumeration_anvandare ON push_prenumeration (anvandare_id);
