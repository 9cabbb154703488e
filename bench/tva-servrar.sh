#!/usr/bin/env bash
# Two app servers on one database behind nginx, one of them stopped and started again under load, then the
# other: counts the requests that failed (nginx sends a request that found a server gone to the other one).
#
#   bench/tva-servrar.sh                         on an SQLite file (the small demo data, seeded at first start)
#   FINSAM_DB=postgresql://u:p@host/db bench/tva-servrar.sh      on PostgreSQL
#   DURATION=60 CONNECTIONS=16 bench/tva-servrar.sh
#
# Needs nginx and wrk (Debian: apt-get install -y nginx wrk; installed here when missing and run as root).
# Writes target/bench/tva-servrar.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-40}
CONNECTIONS=${CONNECTIONS:-16}
. bench/gemensamt.sh
kraver_wrk
if ! command -v nginx >/dev/null; then
  [ "$(id -u)" = 0 ] || { echo "nginx is missing: apt-get install -y nginx" >&2; exit 1; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q nginx >/dev/null
fi
[ -f target/finsam-planering.jar ] || mvn -B -q -DskipTests package

PORT=7420                       # nginx; the servers listen on 7421 and 7422
BASE=http://localhost:$PORT
DB=${FINSAM_DB:-$OUT/tva-servrar.db}
[ -n "${FINSAM_DB:-}" ] || rm -f "$DB" "$DB"-wal "$DB"-shm "$DB".kedja

start_one() { # start_one PORT DEMO; the server's pid goes to $OUT/server-PORT.pid
  FINSAM_PORT=$1 FINSAM_DB=$DB FINSAM_DEMO=$2 FINSAM_BASE_URL=$BASE FINSAM_TRUST_PROXY=true \
    java $JAVA_OPTS -jar target/finsam-planering.jar > "$OUT/server-$1.log" 2>&1 &
  echo $! > "$OUT/server-$1.pid"
  local p=$PORT; PORT=$1
  await_first_answer "$(cat "$OUT/server-$1.pid")" "$(date +%s%N)" "$OUT/server-$1.log" || exit 1
  PORT=$p
}
stop_one() { # a clean stop (SIGTERM), waited for
  local pid
  pid=$(cat "$OUT/server-$1.pid" 2>/dev/null) || return 0
  kill "$pid" 2>/dev/null || return 0
  while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
}

mkdir -p "$OUT/nginx"
cat > "$OUT/nginx/nginx.conf" <<CONF
worker_processes 1;
pid $PWD/$OUT/nginx/nginx.pid;
error_log $PWD/$OUT/nginx/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $PWD/$OUT/nginx/tmp;
  proxy_temp_path $PWD/$OUT/nginx/tmp;
  upstream finsam {
    server 127.0.0.1:7421 max_fails=1 fail_timeout=2s;
    server 127.0.0.1:7422 max_fails=1 fail_timeout=2s;
    keepalive 16;
  }
  server {
    listen 127.0.0.1:$PORT;
    location / {
      proxy_pass http://finsam;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$http_host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_next_upstream error timeout http_502 http_503;
      proxy_connect_timeout 1s;
    }
  }
}
CONF
mkdir -p "$OUT/nginx/tmp"
nginx -c "$PWD/$OUT/nginx/nginx.conf"
trap 'nginx -c "$PWD/$OUT/nginx/nginx.conf" -s stop 2>/dev/null; stop_one 7421; stop_one 7422' EXIT

echo "Starting two servers on $([ -n "${FINSAM_DB:-}" ] && echo PostgreSQL || echo "$DB") ..."
start_one 7421 small
start_one 7422 none
cookie=$(retry login_participant)

# While wrk runs: stop the first server and start it again, then the second.
(
  sleep $((DURATION / 5)); echo "  $(date +%T) stopping server 7421"; stop_one 7421
  sleep 2; echo "  $(date +%T) starting server 7421"; start_one 7421 none; echo "  $(date +%T) 7421 answers"
  sleep $((DURATION / 5)); echo "  $(date +%T) stopping server 7422"; stop_one 7422
  sleep 2; echo "  $(date +%T) starting server 7422"; start_one 7422 none; echo "  $(date +%T) 7422 answers"
) &
vaxlare=$!
echo "wrk: $CONNECTIONS connections for $DURATION s on /min-planering through nginx"
result=$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}"s -H "Cookie: $cookie" "$BASE/min-planering")
wait $vaxlare
requests=$(echo "$result" | awk '/requests in/ {print $1}')
non2xx=$(echo "$result" | awk '/Non-2xx/ {print $NF}'); non2xx=${non2xx:-0}
errors=$(echo "$result" | awk -F'[ ,]+' '/Socket errors/ {print $4 + $6 + $8 + $10}'); errors=${errors:-0}
{
  echo "| requests | non-2xx answers | socket errors | requests/s |"
  echo "|---|---|---|---|"
  echo "| $requests | $non2xx | $errors | $(echo "$result" | awk '/Requests\/sec/ {print $2}') |"
} | tee "$OUT/tva-servrar.txt"
