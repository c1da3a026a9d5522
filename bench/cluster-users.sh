#!/usr/bin/env bash
# Users created per second through HAProxy against the running cluster of deploy/ (CLUSTER, default
# target/cluster): the same wrk load as create-users.sh, with synchronous replication as configured, then (SYNC_OFF=1)
# once more with synchronous_mode switched off through Patroni and back on afterwards, to show what it costs.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CLUSTER=$(cd "${CLUSTER:-$ROOT/target/cluster}" && pwd)
BASE_PORT=${CLUSTER_PORT_BASE:-15400}
BASE="http://127.0.0.1:$((BASE_PORT + 1))"
set -a; . "$CLUSTER/secrets.env"; set +a
json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
EMAIL="owner-$RANDOM$RANDOM@bench.test"; PASSWORD=bench-owner-password
OP=$(curl -fs -u "operator@localhost:$CONSOLE_OPERATOR_PASSWORD" -d grant_type=client_credentials "$BASE/api/v1/oauth/token" | json "['access_token']")
curl -fs -H "Authorization: Bearer $OP" -H 'Content-Type: application/json' \
  -d "{\"name\":\"Bench $RANDOM\",\"owner\":{\"firstName\":\"Bench\",\"lastName\":\"Owner\",\"email\":\"$EMAIL\"}}" \
  "$BASE/api/v1/organizations" >/dev/null
for _ in $(seq 100); do
  LINK=$(grep -aho "mail to $EMAIL kept in the outbox.*activate?token=[A-Za-z0-9_-]*" "$CLUSTER"/logs/console*.log | grep -o 'token=[A-Za-z0-9_-]*' | cut -d= -f2 | tail -1 || true)
  [ -n "$LINK" ] && break; sleep 0.1
done
curl -fs -H 'Content-Type: application/json' -d "{\"token\":\"$LINK\",\"password\":\"$PASSWORD\"}" "$BASE/api/v1/activation" >/dev/null
export TOKEN=$(curl -fs -u "$EMAIL:$PASSWORD" -d grant_type=client_credentials "$BASE/api/v1/oauth/token" | json "['access_token']")
run() {
  CREATE_SECONDS=${WARMUP:-10} wrk -t2 -c16 -d$(( ${WARMUP:-10} + 3 ))s -s "$ROOT/bench/create-users.lua" "$BASE" >/dev/null
  CREATE_SECONDS=${DURATION:-20} wrk -t2 -c16 -d$(( ${DURATION:-20} + 3 ))s --latency -s "$ROOT/bench/create-users.lua" "$BASE" > "$CLUSTER/wrk-$1.txt"
  local created p99
  created=$(grep -h "^created: " "$CLUSTER/wrk-$1.txt" | awk '{print $2}')
  p99=$(awk '$1 == "99%" {print $2}' "$CLUSTER/wrk-$1.txt")
  printf '%-22s %7.1f users/s  p99 %s  (%s created in %s s; other answers: %s)\n' "$1" \
    "$(echo "$created / ${DURATION:-20}" | bc -l)" "$p99" "$created" "${DURATION:-20}" \
    "$(grep -h '^other: ' "$CLUSTER/wrk-$1.txt" | awk '{print $2}')"
}
run cluster-synchronous
if [ "${SYNC_OFF:-1}" = 1 ]; then
  patronictl -c "$CLUSTER/pg1/patroni.yml" edit-config --force -s synchronous_mode=false >/dev/null
  sleep 5
  run cluster-asynchronous
  patronictl -c "$CLUSTER/pg1/patroni.yml" edit-config --force -s synchronous_mode=true >/dev/null
fi
