#!/usr/bin/env bash
# Management API GET /api/v1/sims (a page of 50) under concurrent load on loopback: an organisation with SIMS SIMs,
# its Owner's bearer token, CONNECTIONS connections for DURATION after a warm-up. The console as of OLD_REF and the
# current one run one after the other in the same script run (VARIANTS="old new"; "new" alone skips the old one).
# For each: requests/s, p99 and the CPU per request of the JVM and of PostgreSQL.
# Before the load, the answers are checked: walking the list page by page (default order, and sorted by MSISDN
# descending) must give every SIM of the organisation exactly once, in the order SQL gives, and the total must equal
# count(*) in the database. Any miss is printed and the script exits non-zero.
source "$(dirname "$0")/lib.sh"
SIMS=${SIMS:-10000}
VARIANTS=${VARIANTS:-old new}
build
case " $VARIANTS " in *" old "*) build_old ;; esac
FILES="$WORK/sims-files"; rm -rf "$FILES"
python3 "$BENCH_DIR/sim_stock.py" "$FILES" "$SIMS" 15000 1
rm -f "$WORK/summary.txt"
MISSES=0
for variant in $VARIANTS; do
  use_variant "$variant"
  DATA="$WORK/sims-data-$variant"; rm -rf "$DATA"
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
  PSQL="psql -qAt -h 127.0.0.1 -p $(postgres_port "$DATA") -U postgres postgres"
  # The answers: the API's pages against SQL's order and count.
  $PSQL -c "SELECT iccid FROM sim_card WHERE organization_id = '$ORG' ORDER BY length(iccid), iccid" > "$WORK/sql-default.txt"
  $PSQL -c "SELECT iccid FROM sim_card WHERE organization_id = '$ORG' ORDER BY msisdn DESC, length(iccid), iccid" > "$WORK/sql-msisdn-desc.txt"
  SQL_COUNT=$($PSQL -c "SELECT count(*) FROM sim_card WHERE organization_id = '$ORG'")
  set +e
  BASE=$BASE TOKEN=$OWNER SQL_COUNT=$SQL_COUNT WORK=$WORK python3 - "$variant" <<'PY'
import json, os, sys, urllib.request
base, token, work = os.environ["BASE"], os.environ["TOKEN"], os.environ["WORK"]
sql_count = int(os.environ["SQL_COUNT"])
misses = 0
for name, sort in (("default", ""), ("msisdn-desc", "&sort=-msisdn")):
    expected = open(f"{work}/sql-{name}.txt").read().split()
    got, page, totals = [], 0, set()
    while True:
        req = urllib.request.Request(f"{base}/api/v1/sims?size=50&page={page}{sort}",
                                     headers={"Authorization": "Bearer " + token})
        body = json.load(urllib.request.urlopen(req))
        totals.add(body["total"])
        if not body["items"]:
            break
        got += [item["iccid"] for item in body["items"]]
        page += 1
    problems = []
    if totals != {sql_count}:
        problems.append(f"total {sorted(totals)} but count(*) is {sql_count}")
    if len(got) != len(set(got)):
        problems.append(f"{len(got) - len(set(got))} SIMs listed more than once")
    if set(got) != set(expected):
        problems.append(f"{len(set(expected) - set(got))} SIMs missing, {len(set(got) - set(expected))} foreign")
    if got != expected and not problems:
        first = next(i for i, (a, b) in enumerate(zip(got, expected)) if a != b)
        problems.append(f"out of order from position {first}: {got[first]} where SQL has {expected[first]}")
    print(f"check {name}: {len(got)} SIMs in {page} pages, count(*) {sql_count}: "
          + ("; ".join(problems) if problems else "all exactly once, in order"))
    misses += len(problems)
sys.exit(1 if misses else 0)
PY
  [ $? -eq 0 ] || MISSES=$((MISSES + 1))
  set -e
  URL="$BASE/api/v1/sims?size=50"
  wrk -t2 -c32 -d${WARMUP:-30s} -H "Authorization: Bearer $OWNER" "$URL" > /dev/null   # warm-up: let the JIT finish
  measure "sims-$variant" "$DATA" -- -t2 -c${CONNECTIONS:-32} -d${DURATION:-20s} --latency \
    -H "Authorization: Bearer $OWNER" "$URL"
  NON2XX=$(grep -o 'Non-2xx or 3xx responses: [0-9]*' "$WORK/wrk-sims-$variant.txt" | grep -o '[0-9]*$' || true)
  if [ -n "$NON2XX" ]; then echo "MISS: $NON2XX non-2xx answers under load"; MISSES=$((MISSES + 1)); fi
  stop_console
done
echo "--- summary (cores: $(nproc); load generator on the same machine)"
cat "$WORK/summary.txt"
if [ "$MISSES" -ne 0 ]; then echo "FAILED: $MISSES check(s) missed"; exit 1; fi
