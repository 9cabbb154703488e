-- Administration of organisations and teams in the browser.

-- An organisation is deactivated, never deleted: it keeps its history and existing cards, but is no longer
-- offered for new staff, plan items or samtycke. A region's unit says what kind it is (psykiatri,
-- vårdcentral ...). The sentence on what it helps with is kept in Swedish (kan_hjalpa_med) and, when
-- written, in English and Arabic; the participant reads her language's, else the Swedish one.
ALTER TABLE organisation ADD COLUMN aktiv INTEGER NOT NULL DEFAULT 1 CHECK (aktiv IN (0, 1));
ALTER TABLE organisation ADD COLUMN enhetstyp TEXT CHECK (enhetstyp IS NULL OR length(enhetstyp) BETWEEN 1 AND 60);
ALTER TABLE organisation ADD COLUMN epost TEXT CHECK (epost IS NULL OR length(epost) BETWEEN 3 AND 120);
ALTER TABLE organisation ADD COLUMN kan_hjalpa_med_en TEXT CHECK (kan_hjalpa_med_en IS NULL OR length(kan_hjalpa_med_en) <= 300);
ALTER TABLE organisation ADD COLUMN kan_hjalpa_med_ar TEXT CHECK (kan_hjalpa_med_ar IS NULL OR length(kan_hjalpa_med_ar) <= 300);
CREATE UNIQUE INDEX organisation_namn_unik ON organisation (namn COLLATE NOCASE);

-- A team is deactivated, never deleted once it has participants. Its förbund (the samordningsförbund it
-- belongs to) and how long its meetings last are set by the administrator.
ALTER TABLE team ADD COLUMN forbund TEXT CHECK (forbund IS NULL OR length(forbund) BETWEEN 1 AND 120);
ALTER TABLE team ADD COLUMN moteslangd_minuter INTEGER NOT NULL DEFAULT 180
    CHECK (moteslangd_minuter BETWEEN 45 AND 480);
ALTER TABLE team ADD COLUMN aktiv INTEGER NOT NULL DEFAULT 1 CHECK (aktiv IN (0, 1));

-- The organisations that take part in a team.
CREATE TABLE team_organisation (
    team_id         INTEGER NOT NULL REFERENCES team (id),
    organisation_id INTEGER NOT NULL REFERENCES organisation (id),
    PRIMARY KEY (team_id, organisation_id)
) WITHOUT ROWID;
CREATE INDEX team_organisation_organisation ON team_organisation (organisation_id);

-- Existing teams take part with the organisations of their members.
INSERT OR IGNORE INTO team_organisation (team_id, organisation_id)
SELECT DISTINCT m.team_id, a.organisation_id
FROM team_medlem m JOIN anvandare a ON a.id = m.anvandare_id
WHERE a.organisation_id IS NOT NULL;
