#!/usr/bin/env bash
# The floor under a transfer of COUNT (default 1,000,000) SIMs: the transfer's own UPDATE statement (unlabelled SIMs:
# the statement that clears labels first finds none), run from psql on
# the console's embedded database without the console in the way, inside a transaction that is rolled back (then a
# VACUUM and a CHECKPOINT, so that each run starts alike). The SIMs are written straight into sim_card by SQL; the
# statement moves them to an organisation whose id sorts after the source's ("after") and to one whose id sorts
# before it ("before"), ROUNDS times each (default 2), alternating. Prints the statement's time, its buffer hits and
# its WAL, and checks that it moved exactly COUNT rows each time (exit 1 otherwise).
source "$(dirname "$0")/lib.sh"
COUNT=${COUNT:-1000000}; ROUNDS=${ROUNDS:-2}
build
DATA="$WORK/transfer-floor-data"; rm -rf "$DATA"
start_console "$DATA"
PSQL="psql -qAt -X -v ON_ERROR_STOP=1 -h 127.0.0.1 -p $(postgres_port "$DATA") -U postgres postgres"
SOURCE=80000000-0000-4000-8000-000000000000
$PSQL <<SQL
INSERT INTO organization (id, account_number, name, status) VALUES
  ('$SOURCE', 'FLOOR001', 'Floor source', 'ACTIVE'),
  ('00000000-0000-4000-8000-000000000001', 'FLOOR002', 'Floor before', 'ACTIVE'),
  ('ffffffff-0000-4000-8000-000000000001', 'FLOOR003', 'Floor after', 'ACTIVE');
INSERT INTO sim_card (organization_id, iccid, imsi, msisdn)
SELECT '$SOURCE', (8944000000000000000 + g)::text, (214070000000000 + g)::text, (34600000000 + g)::text
FROM generate_series(1, $COUNT) g;
VACUUM ANALYZE sim_card;
CHECKPOINT;
SQL
LAST=$((8944000000000000000 + COUNT))
FAILED=0
for round in $(seq 1 "$ROUNDS"); do
  for to in ffffffff-0000-4000-8000-000000000001 00000000-0000-4000-8000-000000000001; do
    where=$([ "${to:0:1}" = f ] && echo after || echo before)
    out=$($PSQL <<SQL
BEGIN;
EXPLAIN (ANALYZE, BUFFERS, WAL, COSTS OFF, FORMAT JSON)
UPDATE sim_card SET organization_id = '$to', group_id = NULL
WHERE organization_id = '$SOURCE' AND iccid_length = 19 AND iccid BETWEEN '8944000000000000000' AND '$LAST';
SELECT count(*) FROM sim_card WHERE organization_id = '$to';
ROLLBACK;
VACUUM sim_card;
CHECKPOINT;
SQL
)
    moved=$(echo "$out" | tail -1)
    echo "$out" | head -n -1 | python3 -c "
import json, sys
plan = json.loads(sys.stdin.read())[0]
top = plan['Plan']
print(f'round $round, destination sorts $where the source: {plan[\"Execution Time\"] / 1000:6.2f} s,'
      f' buffer hits {top[\"Shared Hit Blocks\"]:>10,}, WAL {top[\"WAL Bytes\"] / 1048576:5.0f} MB,'
      f' rows moved $moved')"
    if [ "$moved" != "$COUNT" ]; then echo "  misses: expected $COUNT rows moved, found $moved"; FAILED=1; fi
  done
done
exit "$FAILED"
