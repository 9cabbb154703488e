-- Samtycke in the participant's own hands, and the koordinator's tasks that follow from it.
--
-- samtycke.aterkallat_av: who withdrew the samtycke (the participant herself from "Mina uppgifter", or staff).
-- Rows written before this migration have NULL there. A withdrawn samtycke is given again only through the
-- team, as a new row, so the history of a participant's samtycke is the list of its rows.
--
-- koordinatoruppgift: what the koordinator of the participant's team must act on, shown on her start page
-- until someone marks it handled: a samtycke the participant withdrew (which organisation), or a request
-- from the participant to correct something stored about her (her own words). Handled rows stay, with who
-- and when.

ALTER TABLE samtycke ADD COLUMN aterkallat_av INTEGER REFERENCES anvandare (id);

INSERT INTO vardemangd (mangd, kod, ordning) VALUES
    ('koordinatoruppgift', 'samtycke_aterkallat', 1),
    ('koordinatoruppgift', 'rattelse', 2);

CREATE TABLE koordinatoruppgift (
    id              INTEGER PRIMARY KEY,
    deltagare_id    INTEGER NOT NULL REFERENCES deltagare (id),
    typ             TEXT    NOT NULL,
    organisation_id INTEGER REFERENCES organisation (id),   -- samtycke_aterkallat: whose samtycke
    text            TEXT,                                   -- rattelse: what the participant wrote
    skapad          TEXT    NOT NULL,
    skapad_av       INTEGER NOT NULL REFERENCES anvandare (id),
    hanterad        TEXT,
    hanterad_av     INTEGER REFERENCES anvandare (id),
    CHECK ((typ = 'samtycke_aterkallat' AND organisation_id IS NOT NULL)
        OR (typ = 'rattelse' AND text IS NOT NULL AND length(text) > 0)),
    CHECK ((hanterad IS NULL) = (hanterad_av IS NULL))
);
CREATE INDEX koordinatoruppgift_oppen ON koordinatoruppgift (deltagare_id) WHERE hanterad IS NULL;

CREATE TRIGGER vardemangd_koordinatoruppgift_typ_ny BEFORE INSERT ON koordinatoruppgift
WHEN NEW.typ IS NOT NULL AND NOT EXISTS (SELECT 1 FROM vardemangd WHERE mangd = 'koordinatoruppgift' AND kod = NEW.typ)
BEGIN
    SELECT RAISE(ABORT, 'koordinatoruppgift.typ: code not in vardemangd koordinatoruppgift');
END;
CREATE TRIGGER vardemangd_koordinatoruppgift_typ_andrad BEFORE UPDATE OF typ ON koordinatoruppgift
WHEN NEW.typ IS NOT NULL AND NOT EXISTS (SELECT 1 FROM vardemangd WHERE mangd = 'koordinatoruppgift' AND kod = NEW.typ)
BEGIN
    SELECT RAISE(ABORT, 'koordinatoruppgift.typ: code not in vardemangd koordinatoruppgift');
END;
-- Only whether and by whom it was handled can change; what was asked stays as it was written.
CREATE TRIGGER koordinatoruppgift_bara_hanterad BEFORE UPDATE ON koordinatoruppgift
WHEN NEW.deltagare_id IS NOT OLD.deltagare_id OR NEW.typ IS NOT OLD.typ
  OR NEW.organisation_id IS NOT OLD.organisation_id OR NEW.text IS NOT OLD.text
  OR NEW.skapad IS NOT OLD.skapad OR NEW.skapad_av IS NOT OLD.skapad_av
BEGIN
    SELECT RAISE(ABORT, 'koordinatoruppgift: only hanterad and hanterad_av may change');
END;
