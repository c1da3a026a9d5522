#!/usr/bin/env bash
# The fault test of the high-availability installation (deploy/): starts the cluster on loopback (3 PostgreSQL
# nodes under Patroni, etcd, HAProxy, 2 console instances), runs a mixed load through HAProxy, and in turn kills a
# console instance, the primary's postmaster, and a whole primary node (Patroni and PostgreSQL), restarting what it
# killed; then checks against the database that no acknowledged write is lost, no transfer or upload is
# half-applied, and every revocation made just before a fault held. Stops everything it started, on every path.
#
#   flock /tmp/bench.lock bench/failover.sh [data directory, default target/failover]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DIR=${1:-$ROOT/target/failover}
rm -rf "$DIR"
mkdir -p "$DIR"
trap '"$ROOT/deploy/cluster-stop.sh" "$DIR" >/dev/null 2>&1 || true' EXIT INT TERM
timeout 900 "$ROOT/deploy/cluster-start.sh" "$DIR" | tail -3
timeout 600 python3 "$ROOT/bench/failover.py" "$DIR"
