#!/usr/bin/env bash
# Stops everything cluster-start.sh started under the directory given, and leaves nothing running: the console
# instances, HAProxy, the Patroni nodes (each stops its PostgreSQL), a PostgreSQL left behind by a Patroni that
# was killed, and etcd. The data stays; delete the directory to start afresh.
set -uo pipefail
DIR=${1:?usage: cluster-stop.sh <data directory>}
[ -d "$DIR/run" ] || exit 0
DIR=$(cd "$DIR" && pwd)

stop() {
  local pidfile=$1 pid
  [ -f "$pidfile" ] || return 0
  pid=$(cat "$pidfile")
  if kill -0 "$pid" 2>/dev/null; then
    # each was started in its own session: signal the whole group (runuser, patroni, java and their children)
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null
    for _ in $(seq 120); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null
  fi
  rm -f "$pidfile"
}

for f in "$DIR"/run/console*.pid; do stop "$f"; done
stop "$DIR/run/haproxy.pid"
for f in "$DIR"/run/patroni*.pid; do stop "$f"; done
# a PostgreSQL whose Patroni died (or was killed) is not in Patroni's process group any more
for data in "$DIR"/pg*/data; do
  [ -f "$data/postmaster.pid" ] || continue
  pid=$(head -1 "$data/postmaster.pid")
  if kill -0 "$pid" 2>/dev/null; then
    kill -INT "$pid" 2>/dev/null
    for _ in $(seq 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -KILL "$pid" 2>/dev/null
  fi
done
for f in "$DIR"/run/etcd*.pid; do stop "$f"; done
echo "stopped everything under $DIR"
