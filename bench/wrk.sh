#!/usr/bin/env bash
# Throughput of the pages against a static file, in one run on one machine (the load generator shares the
# server's cores, so the ratio is the figure to compare). Starts the server as deployed (java -Xmx128m -jar)
# on the 10 000-participant data set, logs in, runs wrk against each page in turn and prints a table. The static
# file and the three pages are measured in turn ROUNDS times and each figure is the median of its rounds: on a
# shared two-core machine one 10-second run of the static file alone varied by a factor of two.
#
#   bench/wrk.sh            build the jar if missing, then measure (about seven minutes)
#   DURATION=30 CONNECTIONS=64 ROUNDS=5 bench/wrk.sh
#   ENGINES="sqlite postgresql" bench/wrk.sh
#                           then also the two engines side by side: PostgreSQL with the regional data set
#                           (FINSAM_DEMO=region, 100 000 participants, seeded once into a private cluster in
#                           target/bench/postgresql) and SQLite with the 10 000-participant set, the same figures
#                           for both (about five more minutes, and the seeding on the first run)
#
# Needs wrk (Debian: apt-get install -y wrk), and for PostgreSQL its server programs (apt-get install -y
# postgresql; the cluster is private, nothing of the system's own is used). Writes target/bench/wrk.txt and, with
# PostgreSQL, target/bench/wrk-motorer.txt.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-10}
ENGINES=${ENGINES:-sqlite}
AR=${AR:-$(date +%Y)}
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

[[ " $ENGINES " == *" postgresql "* ]] || exit 0
stop_server

# budget_figures DELTAGARE KOORDINATOR STYRGRUPP: on the running server, the figures the engines are held to.
# Prints "static_rps plan_rps plan_p99 koordinator_p50 statistik_p50 statistik_max"; requests/s and p99 are the
# medians of ROUNDS rounds of the static file and the plan page in turn.
budget_figures() {
  local static= plan= s_rps rps p99 k_p50 st_p50 st_max
  for path in /css/app.css /min-planering; do run_wrk "$path" "$1" 8 5 >/dev/null; done
  run_wrk /uppfoljning "$2" 4 5 >/dev/null
  for round in $(seq 1 "$ROUNDS"); do
    static+="$(run_wrk /css/app.css "$1" "$CONNECTIONS" "$DURATION")"$'\n'
    plan+="$(run_wrk /min-planering "$1" "$CONNECTIONS" "$DURATION")"$'\n'
  done
  read -r s_rps _ < <(printf '%s' "$static" | median_of_rounds)
  read -r rps _ p99 _ < <(printf '%s' "$plan" | median_of_rounds)
  read -r _ k_p50 _ < <(run_wrk /uppfoljning "$2" 1 "$DURATION")
  read -r st_p50 st_max < <(sequential "/statistik?ar=$AR" "$3")
  echo "$s_rps $rps $p99 $k_p50 $st_p50 $st_max"
}

FIGURES=
measure_engine() { # measure_engine FINSAM_DB: starts the server on it, logs in, sets FIGURES (budget_figures)
  start_server "$1" none
  local deltagare koordinator styrgrupp
  deltagare=$(retry login_participant)
  koordinator=$(retry login_koordinator)
  styrgrupp=$(retry login_styrgrupp)
  FIGURES=$(budget_figures "$deltagare" "$koordinator" "$styrgrupp")
  stop_server
}

echo "SQLite, 10 000 participants: the figures of the engine table ..."
measure_engine "$OUT/large.db"
read -r sq_static sq_plan sq_p99 sq_koord sq_stat sq_statmax <<< "$FIGURES"

. bench/postgresql.sh
pg_start
if [ ! -f "$PG_DIR/region.seeded" ]; then
  echo "Seeding the regional data set (100 000 participants) into PostgreSQL (once; minutes) ..."
  pg_drop finsam_region
  start_server "$(pg_url finsam_region)" region
  echo "$STARTUP_MS" > "$PG_DIR/region.seeded"
  stop_server
fi
pg_seed_ms=$(cat "$PG_DIR/region.seeded")
echo "PostgreSQL, 100 000 participants: the same figures ..."
measure_engine "$(pg_url finsam_region)"
read -r pg_static pg_plan pg_p99 pg_koord pg_stat pg_statmax <<< "$FIGURES"

ratio() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2f", a/b}'; }
{
  echo "| figure | budget | PostgreSQL, 100 000 participants (region) | SQLite, 10 000 participants (large) |"
  echo "|---|---|---|---|"
  echo "| \`/min-planering\` p99, $CONNECTIONS connections (median of $ROUNDS) | ≤ 25 ms | $pg_p99 ms | $sq_p99 ms |"
  echo "| \`/min-planering\` requests/s, and its ratio to the static file's | ≥ 0.4 | $pg_plan ($(ratio "$pg_plan" "$pg_static")) | $sq_plan ($(ratio "$sq_plan" "$sq_static")) |"
  echo "| \`/css/app.css\` requests/s, $CONNECTIONS connections | | $pg_static | $sq_static |"
  echo "| \`/uppfoljning\` (the koordinator's overview) p50, one connection | ≤ 20 ms | $pg_koord ms | $sq_koord ms |"
  echo "| \`/statistik?ar=$AR\` (styrgrupp: all teams, a year), 10 one at a time: p50 / slowest | < 1 s | $pg_stat / $pg_statmax ms | $sq_stat / $sq_statmax ms |"
  echo "| seeding the data set and starting (first run only) | minutes | $((pg_seed_ms / 1000)) s | |"
} | tee "$OUT/wrk-motorer.txt"
