#!/usr/bin/env bash
# Compares builds of the server on the plan page: each named jar in turn, ROUNDS times round-robin, each run
# on a fresh copy of the 10 000-participant database. Per run it measures the static file, the plan page and the
# plan page as browsers ask for it (gzip), and prints per jar the median of the plan page's ratio to the static
# file in the same run (the load generator shares the cores, so the ratio is what compares), and its p99.
#
#   bench/jamfor.sh base=target/finsam-planering.jar iso=/tmp/iso.jar ...
#   DB=old.db bench/jamfor.sh ...   on another database (one made by an older build: newer builds migrate the copy)
#   PROFILE=plan bench/jamfor.sh base=target/finsam-planering.jar   also records a JFR profile of the first
#       jar's plan-page run (PROFILE=gzip: of its gzip run) in target/bench/<name>-<run>.jfr; bench/jfr-andel.py
#       then gives the share of the samples spent in a method
#
# Needs wrk. Writes target/bench/jamfor.txt.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-8}
[ $# -gt 0 ] || { echo "usage: $0 name=path.jar ..." >&2; exit 2; }
. bench/gemensamt.sh
kraver_wrk

names=(); declare -A jars=() results=()
for arg in "$@"; do names+=("${arg%%=*}"); jars[${arg%%=*}]=${arg#*=}; done

DB=${DB:-$OUT/large.db}
if [ ! -f "$DB" ]; then
  echo "Seeding the large data set into $DB ..."
  JAR=${jars[${names[0]}]} start_server "$DB" large
  stop_server
fi

# profile_start RUN / profile_stop RUN: a JFR recording of the server around that run, when PROFILE names it.
profile_start() {
  [ "$profile" = "$1" ] && jcmd "$SERVER_PID" JFR.start name=jamfor settings=profile >/dev/null
  return 0
}
profile_stop() {
  [ "$profile" = "$1" ] && jcmd "$SERVER_PID" JFR.stop name=jamfor filename="$PWD/$OUT/$name-$1.jfr" >/dev/null
  return 0
}

for round in $(seq 1 "$ROUNDS"); do
  for name in "${names[@]}"; do
    cp "$DB" "$OUT/jamfor.db"
    rm -f "$OUT/jamfor.db-wal" "$OUT/jamfor.db-shm"
    profile=
    if [ -n "${PROFILE:-}" ] && [ "$round" = 1 ] && [ "$name" = "${names[0]}" ]; then profile=$PROFILE; fi
    JAR=${jars[$name]} start_server "$OUT/jamfor.db" none
    cookie=$(retry login_participant)
    run_wrk /css/app.css "$cookie" 8 3 >/dev/null
    run_wrk /min-planering "$cookie" 8 6 >/dev/null
    profile_start plan
    read -r plan_rps _ plan_p99 < <(run_wrk /min-planering "$cookie" "$CONNECTIONS" "$DURATION")
    profile_stop plan
    read -r static_rps _ _ < <(run_wrk /css/app.css "$cookie" "$CONNECTIONS" "$DURATION")
    profile_start gzip
    read -r gz_rps _ gz_p99 < <(WRK_EXTRA='Accept-Encoding: gzip' run_wrk /min-planering "$cookie" "$CONNECTIONS" "$DURATION")
    profile_stop gzip
    stop_server
    line=$(awk -v p="$plan_rps" -v s="$static_rps" -v g="$gz_rps" -v q="$plan_p99" -v gq="$gz_p99" \
      'BEGIN { printf "%.3f %.2f %.3f %.2f %d %d", p / s, q, g / s, gq, p, s }')
    echo "round $round $name: plan/static p99 gzip/static gzip-p99 plan-rps static-rps = $line"
    results[$name]+="$line"$'\n'
  done
done

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
{
  echo "| build | plan page / static | plan p99 ms | gzip page / static | gzip p99 ms |"
  echo "|---|---|---|---|---|"
  for name in "${names[@]}"; do
    r=${results[$name]}
    echo "| $name | $(cut -d' ' -f1 <<<"$r" | grep . | median) | $(cut -d' ' -f2 <<<"$r" | grep . | median) |" \
      "$(cut -d' ' -f3 <<<"$r" | grep . | median) | $(cut -d' ' -f4 <<<"$r" | grep . | median) |"
  done
} | tee "$OUT/jamfor.txt"
