#!/usr/bin/env bash
# The CPU each message costs, read from the processes' own counters rather than from the clock, so that it does
# not depend on what else the machine does: the server's CPU time (user and system, /proc/PID/stat) while MESSAGES
# messages (half SMS, half e-mail; bench/utskick-forbered.sql) go out with no page load, less the CPU the same
# server spends idle over as long a time, divided by the messages sent. Likewise for the local SMS gateway and SMTP
# server (bench/Utskicksmottagare.java), which in production run elsewhere. ROUNDS rounds in one server: "cold" (the
# first messages after start: the sending code still being compiled), then "warm" (as many again, each round). Per round the
# server's CPU is also split by thread: the sending threads, the HTTP client's, garbage collection, the compilers.
#
#   bench/utskick-cpu.sh                   5 000 messages a round, 2 rounds, 60 s of idle baseline
#   MESSAGES=2000 IDLE=30 ROUNDS=3 bench/utskick-cpu.sh
#   JAVA_EXTRA="-XX:StartFlightRecording=filename=target/bench/utskick.jfr,settings=profile" bench/utskick-cpu.sh
#   SMS=0 bench/utskick-cpu.sh           e-mail only (SMS=N: N of each round's messages are SMS, the rest e-mail)
#
# Needs sqlite3 and python3; with SMS, run between 08:00 and 20:00 Swedish time (SMS waits through quiet hours).
# Writes target/bench/utskick-cpu.txt.
set -euo pipefail
cd "$(dirname "$0")/.."

MESSAGES=${MESSAGES:-5000}
IDLE=${IDLE:-60}
SETTLE=${SETTLE:-30}
ROUNDS=${ROUNDS:-2}
SMS=${SMS:-$((MESSAGES / 2))}
EPOST=$((MESSAGES - SMS))
. bench/gemensamt.sh
. bench/utskick.sh
kraver_verktyg
[ "$SMS" -eq 0 ] || kraver_dagtid
stor_databas

DB=$OUT/cpu.db
LOG=$OUT/cpu-mottaget.log
TICK=$(getconf CLK_TCK)

# cpu_ms PID: the process's CPU time so far (user and system), in ms.
cpu_ms() {
  local stat
  read -r -a stat < "/proc/$1/stat"
  echo $(((stat[13] + stat[14]) * 1000 / TICK))
}

# tradar PID: each thread's CPU time in ms, grouped by what the thread does; "group ms" lines.
tradar() {
  python3 - "$1" "$TICK" <<'EOF'
import os, re, sys
pid, tick = sys.argv[1], int(sys.argv[2])
groups = [('sending', r'^utskick'), ('http-client', r'^HttpClient'), ('gc', r'^(GC Thread|VM Thread|ParGC|VM Periodic)'),
          ('compiler', r'^(C1 Comp|C2 Comp)'), ('jetty', r'^(qtp|JettyVirtual|Scheduler|Connector)')]
sums = {}
for tid in os.listdir(f'/proc/{pid}/task'):
    try:
        s = open(f'/proc/{pid}/task/{tid}/stat').read()
    except OSError:
        continue
    name = s[s.index('(') + 1:s.rindex(')')]
    f = s[s.rindex(')') + 2:].split()
    ms = (int(f[11]) + int(f[12])) * 1000 // tick
    g = next((g for g, m in groups if re.match(m, name)), 'other')
    sums[g] = sums.get(g, 0) + ms
for g in [g for g, _ in groups] + ['other']:
    print(g, sums.get(g, 0))
EOF
}

# due PREFIX SMS EPOST: makes the messages due with keys starting PREFIX: instead of bench:.
due() {
  sed "s/bench:/$1:/g" bench/utskick-forbered.sql |
    sqlite3 "$DB" -cmd ".timeout 60000" -cmd ".parameter set :sms $2" -cmd ".parameter set :epost $3" \
      -cmd ".parameter set :bara_nummer 0" >/dev/null
}
waiting() { sqlite3 "$DB" ".timeout 5000" "SELECT count(*) FROM utskick WHERE nyckel LIKE '$1:%' AND status = 'vantar'"; }
sent() { sqlite3 "$DB" ".timeout 5000" "SELECT count(*) FROM utskick WHERE nyckel LIKE '$1:%' AND status = 'skickat'"; }
ms_now() { date +%s%3N; }

