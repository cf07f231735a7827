#!/usr/bin/env bash
# CI step for the PostgreSQL adapter (run by .ci/run): makes sure PostgreSQL answers on
# 127.0.0.1:5432 with the database `test` (starting the cluster if it is down; installing and
# configuring it for trust on 127.0.0.1 only when the machine has none), then runs the database
# tests of zhongjie-pg, which fail if the server cannot be reached.
#
#   ZHONGJIE_PG_URL='host=... user=... dbname=...' bash scripts/ci-db.sh   # another server
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never
HOST=127.0.0.1
PORT=5432
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO=sudo; fi

ready() { pg_isready -q -h "$HOST" -p "$PORT" 2>/dev/null; }

if [ -z "${ZHONGJIE_PG_URL:-}" ]; then
  if ! command -v pg_ctlcluster >/dev/null 2>&1; then
    echo "ci-db: installing PostgreSQL"
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -q
    $SUDO apt-get install -y -q postgresql
    for hba in /etc/postgresql/*/main/pg_hba.conf; do
      # Trust on the loopback address only, as on the project's machines.
      grep -q '^host all all 127.0.0.1/32 trust' "$hba" ||
        $SUDO sed -i '1i host all all 127.0.0.1/32 trust' "$hba"
    done
  fi
  if ! ready; then
    for v in $(ls /etc/postgresql); do
      echo "ci-db: starting PostgreSQL $v"
      $SUDO pg_ctlcluster --skip-systemctl-redirect "$v" main start || true
    done
    for _ in $(seq 1 30); do ready && break; sleep 1; done
  fi
  ready || { echo "ci-db: PostgreSQL does not answer on $HOST:$PORT" >&2; exit 1; }
  if ! psql -h "$HOST" -p "$PORT" -U postgres -d postgres -Atqc \
      "SELECT 1 FROM pg_database WHERE datname = 'test'" | grep -q 1; then
    echo "ci-db: creating database test"
    psql -h "$HOST" -p "$PORT" -U postgres -d postgres -qc "CREATE DATABASE test"
  fi
  echo "ci-db: $(psql -h "$HOST" -p "$PORT" -U postgres -d test -Atqc 'SHOW server_version') on $HOST:$PORT, database test"
fi

ZHONGJIE_DB_TESTS=1 cargo test -p zhongjie-pg
