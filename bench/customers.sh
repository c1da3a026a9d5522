#!/usr/bin/env bash
# Customers at scale, with the console's heap capped at 256 MB (-Xmx256m) for the whole run:
#  1. lookup as you type: COUNT (default 1,000,000) customers in one organisation, then GET /api/v1/customers?q=...
#     with fragments a person types (parts of names, e-mail addresses, phone numbers), CONNECTIONS connections;
#     wrk reports p50 / p99.
#  2. bulk device upload: a ROWS-row (default 1,000,000) CSV for one customer through
#     POST /api/v1/customers/{id}/devices/import, timed by the client; the JVM's heap is sampled every 200 ms.
# The customers are written straight into the embedded PostgreSQL (psql, Debian's postgresql-client): this benchmark
# measures the lookup, not the creation of a million customers.
source "$(dirname "$0")/lib.sh"
COUNT=${COUNT:-1000000}; ROWS=${ROWS:-1000000}
build
DATA="$WORK/customers-data"; rm -rf "$DATA"
JAVA_OPTS="-Xmx256m ${JAVA_OPTS:-}" start_console "$DATA"
EMAIL=owner@bench.test; PASSWORD=bench-owner-password
create_owner "$EMAIL" "$PASSWORD"
OWNER=$(curl -fs -u "$EMAIL:$PASSWORD" -d grant_type=client_credentials "$BASE/api/v1/oauth/token" | json "['access_token']")
ORG=$(curl -fs -H "Authorization: Bearer $OWNER" "$BASE/api/v1/me" | json "['organizationId']")
PGPORT=$(ss -ltnp | grep "pid=$(postgres_pids "$DATA/postgres" | head -1)," | grep -o '127.0.0.1:[0-9]*' | head -1 | cut -d: -f2)
PSQL="psql -q -h 127.0.0.1 -p $PGPORT -U postgres postgres"
SEED_START=$(date +%s)
$PSQL <<SQL
INSERT INTO customer (id, organization_id, first_name, last_name, email, country_code, phone)
SELECT gen_random_uuid(), '$ORG',
       (ARRAY['Anna','Ben','Carla','David','Elif','Farid','Greta','Hugo','Ines','Jonas','Kemal','Lena','Marco','Nora',
              'Oskar','Paula','Quentin','Rosa','Sven','Tara'])[1 + n % 20] || (n % 997),
       (ARRAY['Smith','Meyer','Okafor','Rossi','Nowak','Jensen','Silva','Kowalski','Dubois','Haddad','Novak','Larsen',
              'Moreau','Fischer','Costa','Murphy','Yilmaz','Berg','Svensson','Ivanova'])[1 + (n / 20) % 20] || (n % 4999),
       'customer' || n || '@example' || (n % 50) || '.test', '+44', (7700000000 + n)::text
FROM generate_series(1, $COUNT) AS n;
VACUUM ANALYZE customer;
SQL
echo "seeded $COUNT customers in $(( $(date +%s) - SEED_START )) s"

cat > "$WORK/lookup.lua" <<'LUA'
local queries = {"smith12", "okafor4", "meyer", "customer4242", "@example7.", "7700012", "greta9", "nowak33",
                 "rossi1", "jensen", "customer99", "770098", "marco5", "silva27", "dubois8", "paula13"}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", "/api/v1/customers?size=25&q=" .. queries[(i % #queries) + 1])
end
LUA
wrk -t2 -c${CONNECTIONS:-8} -d${WARMUP:-20s} -H "Authorization: Bearer $OWNER" -s "$WORK/lookup.lua" "$BASE" > /dev/null
echo "lookup at $COUNT customers:"
wrk -t2 -c${CONNECTIONS:-8} -d${DURATION:-20s} --latency -H "Authorization: Bearer $OWNER" -s "$WORK/lookup.lua" "$BASE" \
  | grep -E "Requests/sec|50%|90%|99%"

CUSTOMER=$(curl -fs -H "Authorization: Bearer $OWNER" -H 'Content-Type: application/json' \
  -d '{"firstName":"Upload","lastName":"Target","email":"upload@bench.test"}' "$BASE/api/v1/customers" | json "['id']")
python3 - "$WORK/devices.csv" "$ROWS" <<'PY'
import sys
path, rows = sys.argv[1], int(sys.argv[2])
with open(path, "w") as f:
    f.write("location_name,location_address,device_name,serial_number,model,iccid\n")
    for n in range(rows):
        f.write("Site %d,%d Long Road,Meter %d,SN-%09d,M-%d,\n" % (n % 100, n % 100, n, n, n % 7))
PY
echo "upload file: $(du -m "$WORK/devices.csv" | cut -f1) MB, $ROWS rows"
PEAK_FILE="$WORK/heap-peak"; echo 0 > "$PEAK_FILE"
( while kill -0 "$CONSOLE_PID" 2>/dev/null; do
    used=$(jcmd "$CONSOLE_PID" GC.heap_info 2>/dev/null | awk '/garbage-first heap/ {for (i=1;i<=NF;i++) if ($i=="used") print $(i+1)}' | tr -d 'K,')
    [ -n "$used" ] && [ "$used" -gt "$(cat "$PEAK_FILE")" ] && echo "$used" > "$PEAK_FILE"
    sleep 0.2
  done ) &
SAMPLER=$!
OUT=$(curl -s -w ' %{time_total}' -H "Authorization: Bearer $OWNER" -H 'Content-Type: text/csv' \
  --data-binary "@$WORK/devices.csv" "$BASE/api/v1/customers/$CUSTOMER/devices/import")
SECONDS_TAKEN=$(echo "$OUT" | awk '{print $NF}')
echo "upload answer: $(echo "${OUT% *}" | head -c 200)"
echo "upload: $ROWS rows in $SECONDS_TAKEN s = $(echo "$ROWS / $SECONDS_TAKEN" | bc) rows/s"
kill $SAMPLER 2>/dev/null || true
echo "peak heap used during the run (-Xmx256m): $(( $(cat "$PEAK_FILE") / 1024 )) MB"
stop_console
