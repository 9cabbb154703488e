#!/usr/bin/env bash
# The plan page's throughput while messages go out, against the same server without them. A server keeps getting
# faster for minutes after it starts (compilation, the message planner's first passes), so "before" and "after"
# in one server's life are no fair baseline (bench/utskick-fart.sh measured before < while < after). Here each
# measurement has a server of its own, started on a fresh copy of the 10 000-participant database, settled and
# warmed up the same way, and measured at the same moment of its life. Both kinds of run hold the same MESSAGES
# messages (half SMS, half e-mail), written before the server starts and planned for a day far ahead: in an "A" run
# they stay there, in a "B" run one short UPDATE plans them to go just before the measurement starts (so the
# benchmark's own writing of 5 000 rows does not fall inside a measurement, as it did when they were made then). The runs alternate
# (A B A B ...) ROUNDS times each, after one B run that is not counted, and the figure is the median of the B runs
# against the median of the A runs.
#
# With WARM=N every server, A and B alike, first sends N messages (the same mix) and only then is measured: a
# server that has sent before, as one in production has, with the sending code compiled (in a fresh server's first
# 5 000 messages the compilers take about half of the CPU they cost; bench/utskick-cpu.sh). Those are moved to the
# day before once sent, so that the daily limits hold none of the measured ones back.
#
#   bench/utskick-sida.sh                 5 000 messages, 32 connections, 20 s, 2 rounds (about 6 minutes)
#   ROUNDS=3 DURATION=30 bench/utskick-sida.sh
#   WARM=5000 bench/utskick-sida.sh       each server warmed by 5 000 messages first
#   SMS=0 bench/utskick-sida.sh           e-mail only (SMS=N: N of the messages are SMS, the rest e-mail)
#
# Needs wrk, sqlite3 and python3; with SMS, run between 08:00 and 20:00 Swedish time (SMS waits through quiet
# hours).
# Writes target/bench/utskick-sida.txt.
set -euo pipefail
cd "$(dirname "$0")/.."

MESSAGES=${MESSAGES:-5000}
DURATION=${DURATION:-20}
ROUNDS=${ROUNDS:-2}
WARM=${WARM:-0}
SMS=${SMS:-$((MESSAGES / 2))}
EPOST=$((MESSAGES - SMS))
. bench/gemensamt.sh
. bench/utskick.sh
kraver_wrk
kraver_verktyg
[ "$SMS" -eq 0 ] || kraver_dagtid
stor_databas

DB=$OUT/sida.db
LOG=$OUT/sida-mottaget.log

# run KIND: one server's life; sets RESULT to "requests/s p50 p99 received-during". Runs in this shell (not in
# $(...)), so that the exit trap stops its server whatever happens.
RESULT=
run() {
  forbered_utskick "$DB" "$SMS" "$EPOST" vilande >/dev/null
  if [ "$WARM" -gt 0 ]; then
    # The warming messages, due at once, with keys of their own.
    sed "s/bench:/varm:/g" bench/utskick-forbered.sql |
      sqlite3 "$DB" -cmd ".timeout 60000" -cmd ".parameter set :sms $((WARM * SMS / MESSAGES))" \
        -cmd ".parameter set :epost $((WARM - WARM * SMS / MESSAGES))" -cmd ".parameter set :bara_nummer 0" \
        -cmd ".parameter set :planerad \"''\"" >/dev/null
  fi
  start_server "$DB" none
  local cookie fore res
  demodatan_skickad "$DB"
  if [ "$WARM" -gt 0 ]; then
    sqlite3 "$DB" ".timeout 60000" "UPDATE utskick SET skickat = strftime('%Y-%m-%dT%H:%M:%SZ', skickat, '-1 day')
      WHERE skickat IS NOT NULL"
  fi
  cookie=$(retry login_participant)
  if [ "$1" = B ]; then
    # The sender looks for due messages every 10 s when it has nothing to do, so messages planned 10 s before
    # the measurement are taken up by the time it starts; 5 000 take about a minute, longer than a measurement.
    utskick_planera "$DB" $((DURATION > 10 ? DURATION - 10 : 0))
  fi
  run_wrk /min-planering "$cookie" "$CONNECTIONS" "$DURATION" >/dev/null
  fore=$(mottagna "$LOG")
  res=$(run_wrk /min-planering "$cookie" "$CONNECTIONS" "$DURATION")
  RESULT="$res $(( $(mottagna "$LOG") - fore ))"
  stop_server
}

# The receivers stand for the SMS gateway and the mail server, which in production run elsewhere and are not
# started cold for each batch: one receiver serves every run, warmed by a first B run that is not counted (before,
# each run started its own, and a B run also paid for compiling the receiver's code while it was measured).
start_mottagare "$LOG"
run B; echo "B, not counted (warms the receivers): $RESULT" >&2

a=() b=()
for round in $(seq 1 "$ROUNDS"); do
  run A; echo "A, nothing due: $RESULT" >&2; a+=("${RESULT%% *}")
  run B; echo "B, $MESSAGES made due at the start: $RESULT" >&2; b+=("${RESULT%% *}")
done
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
{
  echo "/min-planering, $CONNECTIONS connections, $DURATION s, each run a server of its own, $SMS SMS and $EPOST e-mail, warmed by $WARM ($(date -u +%FT%TZ)):"
  echo "  A, nothing due, requests/s: ${a[*]} (median $(median "${a[@]}"))"
  echo "  B, $MESSAGES messages going out, requests/s: ${b[*]} (median $(median "${b[@]}"))"
  awk -v a="$(median "${a[@]}")" -v b="$(median "${b[@]}")" 'BEGIN { printf "  B against A: %.2f\n", b / a }'
} | tee "$OUT/utskick-sida.txt"
