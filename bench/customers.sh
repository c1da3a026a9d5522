#!/usr/bin/env bash
# The customer lookup at scale, answers checked and timed:
#  1. COUNT (default 1,000,000) customers in one organisation and SIDE_ORGS (default 10) other organisations of
#     SIDE_COUNT (default 100,000) customers each in the same table, written straight into the embedded PostgreSQL
#     (psql, Debian's postgresql-client): this benchmark measures the lookup, not the creation of customers.
#  2. PER_KIND (default 500) fragments of each kind, drawn from real rows of the big organisation: digits of a phone
#     number, part of a first or last name, the start of an e-mail address, a whole e-mail address. For each, the
#     ground truth in SQL (ILIKE on the four columns, a plain scan): how many customers match, and where the drawn
#     customer stands in the lookup's default order (last name, first name, id).
#  3. Every fragment through GET /api/v1/customers: the drawn customer must be on the page where the order puts it
#     (a customer the lookup cannot return is a miss), and the total must be the truth, or, when the truth is above
#     the cap, the answer must say "more than" (totalExact false). Misses and wrong totals make the script fail.
#  4. The same fragments cycled by wrk (first page of 25, as one types; the kinds take turns, so that a run that does
#     not go round the whole cycle still asks each kind in its share), 1 then 4 connections: p50 / p99, and the CPU
#     per lookup of the JVM and PostgreSQL from /proc.
#  5. Each fragment's first page timed alone (LATENCY_ROUNDS, default 1), grouped by kind and by number of matches,
#     with the slowest fragments: where the tail comes from.
# SEED_ONLY=1 stops after seeding. REUSE=1 keeps a data directory seeded by an earlier run with the same COUNT, SIDE_ORGS and SIDE_COUNT.
source "$(dirname "$0")/lib.sh"
COUNT=${COUNT:-1000000}; SIDE_ORGS=${SIDE_ORGS:-10}; SIDE_COUNT=${SIDE_COUNT:-100000}; PER_KIND=${PER_KIND:-500}
CAP=1000   # Customers.COUNT_CAP
LATENCY_ROUNDS=${LATENCY_ROUNDS:-1}
build
DATA="$WORK/customers-data"
SEEDED="$DATA/seeded-$COUNT-$SIDE_ORGS-$SIDE_COUNT"
[ "${REUSE:-0}" = 1 ] && [ -f "$SEEDED" ] || rm -rf "$DATA"
FRESH=$([ -f "$SEEDED" ] && echo 0 || echo 1)
start_console "$DATA"
EMAIL=owner@bench.test; PASSWORD=bench-owner-password
[ "$FRESH" = 1 ] && create_owner "$EMAIL" "$PASSWORD"
OWNER=$(curl -fs -u "$EMAIL:$PASSWORD" -d grant_type=client_credentials "$BASE/api/v1/oauth/token" | json "['access_token']")
ORG=$(curl -fs -H "Authorization: Bearer $OWNER" "$BASE/api/v1/me" | json "['organizationId']")
PGPORT=$(postgres_port "$DATA")
PSQL="psql -q -X -v ON_ERROR_STOP=1 -h 127.0.0.1 -p $PGPORT -U postgres postgres"

# seed ORG FROM N: N customers numbered FROM.. in ORG. Names from syllables (about 900 first names and 10,000 last
# names), e-mail addresses made of them on 20 domains, mobile numbers spread over the whole range: a spread of values
# like real customers', not one pattern repeated.
seed() {
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
    FROM generate_series($2, $2 + $3 - 1) AS n),
named AS (
    SELECT n, h1, h2,
           initcap(a[1 + abs(h1) % 30] || b[1 + abs(h1 / 30) % 30]) AS first_name,
           initcap(a[1 + abs(h2) % 30] || b[1 + abs(h2 / 30) % 30] || c[1 + abs(h2 / 900) % 12]) AS last_name,
           d[1 + abs(h1 / 900) % 20] AS domain
    FROM numbered, syllables)