forbered_utskick "$DB" "$SMS" "$EPOST" 1 >/dev/null
start_mottagare "$LOG"
start_server "$DB" none
demodatan_skickad "$DB"
sleep "$SETTLE"

# The idle baseline: the server with nothing due (its sending thread looks every 10 s, the planner runs every
# minute over 10 000 participants; a window of a minute or more holds about its share of planner runs).
s0=$(cpu_ms "$SERVER_PID"); r0=$(cpu_ms "$MOTTAGARE_PID"); t0=$(ms_now)
sleep "$IDLE"
s1=$(cpu_ms "$SERVER_PID"); r1=$(cpu_ms "$MOTTAGARE_PID"); t1=$(ms_now)
idle_server=$(awk -v c=$((s1 - s0)) -v t=$((t1 - t0)) 'BEGIN { printf "%.4f", c / t }')
idle_recv=$(awk -v c=$((r1 - r0)) -v t=$((t1 - t0)) 'BEGIN { printf "%.4f", c / t }')

results=()
for i in $(seq 1 "$ROUNDS"); do
  if [ "$i" -eq 1 ]; then round=cold; else round="warm $((i - 1))"; fi
  prefix=cpu$i
  # Each staff member gets MESSAGES / 100 e-mails a round, against a daily limit of 100 (bench/utskick.sh): what
  # was sent before is moved to yesterday, so that the limit holds none of this round's back.
  sqlite3 "$DB" ".timeout 60000" "UPDATE utskick SET skickat = strftime('%Y-%m-%dT%H:%M:%SZ', skickat, '-1 day')
    WHERE skickat IS NOT NULL"
  declare -A before=()
  while read -r g ms; do before[$g]=$ms; done < <(tradar "$SERVER_PID")
  s0=$(cpu_ms "$SERVER_PID"); r0=$(cpu_ms "$MOTTAGARE_PID"); t0=$(ms_now)
  due "$prefix" "$SMS" "$EPOST"
  until [ "$(waiting "$prefix")" -eq 0 ]; do
    [ $(( $(ms_now) - t0 )) -lt 900000 ] || { echo "still sending after 15 minutes" >&2; exit 1; }
    sleep 0.2
  done
  s1=$(cpu_ms "$SERVER_PID"); r1=$(cpu_ms "$MOTTAGARE_PID"); t1=$(ms_now)
  split=""
  while read -r g ms; do split="$split $g $(( ms - ${before[$g]:-0} ))"; done < <(tradar "$SERVER_PID")
  n=$(sent "$prefix")
  line=$(awk -v s=$((s1 - s0)) -v r=$((r1 - r0)) -v t=$((t1 - t0)) -v n="$n" -v is="$idle_server" -v ir="$idle_recv" \
    -v parts="$split" -v round="$round" 'BEGIN {
      printf "%s: %d sent in %.1f s; server %.2f CPU ms per message (%.1f s CPU, idle %.1f s of it); receivers %.2f CPU ms per message\n",
        round, n, t / 1000, (s - is * t) / n, s / 1000, is * t / 1000, (r - ir * t) / n
      k = split(parts, f, " "); printf "  server by thread, CPU ms per message (idle not subtracted):"
      for (i = 1; i < k; i += 2) printf " %s %.2f", f[i], f[i + 1] / n; printf "\n" }')
  echo "$line" >&2
  results+=("$line")
done
stop_server
stop_mottagare
{
  echo "CPU per message, $MESSAGES messages a round ($SMS SMS, $EPOST e-mail), no page load, -Xmx128m ($(date -u +%FT%TZ), load average $(cut -d' ' -f1-3 /proc/loadavg)):"
  echo "idle baseline over $IDLE s: server $idle_server CPU ms per ms, receivers $idle_recv"
  printf '%s\n' "${results[@]}"
} | tee "$OUT/utskick-cpu.txt"
