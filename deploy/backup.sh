#!/usr/bin/env bash
# Consistent online backup of the SQLite database (safe while the app runs, WAL included).
# Run from cron or a systemd timer, e.g. hourly:  0 * * * * finsam /opt/finsam-planering/backup.sh
# Needs Debian's sqlite3 package. Copy the backups off the machine (rsync, restic, borg ...).
set -euo pipefail
DB=${FINSAM_DB:-/var/lib/finsam/finsam.db}
case "$DB" in
  postgres://*|postgresql://*|jdbc:postgresql:*)
    echo "backup.sh copies an SQLite file; FINSAM_DB is a PostgreSQL database." >&2
    echo "Back it up with pg_dump and continuous archiving (docs/drift.md, PostgreSQL)." >&2
    exit 2 ;;
esac
DEST=${FINSAM_BACKUP_DIR:-/var/backups/finsam}
KEEP_DAYS=${FINSAM_BACKUP_KEEP_DAYS:-30}
mkdir -p "$DEST"
stamp=$(date +%Y%m%d-%H%M%S)
sqlite3 "$DB" ".backup '$DEST/finsam-$stamp.db'"
sqlite3 "$DEST/finsam-$stamp.db" "PRAGMA integrity_check;" | grep -qx ok
gzip "$DEST/finsam-$stamp.db"
find "$DEST" -name 'finsam-*.db.gz' -mtime +"$KEEP_DAYS" -delete
