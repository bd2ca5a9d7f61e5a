#!/usr/bin/env bash
# Automatic failover (issue 28 item 4), all on loopback, from Debian's engines:
#   pg_auto_failover (postgresql-15-auto-failover): a monitor, a primary and a secondary in
#   synchronous replication, each node run by its pg_autoctl keeper;
#   PgBouncer in front of whichever node is primary: `vssid` in transaction mode for the API
#   nodes' pools, `vssid_session` in session mode for LISTEN and the migrations;
#   a watcher (this script) that follows the monitor and, when another node becomes primary,
#   rewrites PgBouncer's [databases] and issues RELOAD on its admin console;
#   2 API nodes (packages/server/src/main.ts) whose DATABASE_URL is PgBouncer: no restart on failover.
#
#   bash scripts/failover.sh start | status | primary | stop
#
# Data under FAILOVER_DIR (default /tmp/vssid-failover). Ports from FAILOVER_PORT_BASE (default
# 56250): +0 monitor, +1/+2 the two PostgreSQL nodes, +3 PgBouncer, +11/+12 API nodes, +21/+22
# their metrics. Bounded: a watchdog stops it all after FAILOVER_TTL_S (default 1800) seconds.
# The monitor's health checks are tightened (FAILOVER_UNHEALTHY_MS, default 4000 instead of
# pg_auto_failover's 20000; FAILOVER_DEMOTE_TIMEOUT_MS, default 5000 instead of 30000) so that a
# dead primary is replaced within seconds.
# PostgreSQL, pg_autoctl and PgBouncer run as the `postgres` user when started as root.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
DIR=${FAILOVER_DIR:-/tmp/vssid-failover}
BASE=${FAILOVER_PORT_BASE:-56250}
TTL=${FAILOVER_TTL_S:-1800}
UNHEALTHY_MS=${FAILOVER_UNHEALTHY_MS:-4000}
DEMOTE_MS=${FAILOVER_DEMOTE_TIMEOUT_MS:-5000}
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
MONITOR_PORT=$BASE
BOUNCER_PORT=$((BASE + 3))
NODES=(1 2)
APIS=(1 2)

LOG_TAG=failover
# shellcheck source=scripts/lib.sh
source "$ROOT/scripts/lib.sh"
# pg_autoctl keeps its configuration and state under XDG folders: inside DIR, not in a home.
autoctl_env="XDG_CONFIG_HOME='$DIR/xdg/config' XDG_DATA_HOME='$DIR/xdg/data' XDG_RUNTIME_DIR='$DIR/xdg/run' PG_CONFIG='$PG_BIN/pg_config'"
monitor_sql() { as_postgres "'$PG_BIN/psql' -h 127.0.0.1 -p $MONITOR_PORT -U postgres -d pg_auto_failover -Atqc \"$1\""; }

install_packages() {
  local missing=()
  command -v pgbouncer >/dev/null || [ -x /usr/sbin/pgbouncer ] || missing+=(pgbouncer)
  command -v pg_autoctl >/dev/null || missing+=(postgresql-15-auto-failover)
  [ -x "$PG_BIN/initdb" ] || missing+=(postgresql-15)
  install_missing "${missing[@]}"
}

# The node that has finished becoming primary (its reported state is its goal): "host port".
# During a failover the old primary's goal changes first, so no row or the new one answers.
current_primary() {
  monitor_sql "SELECT nodehost || ' ' || nodeport FROM pgautofailover.node
               WHERE reportedstate IN ('single', 'primary', 'wait_primary') AND goalstate = reportedstate"
}

bouncer_conf() { # bouncer_conf <port of the primary>
  {
    cat <<EOF
[databases]
vssid = host=127.0.0.1 port=$1 dbname=vssid
vssid_session = host=127.0.0.1 port=$1 dbname=vssid pool_mode=session
[pgbouncer]
EOF
    bouncer_settings bouncer "$BOUNCER_PORT"
    cat <<EOF
admin_users = postgres
max_client_conn = 500
; a dead server is retried every second (default 15 s), a waiting client is refused after 20 s
server_login_retry = 1
server_connect_timeout = 2
query_wait_timeout = 20
EOF
  } >"$DIR/bouncer.ini.new"
  if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$DIR/bouncer.ini.new"; fi
  mv "$DIR/bouncer.ini.new" "$DIR/bouncer.ini"
}

