-- Rules the database enforces itself, so that no code path and no hand-typed statement can break them.
--
-- 1. Value sets in one place: every coded column takes its codes from the table vardemangd
--    (set, code, order). The order is the order forms show. The Java side reads the same lists from
--    se.finsam.planering.varden.Varden, and VardemangderTest checks that both say exactly the same.
--    One table with a trigger per coded column was chosen over one CHECK per column: a CHECK cannot be
--    changed without rebuilding its table, while a row in vardemangd can be added by a plain INSERT,
--    and the sets can be read (by tests, by reports) instead of being spelled out once per column.
--    The CHECKs written in V1 stay as they are: removing them means rebuilding eleven tables, among them
--    the append-only ones with their triggers, virtual column and views, which is a larger risk than
--    the duplication. Until such a table is rebuilt, a new code for a column that V1 checks needs that
--    rebuild in the same migration; sprak has no V1 CHECK and needs only the INSERT.
--    The stages (fas) are derived by the view deltagare_fas and stored nowhere; their set lives here too,
--    so it has the same one place as the rest.
--    BEFORE triggers run before the table's own constraints, so a refused code always gets the message
--    '<table>.<column>: code not in vardemangd <set>'.
-- 2. One current (ordinary) contact per participant and authority (a partial unique index); history rows stay.
-- 3. A correction and a status event cannot reach into another participant's rows. (A reference to a row
--    that does not exist at all is the foreign key's to refuse.)

CREATE TABLE vardemangd (
    mangd   TEXT    NOT NULL,
    kod     TEXT    NOT NULL,
    ordning INTEGER NOT NULL,
    PRIMARY KEY (mangd, kod)        -- no UNIQUE on ordning, so a code can be moved with one UPDATE;
) WITHOUT ROWID;                    -- VardemangderTest checks that each set counts 1, 2, 3 ... without gaps

INSERT INTO vardemangd (mangd, kod, ordning) VALUES
    ('organisationstyp', 'af', 1),
    ('organisationstyp', 'fk', 2),
    ('organisationstyp', 'region', 3),
    ('organisationstyp', 'socialtjanst', 4),
    ('organisationstyp', 'jobbtorg', 5),
    ('organisationstyp', 'annan', 6),
    ('roll', 'deltagare', 1),
    ('roll', 'handlaggare', 2),
    ('roll', 'teamrepresentant', 3),
    ('roll', 'koordinator', 4),
    ('roll', 'styrgrupp', 5),
    ('roll', 'admin', 6),
    ('sprak', 'sv', 1),
    ('sprak', 'en', 2),
    ('sprak', 'ar', 3),
    ('sprak', 'so', 4),
    ('sprak', 'ti', 5),
    ('sprak', 'fa', 6),
    ('sprak', 'ru', 7),
    ('sprak', 'uk', 8),
    ('kon', 'kvinna', 1),
    ('kon', 'man', 2),
    ('kon', 'annat', 3),
    ('samtycke_hur', 'skriftligt', 1),
    ('samtycke_hur', 'muntligt', 2),
    ('samtycke_hur', 'digitalt', 3),
    ('forsorjning', 'lon', 1),
    ('forsorjning', 'studiemedel', 2),
    ('forsorjning', 'forsorjningsstod', 3),
    ('forsorjning', 'sjukpenning', 4),
    ('forsorjning', 'rehabiliteringsersattning', 5),
    ('forsorjning', 'aktivitetsersattning', 6),
    ('forsorjning', 'sjukersattning', 7),
    ('forsorjning', 'aktivitetsstod', 8),
    ('forsorjning', 'etableringsersattning', 9),
    ('forsorjning', 'a_kassa', 10),
    ('forsorjning', 'ingen', 11),
    ('forsorjning', 'annan', 12),
    ('motesstatus', 'planerat', 1),
    ('motesstatus', 'genomfort', 2),
    ('motesstatus', 'installt', 3),
    ('planpunkttyp', 'rekommendation', 1),
    ('planpunkttyp', 'beslut', 2),
    ('planpunkttyp', 'eget_steg', 3),
    ('uppfoljningstyp', 'uppfoljning', 1),
    ('uppfoljningstyp', 'statusandring', 2),
    ('status', 'ej_paborjad', 1),
    ('status', 'pagar', 2),
    ('status', 'genomford', 3),
    ('status', 'avslagen', 4),
    ('status', 'fastnat', 5),
    ('avslutsorsak', 'arbete', 1),
    ('avslutsorsak', 'studier', 2),
    ('avslutsorsak', 'arbetssokande', 3),
    ('avslutsorsak', 'fortsatt_rehabilitering', 4),
    ('avslutsorsak', 'ratt_ersattning', 5),
    ('avslutsorsak', 'flyttat', 6),
    ('avslutsorsak', 'avbrutit', 7),
    ('avslutsorsak', 'samtycke_aterkallat', 8),
    ('avslutsorsak', 'annat', 9),
    ('avslutsorsak', 'felregistrering', 10),
    ('handling', 'las', 1),
    ('handling', 'andra', 2),
    ('handling', 'nekad', 3),
    ('handling', 'inloggning', 4),
    ('handling', 'inloggning_misslyckad', 5),
    ('handling', 'inloggning_sparrad', 6),
    ('handling', 'utloggning', 7),
    ('handling', 'aktivering', 8),
    ('fas', 'anmald', 1),
    ('fas', 'kallad', 2),
    ('fas', 'planerad', 3),
    ('fas', 'uppfoljning', 4),
    ('fas', 'avslutad', 5);

