#!/usr/bin/env bash
# The fault test of the high-availability installation (deploy/): starts the cluster on loopback (3 PostgreSQL
# nodes under Patroni, etcd, HAProxy, 2 console instances), runs a mixed load through HAProxy, and in turn kills a
# console instance, the primary's postmaster, and a whole primary node (Patroni and PostgreSQL), restarting what it
# killed; then checks against the database that no acknowledged write is lost, no transfer or upload is
# half-applied, and every revocation made just before a fault held. Stops everything it started, on every path.
#
#   flock /tmp/bench.lock bench/failover.sh [--quick] [data directory, default target/failover]
#
# --quick is the CI profile (.ci/fault): the same faults and checks with shorter load phases and the consoles' JIT
# limited to its quick tier (they start faster; the figures of their speed mean nothing then), the whole run bounded
# by FAILOVER_DEADLINE seconds (570 with --quick, 1500 without; the cluster's start may take 60 % of it). Exit
# status 0 only when every check passed within it.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
QUICK=0
if [ "${1:-}" = --quick ]; then QUICK=1; shift; fi
DIR=${1:-$ROOT/target/failover}
if [ "$QUICK" = 1 ]; then
  export FAILOVER_SETTLE=${FAILOVER_SETTLE:-3} FAILOVER_CONSOLE_DOWN=${FAILOVER_CONSOLE_DOWN:-5}
  export FAILOVER_AFTER_PRIMARY=${FAILOVER_AFTER_PRIMARY:-3} FAILOVER_AFTER_NODE=${FAILOVER_AFTER_NODE:-2}
  export FAILOVER_TAIL=${FAILOVER_TAIL:-1} FAILOVER_REJOIN_SECONDS=${FAILOVER_REJOIN_SECONDS:-90}
  export CONSOLE_JAVA_OPTS=${CONSOLE_JAVA_OPTS:--Xmx512m -XX:TieredStopAtLevel=1}
fi
DEADLINE=${FAILOVER_DEADLINE:-$([ "$QUICK" = 1 ] && echo 570 || echo 1500)}
T0=$(date +%s)
elapsed() { echo $(( $(date +%s) - T0 )); }
rm -rf "$DIR"
mkdir -p "$DIR"
DIR=$(cd "$DIR" && pwd)

CHILD=""
cleanup() {
  # the step running now (its own session: python and a cluster-start.sh it may be running), then the cluster
  if [ -n "$CHILD" ]; then kill -TERM -- "-$CHILD" 2>/dev/null || true; fi
  "$ROOT/deploy/cluster-stop.sh" "$DIR" >/dev/null 2>&1 || true
  # anything still running from this directory (a server a step started after the stop, say) is killed
  local left
  left=$(pgrep -f -- "$DIR/" | grep -vx -e "$$" -e "$PPID" || true)
  if [ -n "$left" ]; then
    echo "killing what was left running: $left" >&2
    # shellcheck disable=SC2086
    kill -KILL $left 2>/dev/null || true
  fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# step SECONDS COMMAND...: runs the command in its own session in the background, so that a signal to this script
# reaches the trap at once, and stops it after SECONDS
step() {
  local seconds=$1
  shift
  setsid timeout --kill-after=10 "$seconds" "$@" &
  CHILD=$!
  local status=0
  wait "$CHILD" || status=$?
  CHILD=""
  [ "$status" = 124 ] && echo "stopped after ${seconds}s: $*" >&2
  return "$status"
}

echo "$(date -u +%H:%M:%S) starting the cluster under $DIR"
step $((DEADLINE * 6 / 10)) "$ROOT/deploy/cluster-start.sh" "$DIR" >"$DIR/cluster-start.out"
tail -7 "$DIR/cluster-start.out"
STARTED=$(elapsed)
echo "cluster started in ${STARTED}s"
status=0
step $((DEADLINE - STARTED)) python3 "$ROOT/bench/failover.py" "$DIR" || status=$?
echo "faults and checks took $(( $(elapsed) - STARTED ))s; the whole run $(elapsed)s (limit ${DEADLINE}s); exit status $status"
exit "$status"
