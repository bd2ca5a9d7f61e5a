#!/usr/bin/env bash
# The local multi-node topology of issue 28, all on loopback, from Debian's engines:
#   HAProxy (health checks on /readyz) -> 3 API nodes (packages/server/src/main.ts)
#   -> PgBouncer (transaction mode) -> PostgreSQL 15 primary, streaming replica (pg_basebackup)
#   the replica's reads through a second PgBouncer; LISTEN and the migrations straight to the primary.
#
#   npm run cluster [-- start]   start (installs haproxy, pgbouncer, postgresql-15 when missing)
#   npm run cluster -- status    what runs
#   npm run cluster -- stop      stop everything and remove the data
#
# Data under CLUSTER_DIR (default /tmp/vssid-cluster). Ports from CLUSTER_PORT_BASE (default 56100):
# +0 HAProxy, +1 primary, +2 replica, +3/+4 PgBouncer (primary/replica), +11..13 API nodes,
# +21..23 their metrics. Bounded: a watchdog stops it all after CLUSTER_TTL_S (default 3600) seconds.
# Any other variable the server reads (SMS_GATEWAY_URL, SIGNIN_RATE_LIMIT_PER_IP…) passes through.
# The PostgreSQL servers and PgBouncer run as the `postgres` user when started as root.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
DIR=${CLUSTER_DIR:-/tmp/vssid-cluster}
BASE=${CLUSTER_PORT_BASE:-56100}
TTL=${CLUSTER_TTL_S:-3600}
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
HAPROXY_PORT=$BASE
PRIMARY_PORT=$((BASE + 1))
REPLICA_PORT=$((BASE + 2))
BOUNCER_PORT=$((BASE + 3))
BOUNCER_REPLICA_PORT=$((BASE + 4))
NODES=(1 2 3)

LOG_TAG=cluster
# shellcheck source=scripts/lib.sh
source "$ROOT/scripts/lib.sh"

install_packages() {
  local missing=()
  command -v haproxy >/dev/null || [ -x /usr/sbin/haproxy ] || missing+=(haproxy)
  command -v pgbouncer >/dev/null || [ -x /usr/sbin/pgbouncer ] || missing+=(pgbouncer)
  [ -x "$PG_BIN/initdb" ] || missing+=(postgresql-15)
  install_missing "${missing[@]}"
}

bouncer_conf() { # bouncer_conf <name> <listen port> <server port>
  {
    printf '[databases]\nvssid = host=127.0.0.1 port=%s dbname=vssid\n[pgbouncer]\n' "$3"
    bouncer_settings "$1" "$2"
    echo 'max_client_conn = 1000'
  } >"$DIR/$1.ini"
}