-- The coded columns. Append-only tables get only an INSERT trigger: V4 already refuses every UPDATE there.
CREATE TRIGGER vardemangd_organisation_typ_ny BEFORE INSERT ON organisation
WHEN NEW.typ IS NOT NULL AND NOT EXISTS (SELECT 1 FROM vardemangd WHERE mangd = 'organisationstyp' AND kod = NEW.typ)
BEGIN
    SELECT RAISE(ABORT, 'organisation.typ: code not in vardemangd organisationstyp');
END;
CREATE TRIGGER vardemangd_organisation_typ_andrad BEFORE UPDATE OF typ ON organisation
WHEN NEW.typ IS NOT NULL AND NOT EXISTS (SELECT 1 FROM vardemangd WHERE mangd = 'organisationstyp' AND kod = NEW.typ)
BEGIN
    SELECT RAISE(ABORT, 'organisation.typ: code not in vardemangd organisationstyp');
END;
CREATE TRIGGER vardemangd_anvandare_roll_ny BEFORE INSERT ON anvandare
WHEN NEW.roll IS NOT NULL AND NOT EXISTS (SELECT 1 FROM vardemangd WHERE mangd = 'roll' AND kod = NEW.roll)
BEGIN
    SELECT RAISE(ABORT, 'anvandare.roll: code not in vardemangd roll');
END;
CREATE TRIGGER vardemangd_anvandare_roll_andrad BEFORE UPDATE OF roll ON anvandare
WHEN NEW.roll IS NOT NULL AND NOT EXISTS (SELECT 1 FROM vardemangd WHERE mangd = 'roll' AND kod = NEW.roll)
BEGIN
    SELECT RAISE(ABORT, 'anvandare.roll: code not in vardemangd roll');
END;
CREATE TRIGGER vardemangd_anvandare_sprak_ny BEFORE INSERT ON anvandare
WHEN NEW.sprak IS NOT NULL AND NOT EXISTS (SELECT 1 FROM vardemangd WHERE mangd = 'sprak' AND kod = NEW.sprak)
BEGIN
    SELECT RAISE(ABORT, 'anvandare.sprak: code not in vardemangd sprak');
