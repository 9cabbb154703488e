#!/usr/bin/env bash
# Throughput of the pages against a static file, in one run on one machine (the load generator shares the
# server's cores, so the ratio is the figure to compare). Starts the server as deployed (java -Xmx128m -jar)
# on the 10 000-participant data set, logs in, runs wrk against each page in turn and prints a table. The static
# file and the three pages are measured in turn ROUNDS times and each figure is the median of its rounds: on a
# shared two-core machine one 10-second run of the static file alone varied by a factor of two.
#
#   bench/wrk.sh            build the jar if missing, then measure (about seven minutes)
#   DURATION=30 CONNECTIONS=64 ROUNDS=5 bench/wrk.sh
#
# Needs wrk (Debian: apt-get install -y wrk). Writes target/bench/wrk.txt.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-10}
. bench/gemensamt.sh
kraver_wrk
[ -f target/finsam-planering.jar ] || mvn -B -q -DskipTests package

# The data sets: 10 000 participants (and the small demo set, for how costs grow), seeded once.
for set in large small; do
  if [ ! -f "$OUT/$set.db" ]; then
    echo "Seeding the $set data set into $OUT/$set.db ..."
    start_server "$OUT/$set.db" "$set"
    stop_server
  fi
done

echo "Start-up to the first answered request on the existing 10 000-participant database (3 starts):"
startups=()
for i in 1 2 3; do
  start_server "$OUT/large.db" none
  startups+=("$STARTUP_MS")
  stop_server
done
echo "  ${startups[*]} ms"

one_connection_p50() { run_wrk "$1" "$2" 1 5 | awk '{print $2}'; }

echo "Small data set: the plan page on one connection ..."
start_server "$OUT/small.db" none
cookie=$(retry login_participant)
run_wrk /min-planering "$cookie" 4 5 >/dev/null
small_p50=$(one_connection_p50 /min-planering "$cookie")
stop_server

echo "10 000 participants: warming up, then $CONNECTIONS connections for $DURATION s per page ..."
start_server "$OUT/large.db" none
deltagare=$(retry login_participant)
koordinator=$(retry login_koordinator)
styrgrupp=$(retry login_styrgrupp)
for path in /css/app.css /min-planering /min-planering/kontakter /min-planering/mote; do
  run_wrk "$path" "$deltagare" 8 5 >/dev/null
done
run_wrk /uppfoljning "$koordinator" 4 5 >/dev/null
large_p50=$(one_connection_p50 /min-planering "$deltagare")

{
  echo "| what | requests/s | ratio to static | p50 ms | p99 ms |"
  echo "|---|---|---|---|---|"
  paths=(/css/app.css /min-planering /min-planering/kontakter /min-planering/mote)
  declare -A rounds=()
  for round in $(seq 1 "$ROUNDS"); do
    for path in "${paths[@]}"; do
      rounds[$path]+="$(run_wrk "$path" "$deltagare" "$CONNECTIONS" "$DURATION")"$'\n'
    done
  done
  static=
  for path in "${paths[@]}"; do
    read -r rps p50 p99 each < <(printf '%s' "${rounds[$path]}" | median_of_rounds)
    static=${static:-$rps}
    echo "| \`$path\`, $CONNECTIONS connections (median of $ROUNDS: $each) | $rps | $(awk -v a="$rps" -v b="$static" 'BEGIN{printf "%.2f", a/b}') | $p50 | $p99 |"
  done
  # As browsers ask: with Accept-Encoding: gzip, both the static file and the page are compressed per answer.
  gz_static=
  for path in /css/app.css /min-planering; do
    read -r rps p50 p99 < <(WRK_EXTRA='Accept-Encoding: gzip' run_wrk "$path" "$deltagare" "$CONNECTIONS" "$DURATION")
    gz_static=${gz_static:-$rps}
    echo "| \`$path\`, $CONNECTIONS connections, gzip as browsers ask | $rps | $(awk -v a="$rps" -v b="$gz_static" 'BEGIN{printf "%.2f", a/b}') | $p50 | $p99 |"
  done
  read -r rps p50 p99 < <(run_wrk /uppfoljning "$koordinator" 1 10)
  echo "| \`/uppfoljning\` (koordinator, one connection) | $rps | | $p50 | $p99 |"
  echo "| \`/min-planering\` one connection, small data set / 10 000 | | $(awk -v a="$large_p50" -v b="$small_p50" 'BEGIN{printf "%.2f", a/b}') | $small_p50 / $large_p50 | |"
  read -r p50 max < <(sequential "/statistik?ar=2026" "$styrgrupp")
  echo "| \`/statistik?ar=2026\` (styrgrupp: all teams, a whole year), 10 one at a time: p50 / slowest | | | $p50 | $max |"
  read -r p50 max < <(sequential "/statistik/statistik.xlsx?ar=2026" "$styrgrupp")
  echo "| its .xlsx workbook, 10 one at a time: p50 / slowest | | | $p50 | $max |"
  echo "| start-up to first answer, existing database (3 starts) | | | ${startups[*]} | |"
} | tee "$OUT/wrk.txt"
