#!/usr/bin/env bash
# Makes a class-data sharing archive for the installed jar, which halves start-up time
# (measured here: about 2.1 s to the first answered request without it, 1.0-1.1 s with it).
# Run after every upgrade of the jar; the systemd unit uses the archive when it matches and
# starts normally (-Xshare:auto) when it does not.
set -euo pipefail
JAR=${1:-/opt/finsam-planering/finsam-planering.jar}
ARCHIVE=${2:-/var/lib/finsam/app.jsa}
DB=$(mktemp -d)/cds.db
FINSAM_PORT=7099 FINSAM_DB="$DB" FINSAM_DEMO=small java -XX:ArchiveClassesAtExit="$ARCHIVE" -Xmx128m -jar "$JAR" &
pid=$!
for _ in $(seq 1 60); do
  curl -fsS -o /dev/null http://127.0.0.1:7099/health && curl -fsS -o /dev/null http://127.0.0.1:7099/logga-in && break
  sleep 1
done
kill -TERM "$pid"
wait "$pid" || true
rm -rf "$(dirname "$DB")"
echo "Wrote $ARCHIVE"