END;
CREATE TRIGGER vardemangd_anvandare_sprak_andrad BEFORE UPDATE OF sprak ON anvandare
WHEN NEW.sprak IS NOT NULL AND NOT EXISTS (SELECT 1 FROM vardemangd WHERE mangd = 'sprak' AND kod = NEW.sprak)
BEGIN
    SELECT RAISE(ABORT, 'anvandare.sprak: code not in vardemangd sprak');
END;
CREATE TRIGGER vardemangd_deltagare_sprak_ny BEFORE INSERT ON deltagare
WHEN NEW.sprak IS NOT NULL AND NOT EXISTS (SELECT 1 FROM vardemangd WHERE mangd = 'sprak' AND kod = NEW.sprak)
BEGIN
    SELECT RAISE(ABORT, 'deltagare.sprak: code not in vardemangd sprak');
END;
CREATE TRIGGER vardemangd_deltagare_sprak_andrad BEFORE UPDATE OF sprak ON deltagare
WHEN NEW.sprak IS NOT NULL AND NOT EXISTS (SELECT 1 FROM vardemangd WHERE mangd = 'sprak' AND kod = NEW.sprak)
BEGIN
    SELECT RAISE(ABORT, 'deltagare.sprak: code not in vardemangd sprak');
END;
CREATE TRIGGER vardemangd_deltagare_kon_ny BEFORE INSERT ON deltagare
WHEN NEW.kon IS NOT NULL AND NOT EXISTS (SELECT 1 FROM vardemangd WHERE mangd = 'kon' AND kod = NEW.kon)
BEGIN
    SELECT RAISE(ABORT, 'deltagare.kon: code not in vardemangd kon');
END;
CREATE TRIGGER vardemangd_deltagare_kon_andrad BEFORE UPDATE OF kon ON deltagare
WHEN NEW.kon IS NOT NULL AND NOT EXISTS (SELECT 1 FROM vardemangd WHERE mangd = 'kon' AND kod = NEW.kon)
BEGIN
    SELECT RAISE(ABORT, 'deltagare.kon: code not in vardemangd kon');
END;
CREATE TRIGGER vardemangd_samtycke_hur_ny BEFORE INSERT ON samtycke
WHEN NEW.hur IS NOT NULL AND NOT EXISTS (SELECT 1 FROM vardemangd WHERE mangd = 'samtycke_hur' AND kod = NEW.hur)
BEGIN
    SELECT RAISE(ABORT, 'samtycke.hur: code not in vardemangd samtycke_hur');
END;
CREATE TRIGGER vardemangd_samtycke_hur_andrad BEFORE UPDATE OF hur ON samtycke
WHEN NEW.hur IS NOT NULL AND NOT EXISTS (SELECT 1 FROM vardemangd WHERE mangd = 'samtycke_hur' AND kod = NEW.hur)
BEGIN
    SELECT RAISE(ABORT, 'samtycke.hur: code not in vardemangd samtycke_hur');
END;
CREATE TRIGGER vardemangd_anmalan_forsorjning_ny BEFORE INSERT ON anmalan
WHEN NEW.forsorjning IS NOT NULL AND NOT EXISTS (SELECT 1 FROM vardemangd WHERE mangd = 'forsorjning' AND kod = NEW.forsorjning)
BEGIN
    SELECT RAISE(ABORT, 'anmalan.forsorjning: code not in vardemangd forsorjning');
END;
CREATE TRIGGER vardemangd_anmalan_forsorjning_andrad BEFORE UPDATE OF forsorjning ON anmalan
WHEN NEW.forsorjning IS NOT NULL AND NOT EXISTS (SELECT 1 FROM vardemangd WHERE mangd = 'forsorjning' AND kod = NEW.forsorjning)
BEGIN
    SELECT RAISE(ABORT, 'anmalan.forsorjning: code not in vardemangd forsorjning');
