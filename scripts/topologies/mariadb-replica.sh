# A MariaDB primary (binary log, GTID) and an asynchronous replica on loopback ports (issue 13 §3:
# replica lag of a MySQL `withReplicas` database), sourced by run.sh like galera.sh:
# `mariadb_replica_start` starts both and exports QZPAY_TOPO_MYSQL_PRIMARY_URL and
# QZPAY_TOPO_MYSQL_REPLICA_URL (database `test`); `mariadb_replica_stop` stops them by PID and
# removes their data. State lives in the sourcing shell, under $ROOT/mariadb-replica.

# shellcheck source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

MYSQL_PRIMARY_PORT=${QZPAY_TOPO_MYSQL_PRIMARY_PORT:-53316}
MYSQL_REPLICA_PORT=${QZPAY_TOPO_MYSQL_REPLICA_PORT:-53317}
MARIADB_REPLICA_LAUNCHED=()

mariadb_replica_dir() { echo "$ROOT/mariadb-replica/$1"; }

mariadb_replica_config() { # name, port, server id
  local dir
  dir=$(mariadb_replica_dir "$1")
  mariadb_server_config "$dir" "$2"
  cat <<EOF
server_id = $3
log_bin = $dir/binlog
EOF
}

mariadb_replica_sql() { # name, sql...
  local name=$1
  shift
  mariadb --no-defaults -S "$(mariadb_replica_dir "$name").sock" -u root -e "$*"
}

mariadb_replica_launch() { # name, port, server id
  local dir
  dir=$(mariadb_replica_dir "$1")
  mkdir -p "$dir/data"
  mariadb_replica_config "$@" >"$dir.cnf"
  chown -R mysql:mysql "$ROOT/mariadb-replica"
  mariadb-install-db --defaults-file="$dir.cnf" --auth-root-authentication-method=normal --skip-test-db >"$dir.install.log" 2>&1
  mariadbd --defaults-file="$dir.cnf" >/dev/null 2>&1 &
  MARIADB_REPLICA_LAUNCHED+=($!)
  local pid=$!
  for _ in $(seq 1 300); do
    mariadb_replica_sql "$1" 'select 1' >/dev/null 2>&1 && return 0
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "topologies: MariaDB $1 did not start; its log:" >&2
  tail -n 30 "$dir.err" >&2
  return 1
}

mariadb_replica_start() {
  local started_ms
  started_ms=$(date +%s%3N)
  mkdir -p "$ROOT/mariadb-replica"
  mariadb_replica_launch primary "$MYSQL_PRIMARY_PORT" 1
  mariadb_replica_launch replica "$MYSQL_REPLICA_PORT" 2
  # The TCP root account exists on each server on its own (kept out of the binary log, or the
  # replica would stop on "user exists"); database `test` replicates.
  local user="set sql_log_bin = 0; create user if not exists root@'127.0.0.1'; grant all on *.* to root@'127.0.0.1' with grant option"
  mariadb_replica_sql primary "$user"
  mariadb_replica_sql replica "$user; set global read_only = 1"
  mariadb_replica_sql primary 'create database if not exists test'
  mariadb_replica_sql replica "change master to master_host = '127.0.0.1', master_port = $MYSQL_PRIMARY_PORT, master_user = 'root', master_use_gtid = slave_pos; start slave"
  for _ in $(seq 1 100); do
    mariadb_replica_sql replica 'use test' >/dev/null 2>&1 && break
    sleep 0.1
  done
  export QZPAY_TOPO_MYSQL_PRIMARY_URL="mysql://root@127.0.0.1:$MYSQL_PRIMARY_PORT/test"
  export QZPAY_TOPO_MYSQL_REPLICA_URL="mysql://root@127.0.0.1:$MYSQL_REPLICA_PORT/test"
  echo "topologies: MariaDB primary + replica started in $(( $(date +%s%3N) - started_ms )) ms"
}

mariadb_replica_stop() {
  local pid name file
  local pids=("${MARIADB_REPLICA_LAUNCHED[@]}")
  for name in primary replica; do
    file="$(mariadb_replica_dir "$name").pid"
    [[ -s "$file" ]] && pids+=("$(head -n1 "$file")")
  done
  local alive=()
  for pid in "${pids[@]}"; do grep -qa mariadbd "/proc/$pid/cmdline" 2>/dev/null && alive+=("$pid"); done
  stop_pids TERM 150 "${alive[@]}"
  rm -rf "$ROOT/mariadb-replica"
}
