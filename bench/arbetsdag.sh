#!/usr/bin/env bash
# The staff workday at 10 000 participants: each role's start page, every work list its "I dag" links to, and
# the follow-up overview, measured one request at a time (10 after 3 warm-up requests, as a person clicks) with
# the size of each page as sent uncompressed. Starts the jar on the large data set (seeded once, as wrk.sh does).
#
#   bench/arbetsdag.sh          build the jar if missing, then measure (about two minutes)
#
# Writes target/bench/arbetsdag.txt. Budget: every start page and work list p50 ≤ 50 ms, none over 200 kB.
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA_OPTS=${JAVA_OPTS:--Xmx128m -XX:+UseParallelGC -XX:+ExitOnOutOfMemoryError}
OUT=target/bench
mkdir -p "$OUT"
[ -f target/finsam-planering.jar ] || mvn -B -q -DskipTests package
. bench/gemensamt.sh

if [ ! -f "$OUT/large.db" ]; then
  echo "Seeding the large data set into $OUT/large.db ..."
  start_server "$OUT/large.db" large
  stop_server
fi
cp "$OUT/large.db" "$OUT/arbetsdag.db"
rm -f "$OUT/arbetsdag.db-wal" "$OUT/arbetsdag.db-shm"
start_server "$OUT/arbetsdag.db" none

staff_cookie() { password_login "$1" "$OUT/$1.cookies"; cookies "$OUT/$1.cookies"; }
koordinator=$(retry login_koordinator)

# size PATH COOKIE: bytes of the page as sent without compression.
size() { curl -s -o /dev/null -w '%{size_download}' -H "Cookie: $2" "$BASE$1"; }
# idag_links PATH COOKIE: the links of the start page's "I dag" list.
idag_links() {
  curl -s -H "Cookie: $2" "$BASE$1" | grep -o 'href="/arbetslista?lista=[^"]*"' | sort -u |
    sed 's/.*href="//;s/"$//;s/&amp;/\&/g'
}

{
  echo "| role | page | p50 ms | slowest ms | kB |"
  echo "|---|---|---|---|---|"
  for role in koordinator handlaggare teamrep.af; do
    if [ "$role" = koordinator ]; then cookie=$koordinator; else cookie=$(staff_cookie "$role"); fi
    for path in /oversikt $(idag_links /oversikt "$cookie") /uppfoljning /arbetslista; do
      read -r p50 max < <(sequential "$path" "$cookie")
      echo "| $role | \`$path\` | $p50 | $max | $(( $(size "$path" "$cookie") / 1024 )) |"
    done
  done
} | tee "$OUT/arbetsdag.txt"
