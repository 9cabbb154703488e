-- Disclosure control by cell keys: every participant gets a fixed random key 0-255 when she is created. A cell of a
-- published table is adjusted by the sum of its participants' keys (mod 256), so the same people always give the
-- same adjusted count, in every table and period. The key is never shown and says nothing about her.
ALTER TABLE deltagare ADD COLUMN cellnyckel INTEGER CHECK (cellnyckel BETWEEN 0 AND 255);
UPDATE deltagare SET cellnyckel = abs(random() % 256);
CREATE TRIGGER deltagare_cellnyckel_ny AFTER INSERT ON deltagare WHEN NEW.cellnyckel IS NULL
BEGIN
    UPDATE deltagare SET cellnyckel = abs(random() % 256) WHERE id = NEW.id;
END;

-- The step towards work an ongoing participant has reached, as the team records it at a follow-up (the step at
-- avslut stays on avslut). NULL: not recorded at that follow-up.
ALTER TABLE uppfoljning ADD COLUMN steg_mot_arbete TEXT;
CREATE TRIGGER vardemangd_uppfoljning_steg_mot_arbete_ny BEFORE INSERT ON uppfoljning
WHEN NEW.steg_mot_arbete IS NOT NULL
 AND NOT EXISTS (SELECT 1 FROM vardemangd WHERE mangd = 'steg_mot_arbete' AND kod = NEW.steg_mot_arbete)
BEGIN
    SELECT RAISE(ABORT, 'uppfoljning.steg_mot_arbete: code not in vardemangd steg_mot_arbete');
END;
CREATE INDEX IF NOT EXISTS uppfoljning_korrigerar ON uppfoljning (korrigerar_id);

-- The förbund's targets for the styrgrupp's year page, one value per year and measure (a share in per cent or a
-- number of days, as the measure says).
CREATE TABLE statistik_mal (
    ar          INTEGER NOT NULL CHECK (ar BETWEEN 2000 AND 2100),
    matt        TEXT    NOT NULL CHECK (matt IN ('arbete_studier', 'fortsatt_rehabilitering', 'annan_insats',
                            'dagar_anmalan_mote', 'dagar_mote_avslut')),
    varde       REAL    NOT NULL CHECK (varde >= 0 AND varde <= 10000),
    andrad      TEXT    NOT NULL,
    andrad_av   INTEGER NOT NULL REFERENCES anvandare (id),
    PRIMARY KEY (ar, matt)
);
