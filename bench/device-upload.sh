#!/usr/bin/env bash
# Bulk device upload with the heap capped at 256 MB (-Xmx256m), its answer checked against the file:
#  1. a ROWS-row (default 1,000,000) device CSV for one customer through POST /api/v1/customers/{id}/devices/import,
#     timed by the client, the JVM's heap sampled every 200 ms, the CPU of the JVM and of PostgreSQL counted;
#     then psql checks that exactly ROWS devices and the file's locations were written for that customer, and that
#     randomly chosen rows read back as the file has them;
#  2. the same file for a second customer, the client hanging up halfway through sending it: nothing of it may be
#     written, no connection may stay busy or hold a lock, no upload job may stay running and no temporary file may
#     stay behind.
# Prints rows/s, the peak heap, CPU seconds per 1,000 rows; exits non-zero on any difference.
source "$(dirname "$0")/lib.sh"
ROWS=${ROWS:-1000000}; LOCATIONS=${LOCATIONS:-40}; SAMPLES=${SAMPLES:-25}
FAILED=0
fail() { echo "CHECK FAILED: $*" >&2; FAILED=1; }
build
DATA="$WORK/device-upload-data"; rm -rf "$DATA"
UPLOAD_TMP="$WORK/device-upload-tmp"; rm -rf "$UPLOAD_TMP"; mkdir -p "$UPLOAD_TMP"
JAVA_OPTS="-Xmx256m -Djava.io.tmpdir=$UPLOAD_TMP ${JAVA_OPTS:-}" start_console "$DATA"
EMAIL=owner@bench.test; PASSWORD=bench-owner-password
create_owner "$EMAIL" "$PASSWORD"
OWNER=$(curl -fs -u "$EMAIL:$PASSWORD" -d grant_type=client_credentials "$BASE/api/v1/oauth/token" | json "['access_token']")
ORG=$(curl -fs -H "Authorization: Bearer $OWNER" "$BASE/api/v1/me" | json "['organizationId']")
new_customer() {
  curl -fs -H "Authorization: Bearer $OWNER" -H 'Content-Type: application/json' \
    -d "{\"firstName\":\"Upload\",\"lastName\":\"Target\",\"email\":\"$1@bench.test\"}" "$BASE/api/v1/customers" \
    | json "['id']"
}
CUSTOMER=$(new_customer upload)
PGPORT=$(postgres_port "$DATA")
PSQL="psql -q -X -At -h 127.0.0.1 -p $PGPORT -U postgres postgres"

# A file like a real one: LOCATIONS sites with street addresses (quoted, with a comma), devices of a dozen models
# named after where they hang (some names quoted, with a comma or a doubled quote), unique serial numbers, CRLF line
# ends as a spreadsheet writes them. The expected rows of SAMPLES random lines go to a side file for the check.
python3 - "$WORK/devices.csv" "$WORK/devices-expected.txt" "$ROWS" "$LOCATIONS" "$SAMPLES" <<'PY'
import random, sys
path, expected_path, rows, locations, samples = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
rnd = random.Random(20261129)
streets = ["High Street", "Station Road", "Mill Lane", "Church Road", "Park Avenue", "Victoria Road", "Green Lane"]
towns = ["Leeds", "York", "Bath", "Derby", "Hull", "Ely", "Wells", "Truro"]
sites = [("Site %02d %s" % (i, rnd.choice(["Depot", "Office", "Warehouse", "Plant", "Shop"])),
          "%d %s, %s" % (rnd.randint(1, 300), rnd.choice(streets), rnd.choice(towns))) for i in range(locations)]
models = ["TH-200", "TH-210", "GW-1", "GW-2 Pro", "MT-55", "MT-60", "SM-3", "LK-9", "AQ-100", "AQ-110", "PX 7", ""]
rooms = ["Hall", "Kitchen", "Boiler room", "Roof", "Cellar", "Gate", "Office %d", "Bay %d", "Dock %d"]
def cell(v):
    return '"' + v.replace('"', '""') + '"' if (',' in v or '"' in v) else v
