#!/usr/bin/env bash
# SIM transfer of 1,000,000 SIMs: the operator imports the stock into an organisation, then the Owner moves all of it
# to a sub-organisation in one range and takes it back in RANGES ranges (a FIRST;LAST file), each all-or-nothing.
# Reports the seconds of each preview and each transfer, as the client sees them, and the CPU seconds the JVM and
# PostgreSQL spent on each. After each transfer psql checks the database itself (the ground truth) against the ranges:
# the destination holds exactly the SIMs the source held in them (count, lowest and highest ICCID, a checksum of the
# ICCIDs), the source holds none of them any more, its other SIMs stay, each organisation's counter equals its
# count(*), every SIM has its search copy, and the preview announced the real count. Any difference prints a
# non-zero "misses" line and the script exits 1. Needs psql (postgresql-client).
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

# Where the sub-organisation's id sorts against the parent's decides whether each moved SIM's key entry is appended
# at the end of the primary key or inserted before the parent's (a descent from the root each): say which.
echo "the sub-organisation's id sorts $([[ "$SUB" > "$PARENT" ]] && echo after || echo before) the parent's"
PG_PIDS=$(postgres_pids "$DATA/postgres" | tr '\n' ' ')
PGPORT=$(postgres_port "$DATA")
sql() { psql -h 127.0.0.1 -p "$PGPORT" -U postgres postgres -At -F' ' -c "$1"; }
# cpu_now: the JVM's and PostgreSQL's CPU seconds so far (the pool's connections are PostgreSQL's children).
cpu_now() { echo "$(cpu_seconds "$CONSOLE_PID") $(cpu_seconds $(postgres_pids "$DATA/postgres"))"; }
cpu_since() { # JVM0 PG0: the CPU seconds spent since
  local now; now=$(cpu_now)
  echo "CPU JVM $(echo "${now% *} - $1" | bc) s, PostgreSQL $(echo "${now#* } - $2" | bc) s"
}

CPU0=$(cpu_now)
IMPORT_START=$(date +%s%N)
for f in "$FILES"/stock-*.csv; do
  curl -fs -H "Authorization: Bearer $OP" -H 'Content-Type: text/csv' --data-binary "@$f" \
    "$BASE/api/v1/organizations/$PARENT/sims/import" > /dev/null
done
echo "imported $COUNT SIMs in $(echo "scale=1; ($(date +%s%N) - $IMPORT_START) / 1000000000" | bc) s; $(cpu_since $CPU0)"

# transfer FILE FROM TO DRYRUN: prints seconds, the SIM count the answer gives and the CPU spent; the count is
# also left in TOTAL
transfer() {
  local out cpu
  cpu=$(cpu_now)
  out=$(curl -fs -w ' %{time_total}' -H "Authorization: Bearer $OWNER" -H 'Content-Type: text/plain' \
    --data-binary "@$1" "$BASE/api/v1/sim-transfers?dryRun=$4&fromOrganizationId=$2&toOrganizationId=$3")
  TOTAL=$(echo "${out% *}" | json "['total']")
  echo "$(echo "$out" | awk '{print $NF}') s, $TOTAL SIMs; $(cpu_since $cpu)"
}

# The ranges of a FIRST;LAST file as SQL, and the fingerprint of an organisation's SIMs in them: count, lowest and
# highest ICCID, and the sum of the ICCIDs' hashes, an index range scan per range (the bench's ranges do not overlap).
ranges_sql() { awk -F';' '{gsub(/[" \r]/, ""); printf "%s(\x27%s\x27,\x27%s\x27)", (NR > 1 ? "," : ""), $1, $2}' "$1"; }
fingerprint() { # ORG FILE
  sql "SELECT coalesce(sum(n), 0), coalesce(min(lo), '-'), coalesce(max(hi), '-'), coalesce(sum(h), 0)
       FROM (VALUES $(ranges_sql "$2")) r(f, l), LATERAL (SELECT count(*) AS n, min(iccid) AS lo, max(iccid) AS hi,
       sum(hashtext(iccid)::bigint) AS h FROM sim_card WHERE organization_id = '$1' AND iccid_length = length(r.f)
       AND iccid BETWEEN r.f AND r.l) x"
}
# all the SIMs of an organisation: count and checksum
everything() { sql "SELECT count(*), coalesce(sum(hashtext(iccid)::bigint), 0) FROM sim_card WHERE organization_id = '$1'"; }
MISSES_TOTAL=0
miss() { # WHAT EXPECTED ACTUAL
  if [ "$2" = "$3" ]; then echo "  misses: 0  ($1: $3)"; else
    echo "  misses: 1  ($1: expected $2, found $3)"; MISSES_TOTAL=$((MISSES_TOTAL + 1)); fi
}
# checked_transfer LABEL FILE FROM TO: preview, transfer, then the database's own answer
checked_transfer() {
  local label=$1 file=$2 from=$3 to=$4 moving preview n_from h_from n_to h_to n_moving h_moving
  moving=$(fingerprint "$from" "$file")
  read -r n_from h_from <<< "$(everything "$from")"
  read -r n_to h_to <<< "$(everything "$to")"
  read -r n_moving _ _ h_moving <<< "$moving"
  miss "SIMs of the destination in the ranges before" "0 - - 0" "$(fingerprint "$to" "$file")"
  transfer "$file" "$from" "$to" true > "$WORK/answer"   # not in a subshell: TOTAL is wanted here
  echo "preview, $label:  $(cat "$WORK/answer")"; preview=$TOTAL
  transfer "$file" "$from" "$to" false > "$WORK/answer"
  echo "transfer, $label: $(cat "$WORK/answer")"
  miss "preview's total = SIMs the source held in the ranges" "$n_moving" "$preview"
  miss "transfer's total = SIMs the source held in the ranges" "$n_moving" "$TOTAL"
  miss "destination's SIMs in the ranges (count min max checksum)" "$moving" "$(fingerprint "$to" "$file")"
  miss "source's SIMs left in the ranges" "0 - - 0" "$(fingerprint "$from" "$file")"
  miss "source's SIMs in all (count checksum)" "$((n_from - n_moving)) $((h_from - h_moving))" "$(everything "$from")"
  miss "destination's SIMs in all (count checksum)" "$((n_to + n_moving)) $((h_to + h_moving))" "$(everything "$to")"
  miss "organisations whose counter differs from count(*)" "0" "$(sql "SELECT count(*) FROM sim_count c FULL JOIN
       (SELECT organization_id, count(*) AS n FROM sim_card GROUP BY organization_id) s USING (organization_id)
       WHERE coalesce(c.sims, 0) <> coalesce(s.n, 0)")"
  if [ "$(sql "SELECT to_regclass('sim_search') IS NOT NULL")" = t ]; then
    miss "SIMs without their search copy, or copies that differ" "0" "$(sql "SELECT count(*) FROM sim_card s
         FULL JOIN sim_search c USING (iccid) WHERE s.iccid IS NULL OR c.iccid IS NULL
         OR (s.imsi, s.msisdn, s.label) IS DISTINCT FROM (c.imsi, c.msisdn, c.label)")"
  fi
}
# Stock is imported long before it is transferred: let autovacuum visit the new rows first, as it would have.
for _ in $(seq 1 120); do
  done_=$(sql "SELECT last_autovacuum IS NOT NULL AND last_autoanalyze IS NOT NULL FROM pg_stat_user_tables
               WHERE relname = 'sim_card'")
  [ "$done_" = "t" ] && break
  sleep 1
done
echo "autovacuum has visited sim_card: $done_"
# ... and let it finish its work on every table (sim_search's trigram indexes take longest), so that a transfer is
# timed on a quiet database, as transfers far apart from an import and from each other are
quiet() {
  local waited=0
  while [ "$(sql "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'")" != 0 ] \
      && [ "$waited" -lt 300 ]; do
    sleep 1; waited=$((waited + 1))
  done
  echo "autovacuum idle after waiting $waited s"
}
# a first small transfer warms the code path up; it is not counted
head -1 "$FILES/ranges.txt" > "$FILES/warm.txt"
transfer "$FILES/warm.txt" "$PARENT" "$SUB" false > /dev/null
transfer "$FILES/warm.txt" "$SUB" "$PARENT" false > /dev/null
quiet
checked_transfer "1 range, parent -> sub" "$FILES/all.txt" "$PARENT" "$SUB"
quiet
checked_transfer "$RANGES ranges, sub -> parent" "$FILES/ranges.txt" "$SUB" "$PARENT"
stop_console
echo "misses in all: $MISSES_TOTAL"
[ "$MISSES_TOTAL" -eq 0 ]
