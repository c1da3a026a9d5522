#!/usr/bin/env bash
# SIM transfer of 1,000,000 SIMs: the operator imports the stock into an organisation, then the Owner moves all of it
# to a sub-organisation in one range and takes it back in RANGES ranges (a FIRST;LAST file), each all-or-nothing.
# Reports the seconds of each preview and each transfer, as the client sees them. Needs psql (postgresql-client) to
# see when autovacuum has been through the imported stock.
source "$(dirname "$0")/lib.sh"
COUNT=${COUNT:-1000000}; RANGES=${RANGES:-100}; CHUNK=15000
build
DATA="$WORK/transfer-data"; rm -rf "$DATA"
FILES="$WORK/transfer-files"; rm -rf "$FILES"
python3 "$BENCH_DIR/sim_stock.py" "$FILES" "$COUNT" "$CHUNK" "$RANGES"
start_console "$DATA"
EMAIL=owner@bench.test; PASSWORD=bench-owner-password
create_owner "$EMAIL" "$PASSWORD"
OWNER=$(curl -fs -u "$EMAIL:$PASSWORD" -d grant_type=client_credentials "$BASE/api/v1/oauth/token" | json "['access_token']")
OP=$(operator_token)
PARENT=$(curl -fs -H "Authorization: Bearer $OWNER" "$BASE/api/v1/me" | json "['organizationId']")
SUB=$(curl -fs -H "Authorization: Bearer $OWNER" -H 'Content-Type: application/json' \
  -d '{"name":"Bench Sub","owner":{"firstName":"Sub","lastName":"Owner","email":"sub@bench.test"}}' \
  "$BASE/api/v1/organizations" | json "['id']")

IMPORT_START=$(date +%s%N)
for f in "$FILES"/stock-*.csv; do
  curl -fs -H "Authorization: Bearer $OP" -H 'Content-Type: text/csv' --data-binary "@$f" \
    "$BASE/api/v1/organizations/$PARENT/sims/import" > /dev/null
done
echo "imported $COUNT SIMs in $(echo "scale=1; ($(date +%s%N) - $IMPORT_START) / 1000000000" | bc) s"

# transfer FILE FROM TO DRYRUN: prints seconds and the SIM count the answer gives
transfer() {
  local out
  out=$(curl -fs -w ' %{time_total}' -H "Authorization: Bearer $OWNER" -H 'Content-Type: text/plain' \
    --data-binary "@$1" "$BASE/api/v1/sim-transfers?dryRun=$4&fromOrganizationId=$2&toOrganizationId=$3")
  echo "$(echo "$out" | awk '{print $NF}') s, $(echo "${out% *}" | json "['total']") SIMs"
}
# Stock is imported long before it is transferred: let autovacuum visit the new rows first, as it would have.
PGPORT=$(ss -ltnp | grep "pid=$(postgres_pids "$DATA/postgres" | head -1)," | grep -o '127.0.0.1:[0-9]*' | head -1 | cut -d: -f2)
for _ in $(seq 1 120); do
  done_=$(psql -h 127.0.0.1 -p "$PGPORT" -U postgres postgres -At -c \
    "SELECT last_autovacuum IS NOT NULL AND last_autoanalyze IS NOT NULL FROM pg_stat_user_tables WHERE relname = 'sim_card'")
  [ "$done_" = "t" ] && break
  sleep 1
done
echo "autovacuum has visited sim_card: $done_"
# a first small transfer warms the code path up; it is not counted
head -1 "$FILES/ranges.txt" > "$FILES/warm.txt"
transfer "$FILES/warm.txt" "$PARENT" "$SUB" false > /dev/null
transfer "$FILES/warm.txt" "$SUB" "$PARENT" false > /dev/null
echo "preview, 1 range, parent -> sub:        $(transfer "$FILES/all.txt" "$PARENT" "$SUB" true)"
echo "transfer, 1 range, parent -> sub:       $(transfer "$FILES/all.txt" "$PARENT" "$SUB" false)"
echo "preview, $RANGES ranges, sub -> parent:   $(transfer "$FILES/ranges.txt" "$SUB" "$PARENT" true)"
echo "transfer, $RANGES ranges, sub -> parent:  $(transfer "$FILES/ranges.txt" "$SUB" "$PARENT" false)"
stop_console
