-- Survey answers get the disclosure control of the statistics: each answer its own random cell key 0-255, drawn
-- when it is stored. It is not the participant's key and is not derived from anything of hers, so it gives no way
-- from the answer back to her. A cell of a published survey table is adjusted by the sum of its answers' keys
-- (mod 256), as the statistics' cells are by their participants' keys.
ALTER TABLE enkat_svar ADD COLUMN cellnyckel INTEGER CHECK (cellnyckel BETWEEN 0 AND 255);
UPDATE enkat_svar SET cellnyckel = abs(random() % 256);
CREATE TRIGGER enkat_svar_cellnyckel_ny AFTER INSERT ON enkat_svar WHEN NEW.cellnyckel IS NULL
BEGIN
    UPDATE enkat_svar SET cellnyckel = abs(random() % 256) WHERE id = NEW.id;
END;

-- The age group an answer is counted in, fine enough for every band set the statistics offer (the national bands
-- 16-29, 30-44, 45-59, 60-64, the older national bands under 30, 30-59, 60 and over, and the ten-year bands under
-- 30, 30-39, 40-49, 50 and over), and no finer: the boundaries of all three sets together. Age as in aldersband:
-- the year of the answer minus the year of birth. Answers stored before this column have it only where their
-- national band settles it; elsewhere it is NULL and such an answer is counted as "age not known" in a band set
-- its national band does not settle.
ALTER TABLE enkat_svar ADD COLUMN aldersgrupp TEXT
    CHECK (aldersgrupp IN ('under16', '16_29', '30_39', '40_44', '45_49', '50_59', '60_64', '65plus'));
UPDATE enkat_svar SET aldersgrupp = CASE aldersband WHEN '16_29' THEN '16_29' WHEN '60_64' THEN '60_64' END;