picked = set(rnd.sample(range(rows), min(samples, rows)))
with open(path, "w", newline="") as f, open(expected_path, "w") as e:
    f.write("location_name,location_address,device_name,serial_number,model,iccid\r\n")
    for n in range(rows):
        site, address = sites[n % locations]
        room = rnd.choice(rooms)
        room = room % rnd.randint(1, 99) if "%d" in room else room
        kind = n % 50
        name = ("Meter, %s" % room) if kind == 0 else ('Sensor "%s"' % room) if kind == 1 else "Sensor %s %d" % (room, n)
        serial = "SN-%08X-%04d" % (n * 2654435761 % 4294967296, n % 10000)
        model = models[n % len(models)]
        f.write(",".join([cell(site), cell(address), cell(name), serial, model, ""]) + "\r\n")
        if n in picked:
            e.write("|".join([site, address, name, serial, model]) + "\n")
PY
echo "upload file: $(du -m "$WORK/devices.csv" | cut -f1) MB, $ROWS rows, $LOCATIONS locations"

PEAK_FILE="$WORK/heap-peak"; echo 0 > "$PEAK_FILE"
( while kill -0 "$CONSOLE_PID" 2>/dev/null; do
    used=$(jcmd "$CONSOLE_PID" GC.heap_info 2>/dev/null | awk '/garbage-first heap/ {for (i=1;i<=NF;i++) if ($i=="used") print $(i+1)}' | tr -d 'K,')
    [ -n "$used" ] && [ "$used" -gt "$(cat "$PEAK_FILE")" ] && echo "$used" > "$PEAK_FILE"
    sleep 0.2
  done ) &
SAMPLER=$!
PG_PIDS=$(postgres_pids "$DATA/postgres" | tr '\n' ' ')
JVM_CPU0=$(cpu_seconds "$CONSOLE_PID"); PG_CPU0=$(cpu_seconds $PG_PIDS)
OUT=$(curl -s -w ' %{http_code} %{time_total}' -H "Authorization: Bearer $OWNER" -H 'Content-Type: text/csv' \
  --data-binary "@$WORK/devices.csv" "$BASE/api/v1/customers/$CUSTOMER/devices/import")
JVM_CPU=$(echo "$(cpu_seconds "$CONSOLE_PID") - $JVM_CPU0" | bc); PG_CPU=$(echo "$(cpu_seconds $PG_PIDS) - $PG_CPU0" | bc)
kill $SAMPLER 2>/dev/null || true; wait $SAMPLER 2>/dev/null || true
SECONDS_TAKEN=$(echo "$OUT" | awk '{print $NF}'); STATUS=$(echo "$OUT" | awk '{print $(NF-1)}')
echo "upload answer ($STATUS): $(echo "$OUT" | head -c 200)"
[ "$STATUS" = 200 ] || fail "the upload answered $STATUS"
echo "upload: $ROWS rows in $SECONDS_TAKEN s = $(echo "$ROWS / $SECONDS_TAKEN" | bc) rows/s"
echo "peak heap used during the run (-Xmx256m): $(( $(cat "$PEAK_FILE") / 1024 )) MB"
echo "CPU per 1,000 rows: JVM $(echo "scale=4; $JVM_CPU * 1000 / $ROWS" | bc) s, PostgreSQL $(echo "scale=4; $PG_CPU * 1000 / $ROWS" | bc) s (JVM $JVM_CPU s, PostgreSQL $PG_CPU s in all)"

