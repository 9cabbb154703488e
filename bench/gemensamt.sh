# Sourced by the scripts in bench/: their settings, starting the jar, logging the demo users in, and running wrk.
# JAR (default target/finsam-planering.jar) is the server started. Each setting below can be given in the
# environment; a script may set its own default before sourcing this (DURATION differs between them).
CONNECTIONS=${CONNECTIONS:-32}
ROUNDS=${ROUNDS:-3}
JAVA_OPTS=${JAVA_OPTS:--Xmx128m -XX:+UseParallelGC -XX:+ExitOnOutOfMemoryError}
OUT=${OUT:-target/bench}
mkdir -p "$OUT"
kraver_wrk() { command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }; }
PORT=${PORT:-7391}
BASE=http://localhost:$PORT
SERVER_PID=
stop_server() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=
}
trap stop_server EXIT
. bench/forsta-svar.sh

# start_server DB DEMO: starts the jar; STARTUP_MS is the time to the first answered request.
start_server() {
  local start
  # Another server on the port would answer for this one, and every figure would be its.
  if health_answers; then echo "Port $PORT already answers: another server runs there (set PORT)" >&2; exit 1; fi
  start=$(date +%s%N)
  FINSAM_PORT=$PORT FINSAM_DB=$1 FINSAM_DEMO=$2 java $JAVA_OPTS ${JAVA_EXTRA:-} -jar "${JAR:-target/finsam-planering.jar}" \
    > "$OUT/server.log" 2>&1 &
  SERVER_PID=$!
  await_first_answer "$SERVER_PID" "$start" "$OUT/server.log" || exit 1
}

csrf() { grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//'; }
cookies() { awk '$6 ~ /^(__Host-)?finsam/ {printf "%s=%s; ", $6, $7}' "$1"; }

login_participant() {
  local jar=$OUT/deltagare.cookies token
  rm -f "$jar"
  token=$(curl -s -c "$jar" -b "$jar" "$BASE/logga-in/deltagare" | csrf)
  curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "_csrf=$token" -d anvandarnamn=deltagare \
    -d pin=246810 "$BASE/logga-in/deltagare"
  cookies "$jar"
}

# password_login USER JAR: logs a staff member in with the demo password into the cookie jar.
password_login() {
  local token
  rm -f "$2"
  token=$(curl -s -c "$2" -b "$2" "$BASE/logga-in" | csrf)
  curl -s -o /dev/null -c "$2" -b "$2" --data-urlencode "_csrf=$token" -d "anvandarnamn=$1" \
    -d losenord=finsam-demo "$BASE/logga-in"
}

login_koordinator() {
  local jar=$OUT/koordinator.cookies token
  password_login koordinator "$jar"
  token=$(curl -s -c "$jar" -b "$jar" "$BASE/tvafaktor" | csrf)
  curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "_csrf=$token" \
    -d "kod=$(java bench/Totp.java FINSAMDEMOTOTPHEMLIGHETFINSAM234)" "$BASE/tvafaktor"
  cookies "$jar"
}

login_styrgrupp() {
  password_login styrgrupp "$OUT/styrgrupp.cookies"
  cookies "$OUT/styrgrupp.cookies"
}

# sequential PATH COOKIE: 3 warm-up requests, then 10 one at a time; prints "p50_ms max_ms".
sequential() {
  local i
  for i in 1 2 3; do curl -s -o /dev/null -H "Cookie: $2" "$BASE$1"; done
  for i in $(seq 1 10); do
    curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -H "Cookie: $2" -H 'Accept-Encoding: gzip' "$BASE$1"
  done | awk '$1 != 200 { print "GET answered " $1 > "/dev/stderr"; exit 1 } { print $2 * 1000 }' | sort -n |
    awk '{ t[NR] = $1 } END { printf "%.0f %.0f\n", (t[5] + t[6]) / 2, t[NR] }'
}

# retry FUNCTION: a login that got no session (the login form's token raced a new cookie) is tried again.
retry() {
  local cookie
  for attempt in 1 2 3; do
    cookie=$($1)
    if [[ "$cookie" == *finsam_session=* ]]; then echo "$cookie"; return; fi
    sleep 1
  done
  echo "$1 failed" >&2; exit 1
}

# run_wrk PATH COOKIE CONNECTIONS SECONDS: prints "requests/s p50_ms p99_ms".
run_wrk() {
  local status
  status=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $2" "$BASE$1")
  [ "$status" = 200 ] || { echo "GET $1 answered $status" >&2; exit 1; }
  wrk -t"$(($3 < 2 ? 1 : 2))" -c"$3" -d"$4"s --latency -H "Cookie: $2" ${WRK_EXTRA:+-H "$WRK_EXTRA"} "$BASE$1" | awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /^ +50%/ { p50 = ms($2) } /^ +99%/ { p99 = ms($2) } /^Requests\/sec/ { rps = $2 }
    /Non-2xx/ { bad = $NF }
    END { if (bad > 0) { print "non-2xx answers: " bad > "/dev/stderr"; exit 1 } printf "%.0f %.2f %.2f\n", rps, p50, p99 }'
}

# median_of_rounds: reads "rps p50 p99" lines; prints the median of each column and then every round's rps.
median_of_rounds() {
  awk '{ r[NR] = $1; a[NR] = $2; b[NR] = $3; each = each (NR > 1 ? "/" : "") $1 }
    function med(v, n,   i, j, t) {
      for (i = 2; i <= n; i++) { t = v[i]; for (j = i - 1; j >= 1 && v[j] > t; j--) v[j + 1] = v[j]; v[j + 1] = t }
      return (n % 2) ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
    }
    END { printf "%.0f %.2f %.2f %s\n", med(r, NR), med(a, NR), med(b, NR), each }'
}

