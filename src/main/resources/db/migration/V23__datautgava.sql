-- A number that grows with every change to what pages show: plans, follow-ups, contacts, meetings, people,
-- teams and organisations. A page built from the data at one number is still right while the number is the
-- same, so it can be kept in memory and answered with 304 Not Modified. The logs (audit_log, session,
-- login_attempt and the like) do not count: reading a page must not make it stale.
CREATE TABLE datautgava (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    nr INTEGER NOT NULL
);
INSERT INTO datautgava (id, nr) VALUES (1, 1);

-- The participant's contacts ask whether a koordinator is already one of her contact persons; without this
-- index SQLite walks every contact of that koordinator (thousands in a large team).
CREATE INDEX kontaktperson_deltagare_anvandare ON kontaktperson (deltagare_id, anvandare_id) WHERE till_datum IS NULL;

CREATE TRIGGER datautgava_anmalan_ny AFTER INSERT ON anmalan BEGIN UPDATE datautgava SET nr = nr + 1; END;
CREATE TRIGGER datautgava_anmalan_andrad AFTER UPDATE ON anmalan BEGIN UPDATE datautgava SET nr = nr + 1; END;
CREATE TRIGGER datautgava_anmalan_borttagen AFTER DELETE ON anmalan BEGIN UPDATE datautgava SET nr = nr + 1; END;
CREATE TRIGGER datautgava_anvandare_ny AFTER INSERT ON anvandare BEGIN UPDATE datautgava SET nr = nr + 1; END;
CREATE TRIGGER datautgava_anvandare_andrad AFTER UPDATE ON anvandare BEGIN UPDATE datautgava SET nr = nr + 1; END;
CREATE TRIGGER datautgava_anvandare_borttagen AFTER DELETE ON anvandare BEGIN UPDATE datautgava SET nr = nr + 1; END;
CREATE TRIGGER datautgava_avslut_ny AFTER INSERT ON avslut BEGIN UPDATE datautgava SET nr = nr + 1; END;
CREATE TRIGGER datautgava_avslut_andrad AFTER UPDATE ON avslut BEGIN UPDATE datautgava SET nr = nr + 1; END;
CREATE TRIGGER datautgava_avslut_borttagen AFTER DELETE ON avslut BEGIN UPDATE datautgava SET nr = nr + 1; END;
CREATE TRIGGER datautgava_deltagare_ny AFTER INSERT ON deltagare BEGIN UPDATE datautgava SET nr = nr + 1; END;
CREATE TRIGGER datautgava_deltagare_andrad AFTER UPDATE ON deltagare BEGIN UPDATE datautgava SET nr = nr + 1; END;
CREATE TRIGGER datautgava_deltagare_borttagen AFTER DELETE ON deltagare BEGIN UPDATE datautgava SET nr = nr + 1; END;
CREATE TRIGGER datautgava_efterkontroll_ny AFTER INSERT ON efterkontroll BEGIN UPDATE datautgava SET nr = nr + 1; END;
CREATE TRIGGER datautgava_efterkontroll_andrad AFTER UPDATE ON efterkontroll BEGIN UPDATE datautgava SET nr = nr + 1; END;
CREATE TRIGGER datautgava_efterkontroll_borttagen AFTER DELETE ON efterkontroll BEGIN UPDATE datautgava SET nr = nr + 1; END;
CREATE TRIGGER datautgava_eskalering_hanterad_ny AFTER INSERT ON eskalering_hanterad BEGIN UPDATE datautgava SET nr = nr + 1; END;
CREATE TRIGGER datautgava_eskalering_hanterad_andrad AFTER UPDATE ON eskalering_hanterad BEGIN UPDATE datautgava SET nr = nr + 1; END;
CREATE TRIGGER datautgava_eskalering_hanterad_borttagen AFTER DELETE ON eskalering_hanterad BEGIN UPDATE datautgava SET nr = nr + 1; END;
CREATE TRIGGER datautgava_koordinatoruppgift_ny AFTER INSERT ON koordinatoruppgift BEGIN UPDATE datautgava SET nr = nr + 1; END;
CREATE TRIGGER datautgava_koordinatoruppgift_andrad AFTER UPDATE ON koordinatoruppgift BEGIN UPDATE datautgava SET nr = nr + 1; END;
CREATE TRIGGER datautgava_koordinatoruppgift_borttagen AFTER DELETE ON koordinatoruppgift BEGIN UPDATE datautgava SET nr = nr + 1; END;
CREATE TRIGGER datautgava_kontaktperson_ny AFTER INSERT ON kontaktperson BEGIN UPDATE datautgava SET nr = nr + 1; END;
CREATE TRIGGER datautgava_kontaktperson_andrad AFTER UPDATE ON kontaktperson BEGIN UPDATE datautgava SET nr = nr + 1; END;
CREATE TRIGGER datautgava_kontaktperson_borttagen AFTER DELETE ON kontaktperson BEGIN UPDATE datautgava SET nr = nr + 1; END;
CREATE TRIGGER datautgava_lasbekraftelse_ny AFTER INSERT ON lasbekraftelse BEGIN UPDATE datautgava SET nr = nr + 1; END;
CREATE TRIGGER datautgava_lasbekraftelse_andrad AFTER UPDATE ON lasbekraftelse BEGIN UPDATE datautgava SET nr = nr + 1; END;
CREATE TRIGGER datautgava_lasbekraftelse_borttagen AFTER DELETE ON lasbekraftelse BEGIN UPDATE datautgava SET nr = nr + 1; END;
CREATE TRIGGER datautgava_mote_ny AFTER INSERT ON mote BEGIN UPDATE datautgava SET nr = nr + 1; END;
CREATE TRIGGER datautgava_mote_andrad AFTER UPDATE ON mote BEGIN UPDATE datautgava SET nr = nr + 1; END;
CREATE TRIGGER datautgava_mote_borttagen AFTER DELETE ON mote BEGIN UPDATE datautgava SET nr = nr + 1; END;
CREATE TRIGGER datautgava_mote_deltagare_ny AFTER INSERT ON mote_deltagare BEGIN UPDATE datautgava SET nr = nr + 1; END;
CREATE TRIGGER datautgava_mote_deltagare_andrad AFTER UPDATE ON mote_deltagare BEGIN UPDATE datautgava SET nr = nr + 1; END;
CREATE TRIGGER datautgava_mote_deltagare_borttagen AFTER DELETE ON mote_deltagare BEGIN UPDATE datautgava SET nr = nr + 1; END;
CREATE TRIGGER datautgava_mote_narvaro_ny AFTER INSERT ON mote_narvaro BEGIN UPDATE datautgava SET nr = nr + 1; END;
CREATE TRIGGER datautgava_mote_narvaro_andrad AFTER UPDATE ON mote_narvaro BEGIN UPDATE datautgava SET nr = nr + 1; END;
CREATE TRIGGER datautgava_mote_narvaro_borttagen AFTER DELETE ON mote_narvaro BEGIN UPDATE datautgava SET nr = nr + 1; END;
CREATE TRIGGER datautgava_organisation_ny AFTER INSERT ON organisation BEGIN UPDATE datautgava SET nr = nr + 1; END;
CREATE TRIGGER datautgava_organisation_andrad AFTER UPDATE ON organisation BEGIN UPDATE datautgava SET nr = nr + 1; END;
CREATE TRIGGER datautgava_organisation_borttagen AFTER DELETE ON organisation BEGIN UPDATE datautgava SET nr = nr + 1; END;
CREATE TRIGGER datautgava_overlamning_ny AFTER INSERT ON overlamning BEGIN UPDATE datautgava SET nr = nr + 1; END;
CREATE TRIGGER datautgava_overlamning_andrad AFTER UPDATE ON overlamning BEGIN UPDATE datautgava SET nr = nr + 1; END;
CREATE TRIGGER datautgava_overlamning_borttagen AFTER DELETE ON overlamning BEGIN UPDATE datautgava SET nr = nr + 1; END;
CREATE TRIGGER datautgava_planering_ny AFTER INSERT ON planering BEGIN UPDATE datautgava SET nr = nr + 1; END;
CREATE TRIGGER datautgava_planering_andrad AFTER UPDATE ON planering BEGIN UPDATE datautgava SET nr = nr + 1; END;
CREATE TRIGGER datautgava_planering_borttagen AFTER DELETE ON planering BEGIN UPDATE datautgava SET nr = nr + 1; END;
CREATE TRIGGER datautgava_planpunkt_ny AFTER INSERT ON planpunkt BEGIN UPDATE datautgava SET nr = nr + 1; END;
CREATE TRIGGER datautgava_planpunkt_andrad AFTER UPDATE ON planpunkt BEGIN UPDATE datautgava SET nr = nr + 1; END;
CREATE TRIGGER datautgava_planpunkt_borttagen AFTER DELETE ON planpunkt BEGIN UPDATE datautgava SET nr = nr + 1; END;
CREATE TRIGGER datautgava_samtycke_ny AFTER INSERT ON samtycke BEGIN UPDATE datautgava SET nr = nr + 1; END;
CREATE TRIGGER datautgava_samtycke_andrad AFTER UPDATE ON samtycke BEGIN UPDATE datautgava SET nr = nr + 1; END;
CREATE TRIGGER datautgava_samtycke_borttagen AFTER DELETE ON samtycke BEGIN UPDATE datautgava SET nr = nr + 1; END;
CREATE TRIGGER datautgava_team_ny AFTER INSERT ON team BEGIN UPDATE datautgava SET nr = nr + 1; END;
CREATE TRIGGER datautgava_team_andrad AFTER UPDATE ON team BEGIN UPDATE datautgava SET nr = nr + 1; END;
CREATE TRIGGER datautgava_team_borttagen AFTER DELETE ON team BEGIN UPDATE datautgava SET nr = nr + 1; END;
CREATE TRIGGER datautgava_team_hjalpkontakt_ny AFTER INSERT ON team_hjalpkontakt BEGIN UPDATE datautgava SET nr = nr + 1; END;
CREATE TRIGGER datautgava_team_hjalpkontakt_andrad AFTER UPDATE ON team_hjalpkontakt BEGIN UPDATE datautgava SET nr = nr + 1; END;
CREATE TRIGGER datautgava_team_hjalpkontakt_borttagen AFTER DELETE ON team_hjalpkontakt BEGIN UPDATE datautgava SET nr = nr + 1; END;
CREATE TRIGGER datautgava_team_medlem_ny AFTER INSERT ON team_medlem BEGIN UPDATE datautgava SET nr = nr + 1; END;
CREATE TRIGGER datautgava_team_medlem_andrad AFTER UPDATE ON team_medlem BEGIN UPDATE datautgava SET nr = nr + 1; END;
CREATE TRIGGER datautgava_team_medlem_borttagen AFTER DELETE ON team_medlem BEGIN UPDATE datautgava SET nr = nr + 1; END;
CREATE TRIGGER datautgava_team_organisation_ny AFTER INSERT ON team_organisation BEGIN UPDATE datautgava SET nr = nr + 1; END;
CREATE TRIGGER datautgava_team_organisation_andrad AFTER UPDATE ON team_organisation BEGIN UPDATE datautgava SET nr = nr + 1; END;
CREATE TRIGGER datautgava_team_organisation_borttagen AFTER DELETE ON team_organisation BEGIN UPDATE datautgava SET nr = nr + 1; END;
CREATE TRIGGER datautgava_uppfoljning_ny AFTER INSERT ON uppfoljning BEGIN UPDATE datautgava SET nr = nr + 1; END;
CREATE TRIGGER datautgava_uppfoljning_andrad AFTER UPDATE ON uppfoljning BEGIN UPDATE datautgava SET nr = nr + 1; END;
CREATE TRIGGER datautgava_uppfoljning_borttagen AFTER DELETE ON uppfoljning BEGIN UPDATE datautgava SET nr = nr + 1; END;
CREATE TRIGGER datautgava_uppfoljning_status_ny AFTER INSERT ON uppfoljning_status BEGIN UPDATE datautgava SET nr = nr + 1; END;
CREATE TRIGGER datautgava_uppfoljning_status_andrad AFTER UPDATE ON uppfoljning_status BEGIN UPDATE datautgava SET nr = nr + 1; END;
CREATE TRIGGER datautgava_uppfoljning_status_borttagen AFTER DELETE ON uppfoljning_status BEGIN UPDATE datautgava SET nr = nr + 1; END;
CREATE TRIGGER datautgava_vardemangd_ny AFTER INSERT ON vardemangd BEGIN UPDATE datautgava SET nr = nr + 1; END;
CREATE TRIGGER datautgava_vardemangd_andrad AFTER UPDATE ON vardemangd BEGIN UPDATE datautgava SET nr = nr + 1; END;
CREATE TRIGGER datautgava_vardemangd_borttagen AFTER DELETE ON vardemangd BEGIN UPDATE datautgava SET nr = nr + 1; END;
