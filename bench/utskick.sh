# Sourced by the messaging benchmarks (krasch.sh, bortfall.sh, utskick-fart.sh) after gemensamt.sh: the receiver
# on loopback (bench/Utskicksmottagare.java: a 46elks-style SMS gateway and GreenMail's SMTP server), the server's
# channel settings pointing at it, a copy of the 10 000-participant database with messages made due
# (bench/utskick-forbered.sql), and the count at the end (bench/utskick-rakna.py).
SMS_PORT=${SMS_PORT:-7392}
SMTP_PORT=${SMTP_PORT:-7393}
export FINSAM_SMS_URL=http://127.0.0.1:$SMS_PORT/a1/sms FINSAM_SMS_ANVANDARE=bench FINSAM_SMS_LOSENORD=bench
export FINSAM_SMTP="smtp://127.0.0.1:$SMTP_PORT?starttls=valfri" FINSAM_SMTP_FRAN="FINSAM <finsam@localhost>"
# 2 500 e-mails go to 50 staff: the daily limit per person (5 by default) would hold most of them till tomorrow.
export FINSAM_UTSKICK_MAX_PER_DAG=${FINSAM_UTSKICK_MAX_PER_DAG:-100}
MOTTAGARE_PID=

kraver_verktyg() {
  command -v sqlite3 >/dev/null || { echo "sqlite3 is missing: apt-get install -y sqlite3" >&2; exit 1; }
  command -v python3 >/dev/null || { echo "python3 is missing" >&2; exit 1; }
}

# SMS waits through quiet hours (20:00-08:00 Swedish time): SMS rows made due then would wait till morning.
kraver_dagtid() {
  local h
  h=$(TZ=Europe/Stockholm date +%-H)
  if [ "$h" -lt 8 ] || [ "$h" -ge 20 ]; then
    echo "It is quiet hours in Sweden (20:00-08:00): SMS would wait till morning. Run between 08:00 and 20:00." >&2
    exit 1
  fi
}

# The 10 000-participant data set, seeded once (as bench/wrk.sh does).
stor_databas() {
  [ -f target/finsam-planering.jar ] || mvn -B -q -DskipTests package
  if [ ! -f "$OUT/large.db" ]; then
    echo "Seeding the large data set into $OUT/large.db ..."
    ( unset FINSAM_SMS_URL FINSAM_SMTP; start_server "$OUT/large.db" large; stop_server )
  fi
}

# forbered_utskick DB SMS EPOST [1 | vilande]: a fresh copy of the large database with SMS + EPOST messages due
# (with 1: only the numbers and choices set for them, utskick_forfallna makes them later; with vilande: made, but
# planned for a day far ahead, utskick_planera moves them to the moment they should go).
forbered_utskick() {
  local bara=0 planerad=''
  case "${4:-0}" in 1) bara=1 ;; vilande) planerad="'2099-01-01T00:00:00Z'" ;; esac
  rm -f "$1" "$1-wal" "$1-shm" "$1.kedja"
  sqlite3 "$OUT/large.db" ".backup '$1'"
  sqlite3 "$1" -cmd ".timeout 60000" -cmd ".parameter set :sms $2" -cmd ".parameter set :epost $3" \
    -cmd ".parameter set :bara_nummer $bara" -cmd ".parameter set :planerad \"$planerad\"" \
    < bench/utskick-forbered.sql
}

# utskick_planera DB SECONDS: the benchmark's resting messages go SECONDS from now (one short UPDATE, so that no
# long write transaction of the benchmark's own falls inside a measurement).
utskick_planera() {
  sqlite3 "$1" -cmd ".timeout 60000" "UPDATE utskick SET planerad = strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '+$2 seconds')
    WHERE nyckel LIKE 'bench:%' AND status = 'vantar'"
}

# utskick_forfallna DB SMS EPOST: makes the messages due, in a database a running server uses.
utskick_forfallna() {
  sqlite3 "$1" -cmd ".timeout 60000" -cmd ".parameter set :sms $2" -cmd ".parameter set :epost $3" \
    -cmd ".parameter set :bara_nummer 0" -cmd ".parameter set :planerad \"''\"" < bench/utskick-forbered.sql
}

# start_mottagare LOG: the receiver, logging every message it takes to LOG.
start_mottagare() {
  if [ ! -s "$OUT/mottagare.cp" ]; then
    mvn -o -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$OUT/mottagare.cp.alla" >&2
    tr ':' '\n' < "$OUT/mottagare.cp.alla" | grep -E \
      '/(greenmail-[0-9]|jakarta\.mail-api|angus-mail|angus-activation|jakarta\.activation-api|slf4j-api)' |
      paste -sd: > "$OUT/mottagare.cp"
  fi
  rm -f "$1" "$1.bortfall"
  java -Xmx256m -cp "$(cat "$OUT/mottagare.cp")" bench/Utskicksmottagare.java "$1" "$SMS_PORT" "$SMTP_PORT" \
    > "$OUT/mottagare.out" 2>&1 &
  MOTTAGARE_PID=$!
  until grep -qs '^Utskicksmottagare:' "$OUT/mottagare.out"; do
    kill -0 "$MOTTAGARE_PID" 2>/dev/null || { cat "$OUT/mottagare.out" >&2; exit 1; }
    sleep 0.2
  done
}

stop_mottagare() {
  if [ -n "$MOTTAGARE_PID" ] && kill -0 "$MOTTAGARE_PID" 2>/dev/null; then
    kill "$MOTTAGARE_PID"; wait "$MOTTAGARE_PID" 2>/dev/null || true
  fi
  MOTTAGARE_PID=
}
trap 'stop_server; stop_mottagare' EXIT

# demodatan_skickad DB: waits until the demo data's own messages due now have gone, so that they are not counted
# with the benchmark's (at most 5 minutes).
demodatan_skickad() {
  local start
  start=$(nu_ms)
  until [ "$(sqlite3 "$1" ".timeout 5000" "SELECT count(*) FROM utskick WHERE status = 'vantar'
              AND (planerad IS NULL OR planerad <= strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))")" -eq 0 ]; do
    [ $(( $(nu_ms) - start )) -lt 300000 ] || { echo "the demo data's messages still going after 5 minutes" >&2; exit 1; }
    sleep 2
  done
}

# mottagna LOG: how many messages the receiver has taken so far.
mottagna() { grep -c -E '^(sms|epost) ' "$1" || true; }

# vantande DB: the benchmark's rows not yet settled (still waiting to go).
vantande() { sqlite3 "$1" ".timeout 5000" "SELECT count(*) FROM utskick WHERE nyckel LIKE 'bench:%' AND status = 'vantar'"; }

# kill9_server: ends the server as a crash would, without any chance to finish what it does.
kill9_server() {
  kill -9 "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=
}

nu_ms() { date +%s%3N; }
