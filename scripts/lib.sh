# shellcheck shell=bash
# What scripts/cluster.sh and scripts/failover.sh share: sourced by them after they set
#   LOG_TAG (the prefix of their lines), DIR (their data folder), BASE (their first port),
#   ROOT (the repository), PG_BIN (PostgreSQL's programs), TTL (their lifetime in seconds),
# and define `stop`, which await_api_node calls when a node does not come up.

as_postgres() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
log() { printf '[%s] %s\n' "$LOG_TAG" "$*"; }
alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

install_missing() { # install_missing <Debian package…>: installs those named (none: nothing)
  if [ "$#" -gt 0 ]; then
    log "installing $*"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "$@" >/dev/null
  fi
}

wait_for() { # wait_for <seconds> <command…>
  local until=$(($(date +%s) + $1))
  shift
  until "$@" >/dev/null 2>&1; do
    if [ "$(date +%s)" -ge "$until" ]; then return 1; fi
    sleep 0.2
  done
}

bouncer_settings() { # bouncer_settings <name> <listen port>: the [pgbouncer] lines both topologies use
  cat <<EOF
listen_addr = 127.0.0.1
listen_port = $2
unix_socket_dir = $DIR
auth_type = trust
auth_file = $DIR/userlist.txt
pool_mode = transaction
default_pool_size = 20
ignore_startup_parameters = extra_float_digits,options
pidfile = $DIR/$1.pid
logfile = $DIR/$1.log
EOF
}

start_api_node() { # start_api_node <n> <sealing key> <NAME=value…>: API node n in the background
  local n=$1 kek=$2
  shift 2
  (
    export NODE_ENV=production HOST=127.0.0.1 PORT=$((BASE + 10 + n)) METRICS_PORT=$((BASE + 20 + n))
    export NODE_NAME="api$n" SERVE_WEB=false DATABASE_PREPARED_STATEMENTS=false KEY_ENCRYPTION_KEY="$kek"
    # Uploaded files: one folder for all nodes (stands for the shared object store).
    export DATA_DIR="$DIR/data" LOG_LEVEL="${LOG_LEVEL:-warn}"
    export "$@"
    exec node --import tsx "$ROOT/packages/server/src/main.ts" >"$DIR/api$n.log" 2>&1
  ) &
  echo $! >"$DIR/api$n.pid"
}

await_api_node() { # await_api_node <n>: API node n answers /readyz, or all is stopped and the script fails
  if ! wait_for 120 curl -sf "http://127.0.0.1:$((BASE + 10 + $1))/readyz"; then
    log "api$1 did not become ready; its log:"
    tail -20 "$DIR/api$1.log" >&2
    stop
    exit 1
  fi
}

start_watchdog() { # start_watchdog <stop command>: the topology never outlives TTL seconds
  nohup bash -c "sleep $TTL; $1" >/dev/null 2>&1 &
  echo $! >"$DIR/watchdog.pid"
}

remove_dir() { # the last step of a stop: the data go, then the watchdog
  local watchdog=""
  if alive "$DIR/watchdog.pid"; then watchdog=$(cat "$DIR/watchdog.pid"); fi
  rm -rf "$DIR"
  log "stopped"
  # Last: the watchdog may be the process running this stop.
  if [ -n "$watchdog" ] && [ "$watchdog" != "$PPID" ]; then kill "$watchdog" 2>/dev/null || true; fi
}