END;
CREATE TRIGGER vardemangd_mote_status_ny BEFORE INSERT ON mote
WHEN NEW.status IS NOT NULL AND NOT EXISTS (SELECT 1 FROM vardemangd WHERE mangd = 'motesstatus' AND kod = NEW.status)
BEGIN
    SELECT RAISE(ABORT, 'mote.status: code not in vardemangd motesstatus');
END;
CREATE TRIGGER vardemangd_mote_status_andrad BEFORE UPDATE OF status ON mote
WHEN NEW.status IS NOT NULL AND NOT EXISTS (SELECT 1 FROM vardemangd WHERE mangd = 'motesstatus' AND kod = NEW.status)
BEGIN
    SELECT RAISE(ABORT, 'mote.status: code not in vardemangd motesstatus');
END;
CREATE TRIGGER vardemangd_planpunkt_typ_ny BEFORE INSERT ON planpunkt
WHEN NEW.typ IS NOT NULL AND NOT EXISTS (SELECT 1 FROM vardemangd WHERE mangd = 'planpunkttyp' AND kod = NEW.typ)
BEGIN
    SELECT RAISE(ABORT, 'planpunkt.typ: code not in vardemangd planpunkttyp');
END;
CREATE TRIGGER vardemangd_planpunkt_typ_andrad BEFORE UPDATE OF typ ON planpunkt
WHEN NEW.typ IS NOT NULL AND NOT EXISTS (SELECT 1 FROM vardemangd WHERE mangd = 'planpunkttyp' AND kod = NEW.typ)
BEGIN
    SELECT RAISE(ABORT, 'planpunkt.typ: code not in vardemangd planpunkttyp');
END;
CREATE TRIGGER vardemangd_uppfoljning_typ_ny BEFORE INSERT ON uppfoljning
WHEN NEW.typ IS NOT NULL AND NOT EXISTS (SELECT 1 FROM vardemangd WHERE mangd = 'uppfoljningstyp' AND kod = NEW.typ)
BEGIN
    SELECT RAISE(ABORT, 'uppfoljning.typ: code not in vardemangd uppfoljningstyp');
END;
CREATE TRIGGER vardemangd_uppfoljning_forsorjning_ny BEFORE INSERT ON uppfoljning
WHEN NEW.forsorjning IS NOT NULL AND NOT EXISTS (SELECT 1 FROM vardemangd WHERE mangd = 'forsorjning' AND kod = NEW.forsorjning)
BEGIN
    SELECT RAISE(ABORT, 'uppfoljning.forsorjning: code not in vardemangd forsorjning');
END;
CREATE TRIGGER vardemangd_uppfoljning_status_status_ny BEFORE INSERT ON uppfoljning_status
WHEN NEW.status IS NOT NULL AND NOT EXISTS (SELECT 1 FROM vardemangd WHERE mangd = 'status' AND kod = NEW.status)
BEGIN
    SELECT RAISE(ABORT, 'uppfoljning_status.status: code not in vardemangd status');
END;
CREATE TRIGGER vardemangd_avslut_orsak_ny BEFORE INSERT ON avslut
WHEN NEW.orsak IS NOT NULL AND NOT EXISTS (SELECT 1 FROM vardemangd WHERE mangd = 'avslutsorsak' AND kod = NEW.orsak)
BEGIN
    SELECT RAISE(ABORT, 'avslut.orsak: code not in vardemangd avslutsorsak');
END;
CREATE TRIGGER vardemangd_avslut_orsak_andrad BEFORE UPDATE OF orsak ON avslut
WHEN NEW.orsak IS NOT NULL AND NOT EXISTS (SELECT 1 FROM vardemangd WHERE mangd = 'avslutsorsak' AND kod = NEW.orsak)
BEGIN
    SELECT RAISE(ABORT, 'avslut.orsak: code not in vardemangd avslutsorsak');