# The watcher: every 200 ms, the monitor's primary; on a change, PgBouncer follows (RELOAD).
watch_primary() {
  local now port
  now=$(awk '/^vssid =/ { sub("port=", "", $4); print $4 }' "$DIR/bouncer.ini")
  while :; do
    port=$(current_primary 2>/dev/null | awk 'NR == 1 { print $2 }') || port=""
    if [ -n "$port" ] && [ "$port" != "$now" ]; then
      bouncer_conf "$port"
      as_postgres "'$PG_BIN/psql' -h 127.0.0.1 -p $BOUNCER_PORT -U postgres -d pgbouncer -qc RELOAD" >/dev/null
      printf '%s primary %s -> %s\n' "$(date -u +%FT%T.%3NZ)" "$now" "$port" >>"$DIR/watcher.log"
      now=$port
    fi
    sleep 0.2
  done
}

nodes_ready() { [ "$(states | grep -c -E ' (single|primary|secondary)$')" -ge "$1" ]; }
synchronous() {
  [ -n "$("$PG_BIN/psql" -h 127.0.0.1 -p $((BASE + 1)) -U postgres -d vssid -Atc 'SHOW synchronous_standby_names')" ]
}

start_node() { # start_node <n>: creates (first time) and runs the node's keeper
  local n=$1
  as_postgres "$autoctl_env setsid pg_autoctl run --pgdata '$DIR/node$n' >'$DIR/node$n.log' 2>&1 & echo \$! >'$DIR/node$n.pid'"
}

start() {
  if alive "$DIR/watcher.pid"; then
    log "already running"
    return 0
  fi
  install_packages
  rm -rf "$DIR"
  mkdir -p "$DIR/data" "$DIR/xdg/config" "$DIR/xdg/data" "$DIR/xdg/run"
  chmod 755 "$DIR"
  chmod 700 "$DIR/xdg/run"
  if [ "$(id -u)" = 0 ]; then chown -R postgres:postgres "$DIR"; fi

  log "pg_auto_failover monitor on 127.0.0.1:$MONITOR_PORT"
  as_postgres "$autoctl_env pg_autoctl create monitor --pgdata '$DIR/monitor' --pgport $MONITOR_PORT \
    --pgctl '$PG_BIN/pg_ctl' --hostname 127.0.0.1 --auth trust --no-ssl" >"$DIR/monitor-create.log" 2>&1
  as_postgres "$autoctl_env setsid pg_autoctl run --pgdata '$DIR/monitor' >'$DIR/monitor.log' 2>&1 & echo \$! >'$DIR/monitor.pid'"
  if ! wait_for 60 monitor_sql "SELECT 1"; then
    # On stderr, which the failover test's error shows (a CI run once failed here without a word).
    log "the monitor did not answer within 60 s; its logs:" >&2
    tail -20 "$DIR/monitor-create.log" "$DIR/monitor.log" >&2 || true
    stop
    exit 1
  fi
  # A dead primary is noticed within seconds (the defaults take about 30 s).
  monitor_sql "ALTER SYSTEM SET pgautofailover.health_check_period = 1000"
  monitor_sql "ALTER SYSTEM SET pgautofailover.health_check_timeout = 1000"
  monitor_sql "ALTER SYSTEM SET pgautofailover.health_check_max_retries = 1"
  monitor_sql "ALTER SYSTEM SET pgautofailover.health_check_retry_delay = 500"
  monitor_sql "ALTER SYSTEM SET pgautofailover.node_considered_unhealthy_timeout = $UNHEALTHY_MS"
  # How long the monitor waits for a lost primary's keeper to demote it before promoting the
  # secondary (default 30 s). A shorter wait loses no acknowledged write: the primary commits
  # synchronously, and the secondary has stopped replicating by then, so an isolated old primary
  # cannot acknowledge a commit any more (it waits for a standby that is gone).
  monitor_sql "ALTER SYSTEM SET pgautofailover.primary_demote_timeout = $DEMOTE_MS"
  monitor_sql "SELECT pg_reload_conf()" >/dev/null

  local monitor_uri="postgres://autoctl_node@127.0.0.1:$MONITOR_PORT/pg_auto_failover?sslmode=disable"
  for n in "${NODES[@]}"; do
    log "PostgreSQL node $n on 127.0.0.1:$((BASE + n))"
    as_postgres "$autoctl_env pg_autoctl create postgres --pgdata '$DIR/node$n' --pgport $((BASE + n)) \
      --pgctl '$PG_BIN/pg_ctl' --hostname 127.0.0.1 --listen 127.0.0.1 --name node$n --dbname vssid \
      --auth trust --no-ssl --monitor '$monitor_uri'" >"$DIR/node$n-create.log" 2>&1
    start_node "$n"
    # The second node joins as a secondary once the first one is primary.
    if ! wait_for 120 nodes_ready "$n"; then
      log "node $n did not reach its state; its log:" >&2
      tail -20 "$DIR/node$n-create.log" "$DIR/node$n.log" >&2 || true
      stop
      exit 1
    fi
  done
  # Synchronous replication: pg_auto_failover names the secondary in synchronous_standby_names.
  if ! wait_for 30 synchronous; then
    log "the primary does not replicate synchronously" >&2
    stop
    exit 1
  fi

  log "PgBouncer on 127.0.0.1:$BOUNCER_PORT, following the primary"
  echo '"postgres" ""' >"$DIR/userlist.txt"
  bouncer_conf "$(current_primary | awk 'NR == 1 { print $2 }')"
  if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$DIR/userlist.txt"; fi
  as_postgres "pgbouncer -d -q '$DIR/bouncer.ini'"
  wait_for 10 "$PG_BIN/psql" -h 127.0.0.1 -p "$BOUNCER_PORT" -U postgres -d vssid -c 'SELECT 1'
  watch_primary >/dev/null 2>&1 &
  echo $! >"$DIR/watcher.pid"

  local kek
  kek=$(head -c 32 /dev/urandom | base64)
  (umask 077 && echo "$kek" >"$DIR/kek") # for a test that signs its own tokens
  log "API nodes on 127.0.0.1:$((BASE + 11))-$((BASE + 12))"
  for n in "${APIS[@]}"; do
    start_api_node "$n" "$kek" PUBLIC_URL="http://localhost:$((BASE + 11))" \
      DATABASE_URL="postgres://postgres@127.0.0.1:$BOUNCER_PORT/vssid" \
      DIRECT_DATABASE_URL="postgres://postgres@127.0.0.1:$BOUNCER_PORT/vssid_session"
    # One at a time: the first runs the migrations.
    await_api_node "$n"
  done

  start_watchdog "FAILOVER_DIR='$DIR' FAILOVER_PORT_BASE=$BASE '$ROOT/scripts/failover.sh' stop"
  log "ready (stops by itself in ${TTL}s; bash scripts/failover.sh stop)"
}

