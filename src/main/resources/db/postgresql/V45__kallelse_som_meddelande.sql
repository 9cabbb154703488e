-- A kallelse sent by SMS or e-mail carries the same activation code as the letter printed with it; the outbox keeps
-- the code's plaintext only while the message waits for its channel (as in SQLite's V45).
ALTER TABLE utskick ADD COLUMN aktiveringskod TEXT COLLATE "C" CHECK (aktiveringskod IS NULL OR status = 'vantar');
