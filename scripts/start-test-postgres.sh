#!/usr/bin/env bash
# Starts a throwaway PostgreSQL on 127.0.0.1:${PGPORT:-55432} for the storage tests and prints its URL.
# Used by .ci/run; run it by hand to test against PostgreSQL locally:
#   export MAMORI_TEST_DATABASE_URL=$(scripts/start-test-postgres.sh)
set -euo pipefail
PGPORT=${PGPORT:-55432}
PGDATA=${PGDATA_DIR:-/tmp/mamori-pg}
BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
RUNAS=()
if [ "$(id -u)" = 0 ]; then RUNAS=(runuser -u postgres --); fi
if ! "${RUNAS[@]}" "$BIN/pg_isready" -h 127.0.0.1 -p "$PGPORT" -q 2>/dev/null; then
  rm -rf "$PGDATA"; mkdir -p "$PGDATA"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$PGDATA"
  "${RUNAS[@]}" "$BIN/initdb" -D "$PGDATA" -U mamori --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  "${RUNAS[@]}" "$BIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/log" -w \
    -o "-h 127.0.0.1 -p $PGPORT -k /tmp -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start >/dev/null
  "${RUNAS[@]}" "$BIN/createdb" -h 127.0.0.1 -p "$PGPORT" -U mamori mamori_test
fi
echo "postgres://mamori@127.0.0.1:$PGPORT/mamori_test"
