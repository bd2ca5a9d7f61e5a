#!/usr/bin/env bash
# Citus (issue #28 item 5): build it from ../shared/vendor and run a local cluster on loopback.
#
#   bash scripts/citus.sh build          build and install Citus 13.2.2 into PostgreSQL 15 (once:
#                                         an installed build of the same version is reused)
#   bash scripts/citus.sh start [DIR]    a coordinator and two workers under DIR (default
#                                         /tmp/vssid-citus), ports CITUS_PORT, +1, +2 (default 57010);
#                                         prints the coordinator's DATABASE_URL last
#   bash scripts/citus.sh stop [DIR]     stops them (the data stays until DIR is removed)
#
# Why a build: no Debian package of Citus exists (../shared/vendor/README.md). The source is the
# upstream tag unchanged; the one change made here is the header guard that PostgreSQL 15.20's
# headers need (pg_version_compat.h's static have_createdb_privilege() is declared by dbcommands.h
# from 15.20 on), applied only when the headers are 15.20 or later. The build tree is kept in
# CITUS_BUILD_DIR (default /var/cache/vssid/citus-13.2.2) so that a second build on the same
# machine is a `make install` of what is there. Everything runs as root except the PostgreSQL
# servers, which run as `postgres` (initdb refuses root). Loopback only.
set -euo pipefail

VERSION=13.2.2
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
here=$(cd "$(dirname "$0")/.." && pwd)
TARBALL=${CITUS_TARBALL:-$here/../shared/vendor/citus-$VERSION.tar.gz}
BUILD_DIR=${CITUS_BUILD_DIR:-/var/cache/vssid/citus-$VERSION}
PORT=${CITUS_PORT:-57010}

log() { printf '[citus] %s\n' "$*" >&2; }

# The version of the installed extension, or nothing.
installed_version() {
  local control
  control="$("$PG_BIN/pg_config" --sharedir)/extension/citus.control"
  [ -f "$control" ] && [ -f "$("$PG_BIN/pg_config" --pkglibdir)/citus.so" ] || return 0
  # The library's own version string is the reliable one (the control file names the SQL version).
  strings "$("$PG_BIN/pg_config" --pkglibdir)/citus.so" 2>/dev/null | grep -m1 -oE "^Citus $VERSION\b" || true
}

build() {
  if [ -n "$(installed_version)" ]; then
    log "Citus $VERSION is installed: nothing to build"
    return
  fi
  log "installing the build requirements (Debian packages)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq postgresql-server-dev-15 autoconf flex make gcc binutils libcurl4-openssl-dev \
    libicu-dev libkrb5-dev liblz4-dev libpam0g-dev libreadline-dev libselinux1-dev libssl-dev \
    libxslt1-dev libzstd-dev uuid-dev >/dev/null
  if [ ! -f "$BUILD_DIR/src/backend/distributed/citus.so" ]; then
    [ -f "$TARBALL" ] || { log "no source at $TARBALL"; exit 1; }
    rm -rf "$BUILD_DIR"
    mkdir -p "$BUILD_DIR"
    tar -xzf "$TARBALL" -C "$BUILD_DIR" --strip-components=1
    local num
    num=$("$PG_BIN/pg_config" --version | sed -E 's/^PostgreSQL ([0-9]+)\.([0-9]+).*/\1 \2/' | awk '{printf "%d%04d", $1, $2}')
    # The headers the extension is compiled against are the server-dev package's, which may be newer
    # than the server: read their version.
    local headers
    headers=$(grep -m1 -oE 'PG_VERSION_NUM [0-9]+' "$("$PG_BIN/pg_config" --includedir-server)/pg_config.h" | awk '{print $2}')
    log "server $num, headers ${headers:-unknown}"
    if [ "${headers:-0}" -ge 150020 ] && [ "${headers:-0}" -lt 160000 ]; then
      log "guarding have_createdb_privilege() for PostgreSQL 15.20+ headers"
      python3 - "$BUILD_DIR/src/include/pg_version_compat.h" <<'PY'
import re, sys
path = sys.argv[1]
text = open(path).read()
m = re.search(r'\nstatic inline bool\s*\nhave_createdb_privilege\(void\)\s*\{.*?\n\}\n', text, re.S)
if not m:
    m = re.search(r'\n[^\n]*have_createdb_privilege\(void\)[^\n]*\n(?:[^\n]*\n)*?\}\n', text)
if not m:
    sys.exit('have_createdb_privilege() not found in ' + path)
block = m.group(0)
text = text.replace(block, '\n#if PG_VERSION_NUM < 150020' + block + '#endif\n', 1)
open(path, 'w').write(text)
PY
    fi
    log "configure and make (about 6.5 minutes on 2 cores)"
    (cd "$BUILD_DIR" && PG_CONFIG="$PG_BIN/pg_config" ./configure --without-libcurl >/dev/null && make -j"$(nproc)" >/dev/null)
  fi
  log "make install"
  (cd "$BUILD_DIR" && make install >/dev/null)
  [ -n "$(installed_version)" ] || { log "installed, but the library does not say Citus $VERSION"; exit 1; }
  log "Citus $VERSION installed"
}

