-- Reads are written by one writer in batches. Identical reads in the same second (the same staff member,
-- person, page and address: a reload, a list shown again) become one row that says how many they were,
-- instead of one row each: the log keeps every look, and a list of a hundred people shown many times a
-- minute no longer costs a hundred rows each time.
ALTER TABLE audit_log ADD COLUMN antal INTEGER NOT NULL DEFAULT 1 CHECK (antal >= 1);