INSERT INTO customer (id, organization_id, first_name, last_name, email, country_code, phone)
SELECT gen_random_uuid(), '$1', first_name, last_name,
       lower(first_name) || '.' || lower(last_name) || n || '@' || domain || '.test',
       '+44', '7' || lpad((abs(h1 # h2) % 1000000000)::text, 9, '0')
FROM named;
SQL
}

if [ "$FRESH" = 1 ]; then
  SEED_START=$(date +%s)
  OPERATOR=$(operator_token)
  seed "$ORG" 1 "$COUNT"
  for i in $(seq 1 "$SIDE_ORGS"); do
    SIDE=$(curl -fs -H "Authorization: Bearer $OPERATOR" -H 'Content-Type: application/json' \
      -d "{\"name\":\"Side $i\",\"owner\":{\"firstName\":\"Side\",\"lastName\":\"Owner\",\"email\":\"side$i@bench.test\"}}" \
      "$BASE/api/v1/organizations" | json "['id']")
    seed "$SIDE" $(( COUNT + i * SIDE_COUNT )) "$SIDE_COUNT"
  done
  $PSQL -c "VACUUM ANALYZE customer"
  touch "$SEEDED"
  echo "seeded $COUNT customers and $SIDE_ORGS x $SIDE_COUNT beside them in $(( $(date +%s) - SEED_START )) s"
fi
# A reused data directory may just have been migrated: a migration that rewrites the table (a new stored column)
# leaves its visibility map empty, and no autovacuum follows a rewrite, so index-only scans would read every row.
[ "$FRESH" = 0 ] && $PSQL -c "VACUUM ANALYZE customer"
[ "${SEED_ONLY:-0}" = 1 ] && { stop_console; exit 0; }

# The fragments, drawn from PER_KIND real rows each, and their ground truth: ILIKE on the four columns of a copy
# of the organisation's customers, the drawn customer's rank being its place among the matches in the lookup's
# default order. The copy has trigram indexes of its own on the plain columns (ILIKE, not the lookup's lower(...)
# LIKE), rechecked by PostgreSQL, so the truth is exact; a plain scan of every row would take hours at a million
# for 2,000 fragments, so the first TRUTH_SCAN (default 40) fragments are counted both ways and must agree.
TRUTH_START=$(date +%s)
# A phone typed with spaces, dashes, brackets or a leading + also finds the phones holding its digits (NULL: the
# text is not such a number, or is plain digits).
digits_sql() { echo "CASE WHEN $1 ~ '^\\+?[0-9 ()-]+\$' AND $1 ~ '[^0-9]' AND $1 ~ '[0-9]'
                  THEN '%' || regexp_replace($1, '[^0-9]', '', 'g') || '%' END"; }
FRAGMENTS=fragments-v2.tsv   # v2: with phone-typed; a data directory's earlier fragments are drawn again
if [ "$FRESH" = 0 ] && [ -s "$DATA/$FRAGMENTS" ]; then
  cp "$DATA/$FRAGMENTS" "$WORK/fragments.tsv"   # the same data as when they were drawn: the same truth
else
$PSQL -At -F $'\t' > "$WORK/fragments.tsv" <<SQL
DROP TABLE IF EXISTS bench_truth;
CREATE UNLOGGED TABLE bench_truth AS
SELECT id, first_name, last_name, email, phone FROM customer WHERE organization_id = '$ORG';
CREATE INDEX ON bench_truth USING gin (first_name gin_trgm_ops);
CREATE INDEX ON bench_truth USING gin (last_name gin_trgm_ops);
CREATE INDEX ON bench_truth USING gin (email gin_trgm_ops);
CREATE INDEX ON bench_truth USING gin (phone gin_trgm_ops);
ANALYZE bench_truth;
SELECT setseed(0.42) \\g /dev/null
CREATE TEMP TABLE drawn AS
SELECT k.kind, k.ord, c.id, lower(c.last_name) AS l, lower(c.first_name) AS f,
       CASE k.kind
         WHEN 'phone' THEN substr(c.phone, 1 + (c.h % 5), 6)
         WHEN 'name' THEN CASE WHEN c.h % 2 = 0 THEN substr(c.last_name, 1 + c.h % 3, 3 + c.h % 3)
                               ELSE substr(c.first_name, 1 + c.h % 2, 3 + c.h % 2) END
         WHEN 'email-start' THEN substr(c.email, 1, 3 + c.h % 8)
         WHEN 'phone-typed' THEN substr(c.phone, 1 + c.h % 4, 3) || CASE c.h % 2 WHEN 0 THEN ' ' ELSE '-' END
                                 || substr(c.phone, 4 + c.h % 4, 4)
         ELSE c.email END AS q
FROM (VALUES ('phone', 0), ('name', 1), ('email-start', 2), ('email', 3), ('phone-typed', 4)) AS k (kind, ord)
CROSS JOIN LATERAL (
    SELECT id, first_name, last_name, email, phone, abs(hashtext(id::text || k.kind)) AS h
    FROM bench_truth ORDER BY random() LIMIT $PER_KIND) c;
CREATE TEMP TABLE truth AS
SELECT d.kind, d.ord, d.q, d.id, t.total, t.rank
FROM drawn d
CROSS JOIN LATERAL (SELECT '%' || replace(replace(replace(d.q, '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%'
                    AS pattern, $(digits_sql d.q) AS digits) p
CROSS JOIN LATERAL (
    SELECT count(*) AS total,
           count(*) FILTER (WHERE (lower(c.last_name), lower(c.first_name), c.id) < (d.l, d.f, d.id)) AS rank
    FROM bench_truth c
    WHERE c.first_name ILIKE p.pattern OR c.last_name ILIKE p.pattern OR c.email ILIKE p.pattern
          OR c.phone ILIKE p.pattern OR c.phone LIKE p.digits) t;
-- the cross-check: the same counts from a plain scan of the customer table
SET enable_indexscan = off; SET enable_bitmapscan = off; SET enable_indexonlyscan = off;
SELECT count(*) AS disagreements FROM (SELECT * FROM truth ORDER BY id LIMIT ${TRUTH_SCAN:-40}) t
CROSS JOIN LATERAL (SELECT '%' || replace(replace(replace(t.q, '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%'
                    AS pattern, $(digits_sql t.q) AS digits) p
WHERE t.total <> (SELECT count(*) FROM customer c WHERE c.organization_id = '$ORG'
                    AND (c.first_name ILIKE p.pattern OR c.last_name ILIKE p.pattern OR c.email ILIKE p.pattern
                         OR c.phone ILIKE p.pattern OR c.phone LIKE p.digits)) \\g $WORK/truth-disagreements
SELECT kind, q, id, total, rank FROM truth ORDER BY ord, id;
DROP TABLE bench_truth;
SQL
DISAGREE=$(tail -1 "$WORK/truth-disagreements")
echo "ground truth cross-checked by a plain scan for ${TRUTH_SCAN:-40} fragments: $DISAGREE disagreements"
[ "$DISAGREE" = 0 ] || exit 1
cp "$WORK/fragments.tsv" "$DATA/$FRAGMENTS"
fi
echo "ground truth for $(wc -l < "$WORK/fragments.tsv") fragments in $(( $(date +%s) - TRUTH_START )) s"

# Every fragment through the API, checked against its truth; then the wrk script that cycles them.
CHECK=0
python3 "$BENCH_DIR/customers_check.py" "$WORK/fragments.tsv" "$BASE" "$OWNER" "$CAP" "$WORK/lookup.lua" \
  | tee "$WORK/check.txt" || CHECK=$?
SUMMARY="$(grep '^answers checked' "$WORK/check.txt")"

wrk -t1 -c4 -d${WARMUP:-20s} -H "Authorization: Bearer $OWNER" -s "$WORK/lookup.lua" "$BASE" > /dev/null
# one person typing (1 connection), then several at once (4 connections)
JVM=$CONSOLE_PID
for c in 1 4; do
  PG_PIDS=$(postgres_pids "$DATA/postgres" | tr '\n' ' ')
  CPU_BEFORE=$(cpu_seconds $JVM); PG_BEFORE=$(cpu_seconds $PG_PIDS)
  OUT=$(wrk -t1 -c$c -d${DURATION:-20s} --latency -H "Authorization: Bearer $OWNER" -s "$WORK/lookup.lua" "$BASE")
  PG_PIDS=$(postgres_pids "$DATA/postgres" | tr '\n' ' ')
  CPU_AFTER=$(cpu_seconds $JVM); PG_AFTER=$(cpu_seconds $PG_PIDS)
  REQUESTS=$(echo "$OUT" | awk '/requests in/ {print $1}')
  echo "lookup at $COUNT customers (+ $SIDE_ORGS x $SIDE_COUNT beside), $c connection(s):"
  echo "$OUT" | grep -E "Requests/sec|50%|90%|99%|Non-2xx"
  SUMMARY="$SUMMARY
$c connection(s): p50 $(echo "$OUT" | awk '$1 == "50%" {print $2}'), p90 $(echo "$OUT" | awk '$1 == "90%" {print $2}'), p99 $(echo "$OUT" | awk '$1 == "99%" {print $2}'), $(echo "$OUT" | awk '/^Requests\/sec/ {print $2}') lookups/s"
  echo "  CPU per lookup: JVM $(echo "scale=2; ($CPU_AFTER - $CPU_BEFORE) * 1000 / $REQUESTS" | bc) ms," \
       "PostgreSQL $(echo "scale=2; ($PG_AFTER - $PG_BEFORE) * 1000 / $REQUESTS" | bc) ms" \
       "(PostgreSQL backends started during the run are not counted)"
done
# where the time goes: each fragment's first page alone, grouped by kind and by its number of matches
echo "latency per fragment, one connection, first page of 25, $LATENCY_ROUNDS round(s):"
python3 "$BENCH_DIR/customers_latency.py" "$WORK/fragments.tsv" "$BASE" "$OWNER" "$LATENCY_ROUNDS"
stop_console
echo "summary:"; echo "$SUMMARY"
exit $CHECK
