-- SMS answered STOPP, by participant: a participant without an account yet (a kallelse by SMS goes to her
-- before she has one) is stopped as surely as one with an account. The sender reads it beside utskick_val.
CREATE TABLE utskick_sms_stopp (
    deltagare_id    INTEGER PRIMARY KEY REFERENCES deltagare (id),
    stoppad         TEXT    NOT NULL
) WITHOUT ROWID;

INSERT INTO utskick_sms_stopp (deltagare_id, stoppad)
SELECT d.id, v.sms_stoppad FROM deltagare d JOIN utskick_val v ON v.anvandare_id = d.anvandare_id
WHERE v.sms_stoppad IS NOT NULL;

-- When a row got its latest outcome (sent, delivered, failed for good): the administrator's counts per channel and
-- day. A failure has no skickat time of its own, so it is kept here.
ALTER TABLE utskick ADD COLUMN avgjord TEXT;
UPDATE utskick SET avgjord = skickat WHERE skickat IS NOT NULL;
CREATE INDEX utskick_avgjord ON utskick (avgjord) WHERE avgjord IS NOT NULL;