start() {
  if alive "$DIR/haproxy.pid"; then
    log "already running: http://127.0.0.1:$HAPROXY_PORT/"
    return 0
  fi
  install_packages
  rm -rf "$DIR"
  mkdir -p "$DIR/data"
  chmod 755 "$DIR"
  if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$DIR"; fi

  log "PostgreSQL 15 primary on 127.0.0.1:$PRIMARY_PORT"
  as_postgres "'$PG_BIN/initdb' -D '$DIR/primary' -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8" >/dev/null
  local opts="-c listen_addresses=127.0.0.1 -k '$DIR' -c max_connections=200 -c wal_level=replica -c max_wal_senders=5 -c hot_standby=on"
  as_postgres "'$PG_BIN/pg_ctl' -D '$DIR/primary' -l '$DIR/primary.log' -w -o \"$opts -p $PRIMARY_PORT\" start" >/dev/null
  as_postgres "'$PG_BIN/createdb' -h 127.0.0.1 -p $PRIMARY_PORT -U postgres vssid"

  log "streaming replica (pg_basebackup) on 127.0.0.1:$REPLICA_PORT"
  as_postgres "'$PG_BIN/pg_basebackup' -h 127.0.0.1 -p $PRIMARY_PORT -U postgres -D '$DIR/replica' -R -X stream -c fast"
  as_postgres "'$PG_BIN/pg_ctl' -D '$DIR/replica' -l '$DIR/replica.log' -w -o \"$opts -p $REPLICA_PORT\" start" >/dev/null

  log "PgBouncer (transaction mode) on 127.0.0.1:$BOUNCER_PORT (primary) and :$BOUNCER_REPLICA_PORT (replica)"
  echo '"postgres" ""' >"$DIR/userlist.txt"
  bouncer_conf bouncer "$BOUNCER_PORT" "$PRIMARY_PORT"
  bouncer_conf bouncer-replica "$BOUNCER_REPLICA_PORT" "$REPLICA_PORT"
  if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$DIR"/*.ini "$DIR/userlist.txt"; fi
  as_postgres "pgbouncer -d -q '$DIR/bouncer.ini'"
  as_postgres "pgbouncer -d -q '$DIR/bouncer-replica.ini'"

  # The same sealing key on every node (the secret keys live in the database).
  local kek
  kek=$(head -c 32 /dev/urandom | base64)
  log "API nodes on 127.0.0.1:$((BASE + 11))-$((BASE + 13)) (metrics on :$((BASE + 21))-$((BASE + 23)))"
  for n in "${NODES[@]}"; do
    start_api_node "$n" "$kek" PUBLIC_URL="http://localhost:$HAPROXY_PORT" TRUST_PROXY=true \
      DATABASE_URL="postgres://postgres@127.0.0.1:$BOUNCER_PORT/vssid" \
      DIRECT_DATABASE_URL="postgres://postgres@127.0.0.1:$PRIMARY_PORT/vssid" \
      REPLICA_DATABASE_URL="postgres://postgres@127.0.0.1:$BOUNCER_REPLICA_PORT/vssid"
  done

  log "HAProxy on 127.0.0.1:$HAPROXY_PORT"
  {
    printf 'global\n  maxconn 4096\n'
    printf 'defaults\n  mode http\n  timeout connect 2s\n  timeout client 60s\n  timeout server 60s\n  option forwardfor\n'
    printf 'frontend api\n  bind 127.0.0.1:%s\n  default_backend nodes\n' "$HAPROXY_PORT"
    printf 'backend nodes\n  balance roundrobin\n  option httpchk GET /readyz\n  http-check expect status 200\n'
    printf '  retry-on conn-failure empty-response\n  retries 2\n  option redispatch\n'
    for n in "${NODES[@]}"; do
      printf '  server api%s 127.0.0.1:%s check inter 1s fall 2 rise 1\n' "$n" "$((BASE + 10 + n))"
    done
  } >"$DIR/haproxy.cfg"
  haproxy -f "$DIR/haproxy.cfg" -D -p "$DIR/haproxy.pid"

  for n in "${NODES[@]}"; do await_api_node "$n"; done
  wait_for 10 curl -sf "http://127.0.0.1:$HAPROXY_PORT/readyz"

  start_watchdog "CLUSTER_DIR='$DIR' CLUSTER_PORT_BASE=$BASE '$ROOT/scripts/cluster.sh' stop"
  log "ready: http://127.0.0.1:$HAPROXY_PORT/ (stops by itself in ${TTL}s; npm run cluster -- stop)"
}

stop() {
  [ -d "$DIR" ] || return 0
  for n in "${NODES[@]}"; do
    if alive "$DIR/api$n.pid"; then kill "$(cat "$DIR/api$n.pid")" 2>/dev/null || true; fi
  done
  for n in "${NODES[@]}"; do
    for _ in $(seq 1 50); do alive "$DIR/api$n.pid" || break; sleep 0.2; done
    if alive "$DIR/api$n.pid"; then kill -9 "$(cat "$DIR/api$n.pid")" 2>/dev/null || true; fi
  done
  for f in haproxy bouncer bouncer-replica; do
    if alive "$DIR/$f.pid"; then kill "$(cat "$DIR/$f.pid")" 2>/dev/null || true; fi
  done
  for db in replica primary; do
    if [ -f "$DIR/$db/postmaster.pid" ]; then
      as_postgres "'$PG_BIN/pg_ctl' -D '$DIR/$db' -m fast -w stop" >/dev/null 2>&1 || true
    fi
  done
  remove_dir
}

status() {
  local rc=0
  for f in haproxy bouncer bouncer-replica api1 api2 api3; do
    if alive "$DIR/$f.pid"; then log "$f: running (pid $(cat "$DIR/$f.pid"))"; else log "$f: not running"; rc=1; fi
  done
  for db in primary replica; do
    if [ -f "$DIR/$db/postmaster.pid" ]; then log "$db: running"; else log "$db: not running"; rc=1; fi
  done
  return $rc
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *)
    echo "usage: npm run cluster -- [start|stop|status]" >&2
    exit 2
    ;;
esac
