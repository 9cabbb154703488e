# Sourced by wrk.sh and uppstart.sh: how long a started server takes to answer its first request.
# Needs PORT. Asks through bash's own /dev/tcp, not curl: on two cores a new curl process every 10 ms takes
# CPU from the starting server and added about 0.2 s to each measured start.

# health_answers: whether GET /health on PORT answers 200.
health_answers() {
  local line
  { exec 3<>"/dev/tcp/127.0.0.1/$PORT"; } 2>/dev/null || return 1
  printf 'GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' >&3
  IFS= read -r -t 5 line <&3 || line=
  exec 3<&-
  [[ $line == "HTTP/1.1 200"* ]]
}

# await_first_answer PID START_NS LOG: waits until /health answers; sets STARTUP_MS (wall time since START_NS)
# and STARTUP_CPU_MS (the process's CPU time, user and system, until then). Fails with the log if PID dies.
STARTUP_MS=
STARTUP_CPU_MS=
await_first_answer() {
  local stat end
  until health_answers; do
    kill -0 "$1" 2>/dev/null || { cat "$3" >&2; return 1; }
    sleep 0.01
  done
  end=$(date +%s%N)
  read -r -a stat < "/proc/$1/stat"
  STARTUP_MS=$(((end - $2) / 1000000))
  STARTUP_CPU_MS=$(((stat[13] + stat[14]) * 1000 / $(getconf CLK_TCK)))
}
