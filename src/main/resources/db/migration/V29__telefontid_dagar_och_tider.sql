-- Telephone hours as days of the week and a time of day, so that each reader gets them in her own language
-- (the participant's Kontakter page in Arabic says the days in Arabic). telefontid_dagar has one bit per weekday,
-- Monday the lowest (1) and Sunday the highest (64); telefontid_fran and telefontid_till are HH:MM, and equal
-- times mean round the clock. The free text column telefontider is kept: start-up fills the new columns from it
-- wherever the text can be read ("Mån–tors 9–11", "Tis och tors 13–15", "Vardagar 8–16"), and a text that cannot
-- be read is shown as written until someone enters the hours as days and times.

ALTER TABLE organisation ADD COLUMN telefontid_dagar INTEGER CHECK (telefontid_dagar BETWEEN 1 AND 127);
ALTER TABLE organisation ADD COLUMN telefontid_fran TEXT CHECK (telefontid_fran GLOB '[0-2][0-9]:[0-5][0-9]');
ALTER TABLE organisation ADD COLUMN telefontid_till TEXT CHECK (telefontid_till GLOB '[0-2][0-9]:[0-5][0-9]');

ALTER TABLE anvandare ADD COLUMN telefontid_dagar INTEGER CHECK (telefontid_dagar BETWEEN 1 AND 127);
ALTER TABLE anvandare ADD COLUMN telefontid_fran TEXT CHECK (telefontid_fran GLOB '[0-2][0-9]:[0-5][0-9]');
ALTER TABLE anvandare ADD COLUMN telefontid_till TEXT CHECK (telefontid_till GLOB '[0-2][0-9]:[0-5][0-9]');

ALTER TABLE kontaktperson ADD COLUMN telefontid_dagar INTEGER CHECK (telefontid_dagar BETWEEN 1 AND 127);
ALTER TABLE kontaktperson ADD COLUMN telefontid_fran TEXT CHECK (telefontid_fran GLOB '[0-2][0-9]:[0-5][0-9]');
ALTER TABLE kontaktperson ADD COLUMN telefontid_till TEXT CHECK (telefontid_till GLOB '[0-2][0-9]:[0-5][0-9]');
