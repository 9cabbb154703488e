# Sourced (after gemensamt.sh) by the scripts in bench/ that need a PostgreSQL server of their own: a private
# cluster in PG_DIR (default $OUT/postgresql), made with initdb on first use and kept between runs (the seeded data sets stay), started
# on PG_PORT and stopped when the script ends. Uses Debian's programs (/usr/lib/postgresql/N/bin, the newest) or
# those on the PATH; as root it runs them as the user postgres, since PostgreSQL refuses to run as root.
PG_PORT=${PG_PORT:-7459}
PG_DIR=$(mkdir -p "${PG_DIR:-$OUT/postgresql}" && cd "${PG_DIR:-$OUT/postgresql}" && pwd)
PG_STARTED=

pg_bin() {
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  if [ -n "$d" ]; then echo "$d"; return; fi
  d=$(command -v initdb) || { echo "PostgreSQL is missing: apt-get install -y postgresql" >&2; exit 1; }
  dirname "$d"
}
PG_BIN=$(pg_bin)

som_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# pg_ctl_do ARGS...: pg_ctl on the private cluster.
pg_ctl_do() { som_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" "$@"; }

pg_start() {
  if [ ! -f "$PG_DIR/data/PG_VERSION" ]; then
    [ "$(id -u)" != 0 ] || chown postgres: "$PG_DIR"
    som_postgres "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --auth=trust -E UTF8 --locale=C >/dev/null
  fi
  # As a small server would be set up: durable commits, a modest cache.
  pg_ctl_do -l "$PG_DIR/logg.txt" -w -t 120 -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 \
    -c shared_buffers=128MB -c max_connections=100" start >/dev/null
  PG_STARTED=1
}

pg_stop() {
  [ -n "$PG_STARTED" ] || return 0
  pg_ctl_do -m fast -w stop >/dev/null || true
  PG_STARTED=
}

# pg_url DATABASE: FINSAM_DB for a database of the cluster (made when missing).
pg_url() {
  if ! som_postgres "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -Atc \
      "SELECT 1 FROM pg_database WHERE datname = '$1'" postgres | grep -q 1; then
    som_postgres "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres "$1"
  fi
  echo "postgresql://postgres@127.0.0.1:$PG_PORT/$1"
}

# pg_drop DATABASE
pg_drop() { som_postgres "$PG_BIN/dropdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres --if-exists "$1"; }

trap 'stop_server; pg_stop' EXIT
