#!/usr/bin/env bash
# 5 000 messages going out at -Xmx128m, and the plan page's throughput meanwhile. Starts the server as deployed
# (java -Xmx128m -jar) on a copy of the 10 000-participant database against a local SMS gateway and SMTP server
# (bench/Utskicksmottagare.java), lets the demo data's own due messages go, logs the demo participant in and
# measures /min-planering with wrk (CONNECTIONS connections, DURATION s). Then makes MESSAGES messages due at once
# in the running server's database (half SMS, half e-mail; bench/utskick-forbered.sql) and measures the plan page
# again while they go out, and once more after. Reports the time from the messages being made due to the last one
# received, and the plan page's requests/s before, during and after.
#
#   bench/utskick-fart.sh                 5 000 messages, 32 connections, 20 s per measurement
#   MESSAGES=2000 DURATION=10 bench/utskick-fart.sh
#
# Needs wrk, sqlite3 and python3; run between 08:00 and 20:00 Swedish time (SMS waits through quiet hours).
# Writes target/bench/utskick-fart.txt.
set -euo pipefail
cd "$(dirname "$0")/.."

MESSAGES=${MESSAGES:-5000}
DURATION=${DURATION:-20}
. bench/gemensamt.sh
. bench/utskick.sh
kraver_wrk
kraver_verktyg
kraver_dagtid
stor_databas

DB=$OUT/fart.db
LOG=$OUT/fart-mottaget.log
forbered_utskick "$DB" $((MESSAGES / 2)) $((MESSAGES - MESSAGES / 2)) 1
start_mottagare "$LOG"
start_server "$DB" none
demodatan_skickad "$DB"
cookie=$(retry login_participant)
# Warmed up as long as a measurement lasts, at its load: a server measured while the JIT still compiles shows
# a "before" lower than "while they go out" (a first run gave 4 560 against 5 852 requests/s).
run_wrk /min-planering "$cookie" "$CONNECTIONS" "$DURATION" >/dev/null
fore=$(run_wrk /min-planering "$cookie" "$CONNECTIONS" "$DURATION")
fore_mottagna=$(mottagna "$LOG")

t0=$(nu_ms)
utskick_forfallna "$DB" $((MESSAGES / 2)) $((MESSAGES - MESSAGES / 2))
under=$(run_wrk /min-planering "$cookie" "$CONNECTIONS" "$DURATION")
under_mottagna=$(( $(mottagna "$LOG") - fore_mottagna ))
until [ "$(vantande "$DB")" -eq 0 ]; do
  [ $(( $(nu_ms) - t0 )) -lt 1800000 ] || { echo "still sending after 30 minutes" >&2; break; }
  sleep 1
done
sista=$(awk '$1 == "sms" || $1 == "epost" { if ($3 > m) m = $3 } END { print m }' "$LOG")
efter=$(run_wrk /min-planering "$cookie" "$CONNECTIONS" "$DURATION")
stop_server
stop_mottagare
{
  echo "$MESSAGES messages made due in the running server, -Xmx128m ($(date -u +%FT%TZ)):"
  echo "made due to the last received: $(( (sista - t0) / 1000 )) s; received during the $DURATION s of load: $under_mottagna"
  echo "/min-planering, $CONNECTIONS connections, requests/s p50 ms p99 ms:"
  echo "  before: $fore"
  echo "  while they go out: $under"
  echo "  after: $efter"
  awk -v f="${fore%% *}" -v u="${under%% *}" -v e="${efter%% *}" \
    'BEGIN { printf "  while they go out against the mean of before and after: %.2f\n", u / ((f + e) / 2) }'
  python3 bench/utskick-rakna.py "$DB" "$LOG"
} | tee "$OUT/utskick-fart.txt"
