#!/usr/bin/env bash
# kill -9 of the server while it sends: nothing lost, at most one repeat per channel per crash. Makes MESSAGES
# messages due (half SMS, half e-mail; bench/utskick-forbered.sql) on a copy of the 10 000-participant database,
# starts the server as deployed (java -Xmx128m -jar) against a local SMS gateway and SMTP server
# (bench/Utskicksmottagare.java), kills it with kill -9 once a further share of the messages has arrived, CRASHES
# times, starts it once more and lets it send the rest. Then counts, per address, what arrived against what the
# outbox marks sent: lost (due but never received) and repeats per channel per crash.
#
#   bench/krasch.sh                       2 000 messages, 3 crashes (a minute or two)
#   MESSAGES=4000 CRASHES=5 bench/krasch.sh
#
# Needs sqlite3 and python3; run between 08:00 and 20:00 Swedish time (SMS waits through quiet hours).
# Writes target/bench/krasch.txt.
set -euo pipefail
cd "$(dirname "$0")/.."

MESSAGES=${MESSAGES:-2000}
CRASHES=${CRASHES:-3}
. bench/gemensamt.sh
. bench/utskick.sh
kraver_verktyg
kraver_dagtid
stor_databas

DB=$OUT/krasch.db
LOG=$OUT/krasch-mottaget.log
DODADE=$OUT/krasch-dodade.txt
forbered_utskick "$DB" $((MESSAGES / 2)) $((MESSAGES - MESSAGES / 2))
start_mottagare "$LOG"
: > "$DODADE"
steg=$((MESSAGES / (CRASHES + 1)))
for krasch in $(seq 1 "$CRASHES"); do
  start_server "$DB" none
  mal=$(( $(mottagna "$LOG") + steg ))
  until [ "$(mottagna "$LOG")" -ge "$mal" ]; do
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$OUT/server.log" >&2; exit 1; }
    sleep 0.05
  done
  kill9_server
  nu_ms >> "$DODADE"
  echo "crash $krasch: kill -9 after $(mottagna "$LOG") messages received"
done
start_server "$DB" none
start=$(nu_ms)
until [ "$(vantande "$DB")" -eq 0 ]; do
  [ $(( $(nu_ms) - start )) -lt 600000 ] || { echo "still waiting after 10 minutes" >&2; break; }
  sleep 1
done
sleep 2
stop_server
stop_mottagare
{
  echo "kill -9 during the send of $MESSAGES messages, $CRASHES crashes ($(date -u +%FT%TZ)):"
  python3 bench/utskick-rakna.py "$DB" "$LOG" "$DODADE"
} | tee "$OUT/krasch.txt"