# Ground truth: the file's counts and sampled rows, against what the database holds for this customer.
WRITTEN=$($PSQL -c "SELECT count(*) FROM device WHERE organization_id = '$ORG' AND customer_id = '$CUSTOMER'")
[ "$WRITTEN" = "$ROWS" ] || fail "$WRITTEN devices written, the file has $ROWS"
PLACES=$($PSQL -c "SELECT count(DISTINCT d.location_id) FROM device d WHERE d.organization_id = '$ORG' AND d.customer_id = '$CUSTOMER'")
SITES=$($PSQL -c "SELECT count(*) FROM customer_location WHERE customer_id = '$CUSTOMER'")
EXPECTED_SITES=$(( ROWS < LOCATIONS ? ROWS : LOCATIONS ))
[ "$PLACES" = "$EXPECTED_SITES" ] && [ "$SITES" = "$EXPECTED_SITES" ] \
  || fail "devices in $PLACES locations, $SITES locations made; the file has $EXPECTED_SITES"
MISMATCH=0
while IFS= read -r want; do
  serial=$(echo "$want" | cut -d'|' -f4)
  got=$($PSQL -F'|' -c "SELECT l.name, l.address, d.name, d.serial_number, coalesce(d.model, '')
      FROM device d JOIN customer_location l ON l.id = d.location_id
      WHERE d.organization_id = '$ORG' AND d.customer_id = '$CUSTOMER' AND d.serial_number = '$serial'" < /dev/null)
  [ "$got" = "$want" ] || { MISMATCH=$((MISMATCH + 1)); echo "  file: $want" >&2; echo "  read: $got" >&2; }
done < "$WORK/devices-expected.txt"
[ "$MISMATCH" = 0 ] || fail "$MISMATCH of $(wc -l < "$WORK/devices-expected.txt") sampled rows read back differently"
echo "checked: $WRITTEN devices, $SITES locations, $(wc -l < "$WORK/devices-expected.txt") sampled rows as in the file"

# The same file for another customer, the client hanging up about halfway through sending it.
HALF=$(new_customer halfway)
SIZE=$(stat -c %s "$WORK/devices.csv")
curl -s -o /dev/null --limit-rate $(( SIZE / 4 )) --max-time 2 -H "Authorization: Bearer $OWNER" \
  -H 'Content-Type: text/csv' --data-binary "@$WORK/devices.csv" "$BASE/api/v1/customers/$HALF/devices/import" \
  && fail "the upload meant to be cut off finished"
# Released: no statement of the console running or a transaction left open, no lock held, within 30 s.
BUSY=1
for _ in $(seq 1 300); do
  BUSY=$($PSQL -c "SELECT count(*) FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND backend_type = 'client backend'
      AND (state IN ('active', 'idle in transaction', 'idle in transaction (aborted)')
           OR pid IN (SELECT pid FROM pg_locks WHERE locktype <> 'virtualxid' AND pid IS NOT NULL))")
  [ "$BUSY" = 0 ] && break
  sleep 0.1
done
[ "$BUSY" = 0 ] || fail "$BUSY connections still busy after the client hung up"
HALF_DEVICES=$($PSQL -c "SELECT count(*) FROM device WHERE customer_id = '$HALF'")
HALF_SITES=$($PSQL -c "SELECT count(*) FROM customer_location WHERE customer_id = '$HALF'")
[ "$HALF_DEVICES" = 0 ] && [ "$HALF_SITES" = 0 ] \
  || fail "the cut-off upload left $HALF_DEVICES devices and $HALF_SITES locations"
RUNNING=$($PSQL -c "SELECT count(*) FROM upload_job WHERE status = 'RUNNING'")
[ "$RUNNING" = 0 ] || fail "$RUNNING upload jobs still running"
LEFT=$(find "$UPLOAD_TMP" -type f \( -name '*upload*' -o -name '*.csv' -o -name '*.tmp' \) | wc -l)
[ "$LEFT" = 0 ] || fail "$LEFT temporary files left in $UPLOAD_TMP"
curl -fs "$BASE/actuator/health" | grep -q '"UP"' || fail "the console is not healthy after the hang-up"
echo "cut-off upload: nothing written, no connection busy, no job running, no temporary file left"
stop_console
[ "$FAILED" = 0 ] && echo "all checks passed" || { echo "some checks FAILED" >&2; exit 1; }
