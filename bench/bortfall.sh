#!/usr/bin/env bash
# The SMS gateway failing and recovering: every message delivered exactly once after it recovers. Makes MESSAGES
# SMS due (bench/utskick-forbered.sql) on a copy of the 10 000-participant database, starts the server as deployed
# against a local gateway (bench/Utskicksmottagare.java) that for DROP_SECONDS drops DROP percent of its requests
# (each at random: the connection closed unanswered, no answer for 20 s beyond the sender's 15 s time-out, or 429),
# then recovers. The sender tries each failed message again after 1, 2, 4 ... minutes. Reports what was dropped,
# the time from the recovery until the last message was sent, and per number what arrived against what the outbox
# marks sent: lost and repeated must both be 0.
#
#   bench/bortfall.sh                     150 SMS, 30 % dropped for 4 minutes (about 10 minutes in all)
#   MESSAGES=500 DROP=50 DROP_SECONDS=600 bench/bortfall.sh
#
# Needs sqlite3 and python3; run between 08:00 and 20:00 Swedish time (SMS waits through quiet hours).
# Writes target/bench/bortfall.txt.
set -euo pipefail
cd "$(dirname "$0")/.."

MESSAGES=${MESSAGES:-150}
DROP=${DROP:-30}
DROP_SECONDS=${DROP_SECONDS:-240}
. bench/gemensamt.sh
. bench/utskick.sh
kraver_verktyg
kraver_dagtid
stor_databas

DB=$OUT/bortfall.db
LOG=$OUT/bortfall-mottaget.log
forbered_utskick "$DB" "$MESSAGES" 0
start_mottagare "$LOG"
echo "$DROP" > "$LOG.bortfall"
start_server "$DB" none
echo "The gateway drops $DROP % of its requests for $DROP_SECONDS s ..."
sleep "$DROP_SECONDS"
kvar=$(vantande "$DB")
rm -f "$LOG.bortfall"
aterhamtad=$(nu_ms)
echo "The gateway recovers; $kvar messages still to go."
until [ "$(vantande "$DB")" -eq 0 ]; do
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$OUT/server.log" >&2; exit 1; }
  [ $(( $(nu_ms) - aterhamtad )) -lt 3600000 ] || { echo "still waiting after an hour" >&2; break; }
  sleep 1
done
klar=$(nu_ms)
sleep 2
stop_server
stop_mottagare
{
  echo "$MESSAGES SMS, the gateway dropping $DROP % for $DROP_SECONDS s, then recovered ($(date -u +%FT%TZ)):"
  echo "still to go when it recovered: $kvar; drained $(( (klar - aterhamtad) / 1000 )) s after the recovery"
  sqlite3 "$DB" "SELECT 'tries per message: ' || group_concat(forsok || ' tries ' || n, ', ') FROM
    (SELECT forsok, count(*) AS n FROM utskick WHERE nyckel LIKE 'bench:%' GROUP BY forsok ORDER BY forsok)"
  python3 bench/utskick-rakna.py "$DB" "$LOG"
} | tee "$OUT/bortfall.txt"