END;
CREATE TRIGGER vardemangd_avslut_forsorjning_ny BEFORE INSERT ON avslut
WHEN NEW.forsorjning IS NOT NULL AND NOT EXISTS (SELECT 1 FROM vardemangd WHERE mangd = 'forsorjning' AND kod = NEW.forsorjning)
BEGIN
    SELECT RAISE(ABORT, 'avslut.forsorjning: code not in vardemangd forsorjning');
END;
CREATE TRIGGER vardemangd_avslut_forsorjning_andrad BEFORE UPDATE OF forsorjning ON avslut
WHEN NEW.forsorjning IS NOT NULL AND NOT EXISTS (SELECT 1 FROM vardemangd WHERE mangd = 'forsorjning' AND kod = NEW.forsorjning)
BEGIN
    SELECT RAISE(ABORT, 'avslut.forsorjning: code not in vardemangd forsorjning');
END;
CREATE TRIGGER vardemangd_audit_log_handling_ny BEFORE INSERT ON audit_log
WHEN NEW.handling IS NOT NULL AND NOT EXISTS (SELECT 1 FROM vardemangd WHERE mangd = 'handling' AND kod = NEW.handling)
BEGIN
    SELECT RAISE(ABORT, 'audit_log.handling: code not in vardemangd handling');
END;

-- One current contact per participant and authority: the ordinary handläggare (ordinarie_handlaggare = 1).
-- A change ends the current row (till_datum) and adds a new one in the same transaction, so ended rows are
-- history and any number of them may exist. Contacts who are not the ordinary handläggare (such as the
-- koordinator, everyone's way into the team) may stand beside the current one.
-- Databases written before this rule may hold two open ordinary rows for the same authority (two changes at
-- the same moment). The newest of them (highest id, the one the application already treated as current)
-- stays current; the others end on the day the newest began, or on their own first day if that is later.
UPDATE kontaktperson
SET till_datum = max(fran_datum, (SELECT senaste.fran_datum FROM kontaktperson senaste
                                   WHERE senaste.id = (SELECT max(k2.id) FROM kontaktperson k2
                                                       WHERE k2.deltagare_id = kontaktperson.deltagare_id
                                                         AND k2.organisation_id = kontaktperson.organisation_id
                                                         AND k2.ordinarie_handlaggare = 1
                                                         AND k2.till_datum IS NULL)))
WHERE till_datum IS NULL AND ordinarie_handlaggare = 1
  AND id < (SELECT max(k2.id) FROM kontaktperson k2
            WHERE k2.deltagare_id = kontaktperson.deltagare_id
              AND k2.organisation_id = kontaktperson.organisation_id
              AND k2.ordinarie_handlaggare = 1
              AND k2.till_datum IS NULL);

CREATE UNIQUE INDEX kontaktperson_en_aktuell ON kontaktperson (deltagare_id, organisation_id)
WHERE till_datum IS NULL AND ordinarie_handlaggare = 1;

-- A correction belongs to the same participant as the follow-up it corrects.
CREATE TRIGGER uppfoljning_rattelse_samma_deltagare BEFORE INSERT ON uppfoljning
WHEN EXISTS (SELECT 1 FROM uppfoljning o WHERE o.id = NEW.korrigerar_id AND o.deltagare_id <> NEW.deltagare_id)
BEGIN
    SELECT RAISE(ABORT, 'uppfoljning.korrigerar_id: the corrected follow-up belongs to another participant');
END;

-- A status event is about an item of the plan of the participant the follow-up belongs to.
CREATE TRIGGER uppfoljning_status_samma_deltagare BEFORE INSERT ON uppfoljning_status
WHEN EXISTS (SELECT 1 FROM uppfoljning u, planpunkt pp JOIN planering p ON p.id = pp.planering_id
             WHERE u.id = NEW.uppfoljning_id AND pp.id = NEW.planpunkt_id AND p.deltagare_id <> u.deltagare_id)
BEGIN
    SELECT RAISE(ABORT, 'uppfoljning_status.planpunkt_id: the item belongs to another participant''s plan');
END;
