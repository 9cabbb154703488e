-- Moving a meeting or a booking.
-- mote.version: optimistic locking, so two koordinatorer moving the same meeting at once cannot overwrite each
-- other. flyttad_fran_*: where and when the meeting was before its latest move, for staff.
ALTER TABLE mote ADD COLUMN version INTEGER NOT NULL DEFAULT 0 CHECK (version >= 0);
ALTER TABLE mote ADD COLUMN flyttad_fran_start TEXT;
ALTER TABLE mote ADD COLUMN flyttad_fran_plats TEXT;

-- sekvens: the calendar file's SEQUENCE, raised on every move so calendars replace the event with the same UID.
-- flyttad_fran_*: the participant's time and place before the latest move, shown to her struck through.
ALTER TABLE mote_deltagare ADD COLUMN sekvens INTEGER NOT NULL DEFAULT 0 CHECK (sekvens >= 0);
ALTER TABLE mote_deltagare ADD COLUMN flyttad_fran_tid TEXT;
ALTER TABLE mote_deltagare ADD COLUMN flyttad_fran_plats TEXT;
