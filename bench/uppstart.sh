#!/usr/bin/env bash
# Start-up to the first answered request, against what the stack itself needs: the application's jar is
# started beside three small programs on the same jar and JVM options (bench/uppstart/): Javalin alone;
# Javalin with a Hikari pool and SQLite answering from the database over plain JDBC; the same through Jdbi.
# The four are started in turn, ROUNDS times, and the medians of wall time and of CPU time are printed (CPU
# of all threads: the JIT compilers take a large share; on two cores it is the steadier figure).
#
#   bench/uppstart.sh            build the jar if missing, then measure (about a minute and a half)
#   ROUNDS=9 bench/uppstart.sh
#
# Uses the 10 000-participant database in target/bench/large.db, seeded first if missing. Writes
# target/bench/uppstart.txt.
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${ROUNDS:-5}
JAVA_OPTS=${JAVA_OPTS:--Xmx128m -XX:+UseParallelGC -XX:+ExitOnOutOfMemoryError}
OUT=target/bench
PORT=${PORT:-7392}
mkdir -p "$OUT"
[ -f target/finsam-planering.jar ] || mvn -B -q -DskipTests package
. bench/forsta-svar.sh

PID=
stop() {
  if [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null; then kill "$PID"; wait "$PID" 2>/dev/null || true; fi
  PID=
}
trap stop EXIT

# run_once NAME COMMAND...: starts COMMAND, waits for its first answer, stops it; appends "wall cpu" to NAME's file.
run_once() {
  local name=$1 start
  shift
  rm -f "$OUT/large.db-wal" "$OUT/large.db-shm"
  start=$(date +%s%N)
  "$@" > "$OUT/uppstart-$name.log" 2>&1 &
  PID=$!
  await_first_answer "$PID" "$start" "$OUT/uppstart-$name.log"
  stop
  echo "$STARTUP_MS $STARTUP_CPU_MS" >> "$OUT/uppstart-$name.txt"
}

# exec: the started process is java itself, so its PID is the one stopped and its CPU time the one read.
app() { FINSAM_PORT=$PORT FINSAM_DB=$OUT/large.db FINSAM_DEMO=$1 exec java $JAVA_OPTS -jar target/finsam-planering.jar; }

if [ ! -f "$OUT/large.db" ]; then
  echo "Seeding the large data set into $OUT/large.db ..."
  run_once seeding app large
fi

classes=$OUT/uppstart-classes
mkdir -p "$classes"
javac -d "$classes" -cp target/finsam-planering.jar bench/uppstart/*.java

rm -f "$OUT"/uppstart-*.txt
for round in $(seq 1 "$ROUNDS"); do
  echo "Round $round of $ROUNDS ..."
  run_once javalin java $JAVA_OPTS -cp "target/finsam-planering.jar:$classes" BaraJavalin "$PORT"
  run_once sqlite java $JAVA_OPTS -cp "target/finsam-planering.jar:$classes" JavalinSqlite "$PORT" "$OUT/large.db"
  run_once stack java $JAVA_OPTS -cp "target/finsam-planering.jar:$classes" JavalinJdbi "$PORT" "$OUT/large.db"
  run_once app app none
done

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
row() {
  local wall cpu
  wall=$(cut -d' ' -f1 "$OUT/uppstart-$1.txt" | median)
  cpu=$(cut -d' ' -f2 "$OUT/uppstart-$1.txt" | median)
  echo "| $2 | $wall | $cpu | $(cut -d' ' -f1 "$OUT/uppstart-$1.txt" | tr '\n' ' ')|"
}
{
  echo "| started, \`$JAVA_OPTS\`, $ROUNDS starts each in turn | wall ms (median) | CPU ms (median) | wall ms, each start |"
  echo "|---|---|---|---|"
  row javalin "Javalin alone, one route"
  row sqlite "Javalin + Hikari + SQLite, one route reading the database over plain JDBC"
  row stack "Javalin + Hikari + SQLite + Jdbi, the same route through Jdbi"
  row app "the application, existing 10 000-participant database"
} | tee "$OUT/uppstart.txt"
