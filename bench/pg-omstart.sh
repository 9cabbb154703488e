#!/usr/bin/env bash
# PostgreSQL restarted under load: how long the app refuses requests, and whether it comes back by itself. Starts
# a private PostgreSQL cluster (target/bench/pg-omstart/postgresql) and the app on it (the small demo data set, seeded at its
# first start), puts WORKERS loops of requests on the participant's plan page, restarts PostgreSQL with
# `pg_ctl restart -m fast` after LEAD seconds, keeps the load on for DURATION seconds in all, and reports the failed
# requests: how many, which answers, the window from the first failure to the last, and that every request after
# it was answered again without the app being touched. A failed answer's page is checked for a stack trace.
#
#   bench/pg-omstart.sh
#   DURATION=60 LEAD=10 WORKERS=8 bench/pg-omstart.sh
#
# Needs curl and PostgreSQL's server programs (apt-get install -y postgresql). Writes the table to
# target/bench/pg-omstart/pg-omstart.txt, each request as "start_ms end_ms status" beside it
# (pg-omstart-forfragningar.txt), and the app's log to server.log there.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-30}
LEAD=${LEAD:-8}
WORKERS=${WORKERS:-4}
PORT=${PORT:-7457}
OUT=${OUT:-target/bench/pg-omstart}
. bench/gemensamt.sh
PG_PORT=${PG_PORT:-7458}
. bench/postgresql.sh
[ -f target/finsam-planering.jar ] || mvn -B -q -DskipTests package

pg_start
pg_drop finsam_omstart
db=$(pg_url finsam_omstart)
echo "Starting the app on PostgreSQL (seeding the small demo data set) ..."
start_server "$db" small
cookie=$(retry login_participant)

work=$PG_DIR/last
rm -rf "$work"; mkdir -p "$work"
slut=$(($(date +%s%3N) + DURATION * 1000))
worker() { # worker N: requests the plan page until the end, one line per request
  local start status
  while [ "$(date +%s%3N)" -lt "$slut" ]; do
    start=$(date +%s%3N)
    status=$(curl -s -o "$work/svar-$1.html" -w '%{http_code}' --max-time 40 -H "Cookie: $cookie" \
      "$BASE/min-planering" || true)
    echo "$start $(date +%s%3N) ${status:-000}" >> "$work/forfragningar-$1.txt"
    if [ "${status:-000}" != 200 ] && [ ! -f "$work/fel-$1.html" ]; then cp "$work/svar-$1.html" "$work/fel-$1.html"; fi
  done
}
pids=()
for n in $(seq 1 "$WORKERS"); do worker "$n" & pids+=($!); done
sleep "$LEAD"
echo "Restarting PostgreSQL under load (pg_ctl restart -m fast) ..."
omstart_fran=$(date +%s%3N)
pg_ctl_do -m fast -w -t 60 -l "$PG_DIR/logg.txt" -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 \
  -c shared_buffers=128MB -c max_connections=100" restart >/dev/null
omstart_till=$(date +%s%3N)
wait "${pids[@]}"
# And once more after the load: the app answers without having been restarted.
efter=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$BASE/min-planering")
alive=$(kill -0 "$SERVER_PID" 2>/dev/null && echo yes || echo no)
sort -n "$work"/forfragningar-*.txt > "$OUT/pg-omstart-forfragningar.txt"
stacktrace=$(cat "$work"/fel-*.html 2>/dev/null | grep -c -E 'Exception|at se\.finsam|at org\.' || true)

awk -v fran="$omstart_fran" -v till="$omstart_till" -v efter="$efter" -v alive="$alive" -v spar="$stacktrace" '
  { n++; if ($3 != 200) { bad++; kind[$3]++; if (!first || $1 < first) first = $1; if ($2 > last) last = $2 }
    if ($3 == 200 && $1 > last_ok_start) last_ok_start = $1 }
  END {
    printf "| requests to `/min-planering` in all | %d |\n", n
    printf "| PostgreSQL restart (`pg_ctl restart -m fast -w`) took | %d ms |\n", till - fran
    if (bad) {
      s = ""; for (k in kind) s = s (s ? ", " : "") kind[k] " × " (k == "000" ? "no answer" : k)
      printf "| failed requests | %d (%s) |\n", bad, s
      printf "| window of failures: first failed request sent to last failed answered | %d ms (from %+d ms to %+d ms of the restart start) |\n", last - first, first - fran, last - fran
    } else {
      printf "| failed requests | 0 |\n"
    }
    printf "| a stack trace in a failed answer | %s |\n", (spar > 0 ? "yes" : "no")
    printf "| the app answers afterwards without being restarted | %s (GET %s, process alive: %s) |\n", (efter == 200 && alive == "yes" ? "yes" : "NO"), efter, alive
  }' "$OUT/pg-omstart-forfragningar.txt" | tee "$OUT/pg-omstart.txt"
[ "$efter" = 200 ]
