-- A kallelse sent by SMS or e-mail (typ 'kallelse', sak_id the booking) carries the same activation code as the
-- letter printed with it. Activation codes are kept only as hashes (aktiveringskod.kod_hash); the outbox keeps the
-- code's plaintext only while the message waits for its channel. The statement that marks the row sent, or ends it
-- in any other way, blanks it; the CHECK makes a row that left 'vantar' with its code impossible. A new code for the
-- participant ends a kallelse still waiting with the old one.
ALTER TABLE utskick ADD COLUMN aktiveringskod TEXT CHECK (aktiveringskod IS NULL OR status = 'vantar');
