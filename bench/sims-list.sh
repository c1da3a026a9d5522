#!/usr/bin/env bash
# Management API GET /api/v1/sims (a page of 50) under concurrent load on loopback: an organisation with SIMS SIMs,
# its Owner's bearer token, CONNECTIONS connections for DURATION after a warm-up. Reports wrk's requests/s and latency
# percentiles.
source "$(dirname "$0")/lib.sh"
SIMS=${SIMS:-10000}
build
DATA="$WORK/sims-data"; [ -n "${KEEP_DATA:-}" ] || rm -rf "$DATA"
FILES="$WORK/sims-files"; rm -rf "$FILES"
python3 "$BENCH_DIR/sim_stock.py" "$FILES" "$SIMS" 15000 1
start_console "$DATA"
EMAIL=owner@bench.test; PASSWORD=bench-owner-password
create_owner "$EMAIL" "$PASSWORD"
OWNER=$(curl -fs -u "$EMAIL:$PASSWORD" -d grant_type=client_credentials "$BASE/api/v1/oauth/token" | json "['access_token']")
OP=$(operator_token)
ORG=$(curl -fs -H "Authorization: Bearer $OWNER" "$BASE/api/v1/me" | json "['organizationId']")
for f in "$FILES"/stock-*.csv; do
  curl -fs -H "Authorization: Bearer $OP" -H 'Content-Type: text/csv' --data-binary "@$f" \
    "$BASE/api/v1/organizations/$ORG/sims/import" > /dev/null
done
echo "SIMs in the organisation: $(curl -fs -H "Authorization: Bearer $OWNER" "$BASE/api/v1/sims?size=1" | json "['total']")"
URL="$BASE/api/v1/sims?size=50"
wrk -t2 -c32 -d${WARMUP:-30s} -H "Authorization: Bearer $OWNER" "$URL" > /dev/null   # warm-up: let the JIT finish
wrk -t2 -c${CONNECTIONS:-32} -d${DURATION:-20s} --latency -H "Authorization: Bearer $OWNER" "$URL"
stop_console
