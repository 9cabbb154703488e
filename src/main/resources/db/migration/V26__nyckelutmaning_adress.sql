-- The address a passkey login was started from (or the device, for one that has logged in before): each keeps
-- only its latest few unused challenges, so starting logins without finishing them cannot fill the table.
ALTER TABLE webauthn_utmaning ADD COLUMN adress TEXT;
CREATE INDEX webauthn_utmaning_adress ON webauthn_utmaning (adress, giltig_till) WHERE adress IS NOT NULL;
