-- When each staff member last opened one of her work lists, so that the list (and her start page) can mark what
-- has come in since. The lists and start pages are read fresh, never from the page cache, so the table has no
-- datautgava triggers: opening a list must not make every cached page stale.
CREATE TABLE arbetslista_besok (
    anvandare_id INTEGER NOT NULL REFERENCES anvandare (id) ON DELETE CASCADE,
    lista        TEXT    NOT NULL,
    sedd         TEXT    NOT NULL,
    PRIMARY KEY (anvandare_id, lista)
) WITHOUT ROWID;
