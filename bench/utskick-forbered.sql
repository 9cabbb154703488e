-- Makes messages due for the messaging benchmarks (bench/krasch.sh, bortfall.sh, utskick-fart.sh), written
-- straight into the outbox as the database's triggers and the planner write theirs: status 'vantar', planerad
-- NULL (at once). :sms messages "your plan changed" to as many participants without an account (SMS is their
-- default channel), each given a number of her own (070 and her id) so that the gateway's count per number is a
-- count per participant; :epost messages "an item was handed over to you" by e-mail to the staff with an address,
-- in turn, each of them set to e-mail only. The two kinds are interleaved, so both channels are in flight at any
-- moment. Every row's key starts with 'bench:'. With :bara_nummer 1 only the numbers and the staff's choice are
-- set and no message is made (run again with 0 to make them: the same participants and staff are chosen), so that
-- messages sent before are not counted against numbers changed after. With :planerad set (an ISO instant in
-- quotes) the messages wait till then instead of going at once. Run on a copy of the 10 000-participant
-- database:
--   sqlite3 DB -cmd '.parameter set :sms 1000' -cmd '.parameter set :epost 1000' < bench/utskick-forbered.sql
-- The transaction takes the write lock first: on a database a running server writes, a transaction that starts
-- by reading and then writes gets "database is locked" at once, without waiting, if the server committed between.
.bail on
BEGIN IMMEDIATE;
CREATE TEMP TABLE bench_deltagare AS
    SELECT row_number() OVER (ORDER BY d.id) - 1 AS nr, d.id, d.team_id FROM deltagare d
    WHERE d.gallrad IS NULL AND d.anvandare_id IS NULL AND d.skyddad_identitet = 0
      AND NOT EXISTS (SELECT 1 FROM utskick_sms_stopp s WHERE s.deltagare_id = d.id)
    ORDER BY d.id LIMIT max(:sms, :epost);
UPDATE deltagare SET telefon = '070' || printf('%07d', id) WHERE id IN (SELECT id FROM bench_deltagare);
CREATE TEMP TABLE bench_personal AS
    SELECT row_number() OVER (ORDER BY a.id) - 1 AS nr, a.id FROM anvandare a
    WHERE a.aktiv = 1 AND a.roll IN ('handlaggare', 'teamrepresentant', 'koordinator') AND a.epost LIKE '%_@_%'
      AND EXISTS (SELECT 1 FROM team_medlem m WHERE m.anvandare_id = a.id);
INSERT INTO utskick_val (anvandare_id, epost, sms, push) SELECT id, 1, 0, 0 FROM bench_personal WHERE true
    ON CONFLICT (anvandare_id) DO UPDATE SET epost = 1, sms = 0, push = 0;
INSERT INTO utskick (nyckel, typ, team_id, deltagare_id, anvandare_id, skapad, planerad)
SELECT nyckel, typ, team_id, deltagare_id, anvandare_id, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'),
       nullif(:planerad, '') FROM (
    SELECT 2 * d.nr AS ordning, 'bench:sms:' || d.id AS nyckel, 'plan_andrad' AS typ, d.team_id,
           d.id AS deltagare_id, NULL AS anvandare_id
    FROM bench_deltagare d WHERE d.nr < :sms
    UNION ALL
    SELECT 2 * d.nr + 1, 'bench:epost:' || d.id, 'overlamnad', d.team_id, d.id, p.id
    FROM bench_deltagare d JOIN bench_personal p ON p.nr = d.nr % (SELECT count(*) FROM bench_personal)
    WHERE d.nr < :epost)
WHERE coalesce(:bara_nummer, 0) = 0
ORDER BY ordning;
COMMIT;
SELECT 'due: ' || coalesce(sum(nyckel LIKE 'bench:sms:%'), 0) || ' sms, ' || coalesce(sum(nyckel LIKE 'bench:epost:%'), 0) || ' e-mail to '
       || (SELECT count(*) FROM bench_personal) || ' staff'
FROM utskick WHERE nyckel LIKE 'bench:%';
