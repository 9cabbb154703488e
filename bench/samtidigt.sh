#!/usr/bin/env bash
# Two builds measured at the same time: both servers run side by side, each on its own copy of a database, and
# wrk loads both at once, so that whatever else the machine is doing slows both alike. On a shared machine whose
# speed changes from minute to minute this compares builds where runs one after the other cannot; the figure is
# the second build's requests/s over the first's, per round.
#
#   bench/samtidigt.sh a.jar a.db b.jar b.db [path]     default path /min-planering, as the demo participant
#
# A database made by an older build is brought up to date by the newer build's migrations on its own copy, so
# both can run on the same data: bench/samtidigt.sh old.jar old.db new.jar old.db
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 4 ] || { echo "usage: $0 a.jar a.db b.jar b.db [path]" >&2; exit 2; }
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
path=${5:-/min-planering}
ROUNDS=${ROUNDS:-3}
OUT=target/bench/samtidigt
declare -A pid base cookie
stop() { for s in "${!pid[@]}"; do kill "${pid[$s]}" 2>/dev/null || true; done; }
trap stop EXIT
for s in A B; do
  if [ $s = A ]; then jar=$1; db=$2; port=7411; else jar=$3; db=$4; port=7412; fi
  d=$OUT/$s; rm -rf "$d"; mkdir -p "$d"; cp "$db" "$d/db.db"
  if [ -f "$db.kedja" ]; then cp "$db.kedja" "$d/db.db.kedja"; fi
  FINSAM_PORT=$port FINSAM_DB=$d/db.db FINSAM_DEMO=none java -Xmx128m -XX:+UseParallelGC -jar "$jar" > "$d/server.log" 2>&1 &
  pid[$s]=$!; base[$s]=http://localhost:$port
done
for s in A B; do
  for _ in $(seq 1 240); do curl -s -o /dev/null "${base[$s]}/logga-in" && break; sleep 0.5; done
done
sleep 12 # past the audit chain's check ten seconds after start
for s in A B; do
  jar=$OUT/$s/cookies
  token=$(curl -s -c "$jar" -b "$jar" "${base[$s]}/logga-in/deltagare" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//')
  curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "_csrf=$token" -d anvandarnamn=deltagare -d pin=246810 "${base[$s]}/logga-in/deltagare"
  cookie[$s]=$(awk '$6 ~ /^(__Host-)?finsam/ {printf "%s=%s; ", $6, $7}' "$jar")
done
both() { # both DURATION CONNECTIONS ROUND
  wrk -t1 -c"$2" -d"$1"s -H "Cookie: ${cookie[A]}" "${base[A]}$path" > "$OUT/A/wrk$3" & local a=$!
  wrk -t1 -c"$2" -d"$1"s -H "Cookie: ${cookie[B]}" "${base[B]}$path" > "$OUT/B/wrk$3" & local b=$!
  wait $a $b
}
both 5 8 0
for r in $(seq 1 "$ROUNDS"); do
  both 10 16 "$r"
  a=$(awk '/Requests\/sec/ {print $2}' "$OUT/A/wrk$r"); b=$(awk '/Requests\/sec/ {print $2}' "$OUT/B/wrk$r")
  echo "round $r $path: A $a B $b requests/s, B/A $(awk -v a="$a" -v b="$b" 'BEGIN{printf "%.2f", b/a}')"
done
