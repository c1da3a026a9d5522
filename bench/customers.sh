#!/usr/bin/env bash
# Customers at scale:
#  1. lookup as you type: COUNT (default 1,000,000) customers in one organisation, then GET /api/v1/customers?q=...
#     with fragments a person types (parts of names, e-mail addresses, phone numbers), 1 then 4 connections;
#     wrk reports p50 / p99.
#  2. bulk device upload, the console restarted with its heap capped at 256 MB (-Xmx256m): a ROWS-row (default
#     1,000,000) CSV for one customer through POST /api/v1/customers/{id}/devices/import, timed by the client; the
#     JVM's heap is sampled every 200 ms.
# The customers are written straight into the embedded PostgreSQL (psql, Debian's postgresql-client): this benchmark
# measures the lookup, not the creation of a million customers.
source "$(dirname "$0")/lib.sh"
COUNT=${COUNT:-1000000}; ROWS=${ROWS:-1000000}
build
DATA="$WORK/customers-data"; rm -rf "$DATA"
start_console "$DATA"
EMAIL=owner@bench.test; PASSWORD=bench-owner-password
create_owner "$EMAIL" "$PASSWORD"
OWNER=$(curl -fs -u "$EMAIL:$PASSWORD" -d grant_type=client_credentials "$BASE/api/v1/oauth/token" | json "['access_token']")
ORG=$(curl -fs -H "Authorization: Bearer $OWNER" "$BASE/api/v1/me" | json "['organizationId']")
PGPORT=$(ss -ltnp | grep "pid=$(postgres_pids "$DATA/postgres" | head -1)," | grep -o '127.0.0.1:[0-9]*' | head -1 | cut -d: -f2)
PSQL="psql -q -h 127.0.0.1 -p $PGPORT -U postgres postgres"
SEED_START=$(date +%s)
# Names from syllables (about 900 first names and 10,000 last names), e-mail addresses made of them on 20 domains,
# mobile numbers spread over the whole range: a spread of values like real customers', not one pattern repeated.
$PSQL <<SQL
WITH syllables AS (
    SELECT ARRAY['an','be','ca','da','el','fa','gi','ha','is','jo','ka','li','ma','ne','ol','pa','qu','ro','sa','ti',
                 'ul','va','wi','xe','ya','zo','mi','lu','re','no'] AS a,
           ARRAY['ra','len','na','ton','mi','ria','ko','bel','dor','vin','sa','te','lo','ran','da','ny','ki','ne','ta',
                 'ro','son','ley','man','ler','ger','tis','nez','ric','mer','dal'] AS b,
           ARRAY['','s','son','berg','ski','ez','ini','er','ova','sen','ley','ard'] AS c,
           ARRAY['mailbox','post','inbox','netmail','fastmail','example','homemail','corpmail','webpost','mailer',
                 'letters','mailhub','courier','postbox','dispatch','relay','envelope','stamp','parcel','telegram'] AS d),
numbered AS (
    SELECT n, ('x' || substr(md5(n::text), 1, 8))::bit(32)::int AS h1,
              ('x' || substr(md5(n::text), 9, 8))::bit(32)::int AS h2
    FROM generate_series(1, $COUNT) AS n),
named AS (
    SELECT n, h1, h2,
           initcap(a[1 + abs(h1) % 30] || b[1 + abs(h1 / 30) % 30]) AS first_name,
           initcap(a[1 + abs(h2) % 30] || b[1 + abs(h2 / 30) % 30] || c[1 + abs(h2 / 900) % 12]) AS last_name,
           d[1 + abs(h1 / 900) % 20] AS domain
    FROM numbered, syllables)
INSERT INTO customer (id, organization_id, first_name, last_name, email, country_code, phone)
SELECT gen_random_uuid(), '$ORG', first_name, last_name,
       lower(first_name) || '.' || lower(last_name) || n || '@' || domain || '.test',
       '+44', '7' || lpad((abs(h1 # h2) % 1000000000)::text, 9, '0')
FROM named;
VACUUM ANALYZE customer;
SQL
echo "seeded $COUNT customers in $(( $(date +%s) - SEED_START )) s"

# What people type: parts of real customers' last names, first names, e-mail addresses and phone numbers.
QUERIES=$($PSQL -At <<SQL
SELECT string_agg('"' || q || '"', ',') FROM (
    SELECT CASE n % 4 WHEN 0 THEN lower(substr(last_name, 2, 5)) WHEN 1 THEN lower(substr(first_name, 1, 4))
                      WHEN 2 THEN substr(email, 1, 8) ELSE substr(phone, 3, 6) END AS q
    FROM (SELECT last_name, first_name, email, phone, row_number() OVER () AS n
          FROM customer TABLESAMPLE SYSTEM (1) LIMIT 400) s) x
SQL
)
cat > "$WORK/lookup.lua" <<LUA
local queries = {$QUERIES}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", "/api/v1/customers?size=25&q=" .. queries[(i % #queries) + 1])
end
LUA
wrk -t1 -c4 -d${WARMUP:-20s} -H "Authorization: Bearer $OWNER" -s "$WORK/lookup.lua" "$BASE" > /dev/null
# one person typing (1 connection), then several at once (4 connections)
for c in 1 4; do
  echo "lookup at $COUNT customers, $c connection(s):"
  wrk -t1 -c$c -d${DURATION:-20s} --latency -H "Authorization: Bearer $OWNER" -s "$WORK/lookup.lua" "$BASE" \
    | grep -E "Requests/sec|50%|90%|99%"
done

stop_console
JAVA_OPTS="-Xmx256m ${JAVA_OPTS:-}" start_console "$DATA"
OWNER=$(curl -fs -u "$EMAIL:$PASSWORD" -d grant_type=client_credentials "$BASE/api/v1/oauth/token" | json "['access_token']")
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
