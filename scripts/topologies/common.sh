# Pieces the topology scripts share (sourced by run.sh, galera.sh and mariadb-replica.sh).

# stop_pids SIGNAL TENTHS PID...: sends SIGNAL to each PID, waits up to TENTHS × 0.1 s for each to
# exit, then SIGKILLs what is left. PIDs are the callers' own servers (checked by them beforehand).
stop_pids() {
  local signal=$1 tenths=$2 pid
  shift 2
  for pid in "$@"; do kill "-$signal" "$pid" 2>/dev/null; done
  for pid in "$@"; do
    for _ in $(seq 1 "$tenths"); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
  done
  return 0
}

# mariadb_server_config DIR PORT: the [mariadbd] lines every MariaDB server of the topologies has
# (data, socket, pid file and log under DIR, loopback only); callers append their own lines.
mariadb_server_config() {
  cat <<EOF
[mariadbd]
user = mysql
datadir = $1/data
socket = $1.sock
pid-file = $1.pid
log-error = $1.err
port = $2
bind-address = 127.0.0.1
skip-name-resolve
innodb_buffer_pool_size = 64M
innodb_flush_log_at_trx_commit = 2
binlog_format = ROW
EOF
}