stop() {
  [ -d "$DIR" ] || return 0
  for n in "${APIS[@]}"; do
    if alive "$DIR/api$n.pid"; then kill "$(cat "$DIR/api$n.pid")" 2>/dev/null || true; fi
  done
  if alive "$DIR/watcher.pid"; then kill "$(cat "$DIR/watcher.pid")" 2>/dev/null || true; fi
  if alive "$DIR/bouncer.pid"; then kill "$(cat "$DIR/bouncer.pid")" 2>/dev/null || true; fi
  # The keepers stop their PostgreSQL (pg_autoctl stop); whatever remains, by its pid.
  for node in node1 node2 monitor; do
    if alive "$DIR/$node.pid"; then
      as_postgres "$autoctl_env pg_autoctl stop --pgdata '$DIR/$node'" >/dev/null 2>&1 || true
    fi
  done
  for node in node1 node2 monitor; do
    for _ in $(seq 1 50); do alive "$DIR/$node.pid" || break; sleep 0.2; done
    if alive "$DIR/$node.pid"; then kill -9 -- "-$(cat "$DIR/$node.pid")" 2>/dev/null || true; fi
    if [ -f "$DIR/$node/postmaster.pid" ]; then
      as_postgres "'$PG_BIN/pg_ctl' -D '$DIR/$node' -m immediate -w stop" >/dev/null 2>&1 || true
    fi
  done
  for n in "${APIS[@]}"; do
    if alive "$DIR/api$n.pid"; then kill -9 "$(cat "$DIR/api$n.pid")" 2>/dev/null || true; fi
  done
  remove_dir
}

# The nodes and their states, as the monitor reports them: "name port state" per line.
states() {
  monitor_sql "SELECT nodename || ' ' || nodeport || ' ' || reportedstate FROM pgautofailover.node ORDER BY nodeid"
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  states) states ;;
  primary) current_primary ;;
  status) states && alive "$DIR/watcher.pid" && alive "$DIR/bouncer.pid" ;;
  *)
    echo "usage: bash scripts/failover.sh [start|stop|status|states|primary]" >&2
    exit 2
    ;;
esac