as_postgres() { su postgres -s /bin/bash -c "$*"; }

start() {
  local dir=${1:-/tmp/vssid-citus}
  [ -n "$(installed_version)" ] || { log "Citus is not installed: run 'bash scripts/citus.sh build' first"; exit 1; }
  mkdir -p "$dir"
  chown postgres:postgres "$dir"
  local i port
  for i in 0 1 2; do
    port=$((PORT + i))
    if [ ! -f "$dir/node$i/PG_VERSION" ]; then
      as_postgres "$PG_BIN/initdb -D '$dir/node$i' -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null"
      cat >>"$dir/node$i/postgresql.conf" <<CONF
shared_preload_libraries = 'citus'
max_prepared_transactions = 100
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
fsync = off
max_connections = 300
# OLTP: a query over all shards (a family's cards by guardian) runs its shard tasks over one
# connection per worker, kept between queries, instead of opening up to 16 per worker each time
# (measured in the Citus bench: bench/results/citus.md, docs/features.md).
citus.max_adaptive_executor_pool_size = 1
citus.max_cached_conns_per_worker = 8
CONF
    fi
    if ! as_postgres "$PG_BIN/pg_ctl -D '$dir/node$i' status" >/dev/null 2>&1; then
      as_postgres "$PG_BIN/pg_ctl -D '$dir/node$i' -l '$dir/node$i.log' -w start" >/dev/null
    fi
  done
  local psql="$PG_BIN/psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -U postgres -d postgres"
  for i in 0 1 2; do $psql -p $((PORT + i)) -c 'CREATE EXTENSION IF NOT EXISTS citus' >/dev/null; done
  $psql -p "$PORT" -c "SELECT citus_set_coordinator_host('127.0.0.1', $PORT)" >/dev/null
  for i in 1 2; do
    $psql -p "$PORT" -c "SELECT citus_add_node('127.0.0.1', $((PORT + i)))" >/dev/null
  done
  log "coordinator 127.0.0.1:$PORT, workers :$((PORT + 1)) and :$((PORT + 2)) ($($psql -p "$PORT" -Atc 'SELECT count(*) FROM citus_get_active_worker_nodes()') active)"
  echo "postgres://postgres@127.0.0.1:$PORT/postgres"
}

stop() {
  local dir=${1:-/tmp/vssid-citus} i
  for i in 0 1 2; do
    [ -f "$dir/node$i/PG_VERSION" ] && as_postgres "$PG_BIN/pg_ctl -D '$dir/node$i' -m fast stop" >/dev/null 2>&1 || true
  done
  log "stopped"
}

case "${1:-}" in
  build) build ;;
  start) shift; start "$@" ;;
  stop) shift; stop "$@" ;;
  *) echo "usage: bash scripts/citus.sh build | start [DIR] | stop [DIR]" >&2; exit 2 ;;
esac
