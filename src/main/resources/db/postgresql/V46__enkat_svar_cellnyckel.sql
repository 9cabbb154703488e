-- Survey answers get the disclosure control of the statistics: each answer its own random cell key 0-255, drawn
-- when it is stored, not derived from anything of hers (as in SQLite's V46). The age group an answer is counted
-- in, fine enough for every band set the statistics offer.
ALTER TABLE enkat_svar ADD COLUMN cellnyckel BIGINT CHECK (cellnyckel BETWEEN 0 AND 255);
UPDATE enkat_svar SET cellnyckel = floor(random() * 256)::bigint;

CREATE FUNCTION finsam_enkat_svar_cellnyckel() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.cellnyckel IS NULL THEN
        NEW.cellnyckel := floor(random() * 256)::bigint;
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER enkat_svar_cellnyckel_ny BEFORE INSERT ON enkat_svar
    FOR EACH ROW EXECUTE FUNCTION finsam_enkat_svar_cellnyckel();

ALTER TABLE enkat_svar ADD COLUMN aldersgrupp TEXT COLLATE "C"
    CHECK (aldersgrupp IN ('under16', '16_29', '30_39', '40_44', '45_49', '50_59', '60_64', '65plus'));
UPDATE enkat_svar SET aldersgrupp = CASE aldersband WHEN '16_29' THEN '16_29' WHEN '60_64' THEN '60_64' END;
