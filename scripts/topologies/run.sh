#!/usr/bin/env bash
# The deployment topologies of issue 13, started on loopback ports away from 5432/3306:
#   - a PostgreSQL 15 primary (wal_level=replica) and a streaming hot standby (pg_basebackup -R),
#     the standby synchronous so that a commit the primary acknowledged is on the standby too
#     (the failover test kills the primary and checks nothing acknowledged is lost);
#   - PgBouncer in transaction pooling mode in front of the primary;
#   - the Galera cluster of scripts/topologies/galera.sh when that file exists;
#   - a MariaDB primary and asynchronous replica (scripts/topologies/mariadb-replica.sh).
# Then `vitest --config vitest.topologies.config.ts` (test/topologies/**). Every server started
# here is stopped by PID and its data folder removed in the EXIT trap, also when a test fails.
set -euo pipefail
cd "$(dirname "$0")/../.."

# shellcheck source=common.sh
source scripts/topologies/common.sh

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
PRIMARY_PORT=${QZPAY_TOPO_PRIMARY_PORT:-55432}
STANDBY_PORT=${QZPAY_TOPO_STANDBY_PORT:-55433}
BOUNCER_PORT=${QZPAY_TOPO_BOUNCER_PORT:-56432}

if ! command -v pgbouncer >/dev/null 2>&1 || ! command -v rsync >/dev/null 2>&1 || ! dpkg -s galera-4 >/dev/null 2>&1; then
  echo "topologies: installing pgbouncer galera-4 rsync"
  apt-get install -y --no-install-recommends pgbouncer galera-4 rsync
fi

ROOT=$(mktemp -d /tmp/qzpay-topo.XXXXXX)
chmod 755 "$ROOT"
chown postgres "$ROOT"
as_pg() { runuser -u postgres -- "$@"; }
now_ms() { date +%s%3N; }
started=$(now_ms)

# Servers are found by their pid files (not shell variables): PostgreSQL starts in a background
# subshell, and the failover test promotes the standby under a PID of its own.
PID_FILES=("$ROOT/pgbouncer/pgbouncer.pid" "$ROOT/primary/postmaster.pid" "$ROOT/standby/postmaster.pid")
server_pid() { # pid file -> pid, only while that process is still a postgres/pgbouncer one
  [[ -s "$1" ]] || return 1
  local pid
  pid=$(head -n1 "$1")
  grep -qaE 'postgres|pgbouncer' "/proc/$pid/cmdline" 2>/dev/null && echo "$pid"
}

cleanup() {
  local status=$?
  set +e
  [[ -n "${PG_JOB:-}" ]] && kill "$PG_JOB" 2>/dev/null && wait "$PG_JOB" 2>/dev/null
  if declare -F galera_stop >/dev/null; then galera_stop; fi
  if declare -F mariadb_replica_stop >/dev/null; then mariadb_replica_stop; fi
  local pids=() pid
  for file in "${PID_FILES[@]}"; do pid=$(server_pid "$file") && pids+=("$pid"); done
  stop_pids INT 100 "${pids[@]}"
  rm -rf "$ROOT"
  echo "topologies: servers stopped, $ROOT removed"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

postmaster_pid() { head -n1 "$1/postmaster.pid"; }
wait_ready() { # port
  for _ in $(seq 1 100); do "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$1" && return 0; sleep 0.1; done
  echo "topologies: PostgreSQL on port $1 did not become ready" >&2
  return 1
}

start_postgres_pair() {
  as_pg "$PG_BIN/initdb" -D "$ROOT/primary" --auth=trust --username=postgres -E UTF8 --locale=C.UTF-8 >"$ROOT/initdb.log"
  cat >>"$ROOT/primary/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
unix_socket_directories = '$ROOT'
wal_level = replica
max_wal_senders = 5
hot_standby = on
hot_standby_feedback = on
fsync = off
max_connections = 200
EOF
  # Synchronous replication is a command-line setting of the primary only: a promoted standby
  # must not wait for a standby of its own.
  as_pg "$PG_BIN/pg_ctl" -D "$ROOT/primary" -l "$ROOT/primary.log" -w \
    -o "-p $PRIMARY_PORT -c synchronous_standby_names=*" start >/dev/null
  as_pg "$PG_BIN/pg_basebackup" -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -D "$ROOT/standby" -R -X stream -c fast
  as_pg "$PG_BIN/pg_ctl" -D "$ROOT/standby" -l "$ROOT/standby.log" -w -o "-p $STANDBY_PORT" start >/dev/null
  wait_ready "$STANDBY_PORT"
}

start_pgbouncer() {
  mkdir -p "$ROOT/pgbouncer"
  echo '"postgres" ""' >"$ROOT/pgbouncer/users.txt"
  cat >"$ROOT/pgbouncer/pgbouncer.ini" <<EOF
[databases]
* = host=127.0.0.1 port=$PRIMARY_PORT
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $BOUNCER_PORT
unix_socket_dir =
auth_type = trust
auth_file = $ROOT/pgbouncer/users.txt
pool_mode = transaction
max_client_conn = 400
default_pool_size = 20
server_reset_query =
ignore_startup_parameters = extra_float_digits,options
pidfile = $ROOT/pgbouncer/pgbouncer.pid
logfile = $ROOT/pgbouncer/pgbouncer.log
EOF
  chown -R postgres "$ROOT/pgbouncer"
  as_pg pgbouncer -d "$ROOT/pgbouncer/pgbouncer.ini"
  for _ in $(seq 1 50); do [[ -s "$ROOT/pgbouncer/pgbouncer.pid" ]] && break; sleep 0.1; done
  wait_ready "$BOUNCER_PORT"
}

# PostgreSQL + PgBouncer start in the background while the Galera nodes start here (galera.sh
# keeps its state in this shell for galera_stop).
( start_postgres_pair; start_pgbouncer ) &
PG_JOB=$!
if [[ -f scripts/topologies/galera.sh ]]; then
  # shellcheck source=/dev/null
  source scripts/topologies/galera.sh
  galera_start
  export QZPAY_TOPO_GALERA_URLS
fi
# shellcheck source=/dev/null
source scripts/topologies/mariadb-replica.sh
mariadb_replica_start
wait "$PG_JOB"
PG_JOB=""
echo "topologies: started in $(( $(now_ms) - started )) ms"

export QZPAY_TOPO_PG_PRIMARY_URL="postgres://postgres@127.0.0.1:$PRIMARY_PORT/postgres"
export QZPAY_TOPO_PG_STANDBY_URL="postgres://postgres@127.0.0.1:$STANDBY_PORT/postgres"
export QZPAY_TOPO_PGBOUNCER_URL="postgres://postgres@127.0.0.1:$BOUNCER_PORT/postgres"
# For the failover test: what to kill and what to promote.
QZPAY_TOPO_PG_PRIMARY_PID=$(server_pid "$ROOT/primary/postmaster.pid")
export QZPAY_TOPO_PG_PRIMARY_PID
export QZPAY_TOPO_PG_STANDBY_DATA="$ROOT/standby"
export QZPAY_TOPO_PG_BIN="$PG_BIN"

npx vitest run --config vitest.topologies.config.ts "$@"
