#!/usr/bin/env bash
# Restarts FINSAM Planering when /health does not answer: a process can be alive but stuck (busy in
# a loop, out of threads, a broken class after an error), which systemd's Restart= does not see.
# Run by finsam-planering-health.timer every minute, as root (it restarts the unit).
set -uo pipefail
URL=${FINSAM_HEALTH_URL:-http://127.0.0.1:7070/health}
UNIT=${FINSAM_UNIT:-finsam-planering.service}
# Only a running unit is checked: one that is starting or stopped on purpose is left alone.
systemctl is-active --quiet "$UNIT" || exit 0
# Three tries 10 s apart, so one slow answer under load does not restart a healthy server.
for try in 1 2 3; do
    if curl --silent --fail --max-time 10 --output /dev/null "$URL"; then
        exit 0
    fi
    sleep 10
done
echo "$URL did not answer three times; restarting $UNIT" >&2
systemctl restart "$UNIT"
