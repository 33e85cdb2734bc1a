# A 3-node MariaDB Galera cluster on loopback ports (issues 12 §2, 13 §1), sourced by run.sh:
# `galera_start` starts it and exports QZPAY_TOPO_GALERA_URLS (three URLs, comma-separated, each
# naming database `test`) and QZPAY_TOPO_GALERA_PIDS; `galera_stop` stops every node by its PID
# and removes the data. It keeps its state in the sourcing shell, under $ROOT (run.sh's folder).
# Runnable alone for a look: `bash scripts/topologies/galera.sh` starts, prints, waits for Enter.

# shellcheck source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

GALERA_BASE_PORT=${QZPAY_TOPO_GALERA_PORT:-53306}   # SQL ports 53306..53308
GALERA_GCOMM_PORT=${QZPAY_TOPO_GALERA_GCOMM_PORT:-54567} # group ports 54567..54569 (+10 IST)
# SST (rsync daemon) ports, random per run: a port the previous run's rsync used can still be
# unavailable for a while, and the joiner then aborts ("rsync daemon terminated unexpectedly").
GALERA_SST_BASE=$((55000 + RANDOM % 4000))
GALERA_PROVIDER=${GALERA_PROVIDER:-/usr/lib/galera/libgalera_smm.so}
GALERA_NODES=(1 2 3)
GALERA_LAUNCHED=() # PIDs of the mariadbd processes started here (before their pid files exist)

galera_dir() { echo "$ROOT/galera/node$1"; }
galera_port() { echo $((GALERA_BASE_PORT + $1 - 1)); }

galera_pid() { # node -> pid of its mariadbd, only while it is one
  local file
  file="$(galera_dir "$1").pid"
  [[ -s "$file" ]] || return 1
  local pid
  pid=$(head -n1 "$file")
  grep -qa mariadbd "/proc/$pid/cmdline" 2>/dev/null && echo "$pid"
}

galera_config() { # node -> my.cnf of that node
  local n=$1 dir gcomm
  dir=$(galera_dir "$n")
  gcomm=$((GALERA_GCOMM_PORT + n - 1))
  mariadb_server_config "$dir" "$(galera_port "$n")"
  cat <<EOF
innodb_log_file_size = 16M
innodb_autoinc_lock_mode = 2
default_storage_engine = InnoDB
wsrep_on = ON
wsrep_provider = $GALERA_PROVIDER
wsrep_cluster_name = qzpay_topo
wsrep_node_name = node$n
wsrep_node_address = 127.0.0.1:$gcomm
wsrep_cluster_address = gcomm://127.0.0.1:$GALERA_GCOMM_PORT,127.0.0.1:$((GALERA_GCOMM_PORT + 1)),127.0.0.1:$((GALERA_GCOMM_PORT + 2))
wsrep_provider_options = "base_port=$gcomm;ist.recv_addr=127.0.0.1:$((gcomm + 10));gcache.size=32M;evs.suspect_timeout=PT5S"
wsrep_sst_method = rsync
wsrep_sst_receive_address = 127.0.0.1:$((GALERA_SST_BASE + n))
EOF
}

galera_wait_synced() { # node, pid of its mariadbd
  local n=$1 pid=$2 state
  for _ in $(seq 1 1200); do
    state=$(mariadb --no-defaults -S "$(galera_dir "$n").sock" -u root -N -e "show status like 'wsrep_local_state_comment'" 2>/dev/null | cut -f2 || true)
    [[ "$state" == "Synced" ]] && return 0
    kill -0 "$pid" 2>/dev/null || break # it died: it will not get there
    sleep 0.1
  done
  echo "topologies: Galera node $n did not reach Synced; its log:" >&2
  tail -n 40 "$(galera_dir "$n").err" >&2
  return 1
}

galera_join() { # node: starts a joiner and waits until it is Synced (SST from the cluster)
  mariadbd --defaults-file="$(galera_dir "$1").cnf" >/dev/null 2>&1 &
  GALERA_LAUNCHED+=($!)
  galera_wait_synced "$1" "$!"
}

galera_rejoin() { # node: after a failed join, once more from an empty folder on other SST ports
  local dir
  dir=$(galera_dir "$1")
  echo "topologies: Galera node $1 failed to join; retrying on another SST port" >&2
  rm -rf "$dir/data"/* "$dir.pid"
  GALERA_SST_BASE=$((GALERA_SST_BASE + 10))
  galera_config "$1" >"$dir.cnf"
  galera_join "$1"
}

galera_start() {
  local n dir started_ms
  started_ms=$(date +%s%3N)
  for n in "${GALERA_NODES[@]}"; do
    dir=$(galera_dir "$n")
    mkdir -p "$dir/data"
    galera_config "$n" >"$dir.cnf"
    chown -R mysql:mysql "$dir"
  done
  chown mysql:mysql "$ROOT/galera"
  # Only the first node gets system tables; the others receive everything by SST.
  mariadb-install-db --defaults-file="$(galera_dir 1).cnf" --auth-root-authentication-method=normal \
    --skip-test-db >"$ROOT/galera/install.log" 2>&1
  mariadbd --defaults-file="$(galera_dir 1).cnf" --wsrep-new-cluster >/dev/null 2>&1 &
  GALERA_LAUNCHED+=($!)
  galera_wait_synced 1 "$!"
  mariadb --no-defaults -S "$(galera_dir 1).sock" -u root -e \
    "create user if not exists root@'127.0.0.1'; grant all on *.* to root@'127.0.0.1' with grant option; create database if not exists test"
  # Joiners one at a time (two SSTs at once from one donor are slower), each retried once.
  for n in 2 3; do galera_join "$n" || galera_rejoin "$n"; done
  local urls=() pids=()
  for n in "${GALERA_NODES[@]}"; do
    urls+=("mysql://root@127.0.0.1:$(galera_port "$n")/test")
    pids+=("$(galera_pid "$n")")
  done
  QZPAY_TOPO_GALERA_URLS=$(IFS=,; echo "${urls[*]}")
  QZPAY_TOPO_GALERA_PIDS=$(IFS=,; echo "${pids[*]}")
  export QZPAY_TOPO_GALERA_URLS QZPAY_TOPO_GALERA_PIDS
  echo "topologies: Galera cluster of 3 synced in $(( $(date +%s%3N) - started_ms )) ms ($QZPAY_TOPO_GALERA_URLS)"
}

galera_stop() {
  local n pid pids=()
  for n in "${GALERA_NODES[@]}"; do pid=$(galera_pid "$n") && pids+=("$pid"); done
  for pid in "${GALERA_LAUNCHED[@]}"; do grep -qa mariadbd "/proc/$pid/cmdline" 2>/dev/null && pids+=("$pid"); done
  stop_pids TERM 150 "${pids[@]}"
  rm -rf "$ROOT/galera"
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  set -euo pipefail
  ROOT=$(mktemp -d /tmp/qzpay-galera.XXXXXX)
  chmod 755 "$ROOT"
  trap 'galera_stop; rm -rf "$ROOT"' EXIT
  galera_start
  read -r -p "Galera running; Enter stops it. " _ || true
fi
