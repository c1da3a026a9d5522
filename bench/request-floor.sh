#!/usr/bin/env bash
# What one request costs on this machine before any work of its own: the console's cheapest answers under the same
# load as sims-list.sh (CONNECTIONS, default 32, for DURATION after WARMUP, default 15 s, of the same requests), each with the CPU per request of
# the JVM and of PostgreSQL:
#   static   GET /js/sim-select.js (1.2 KB): Tomcat, the security filter chain and a static resource; no database
#   refused  GET /api/v1/sims without a token: the security chain answers 401; no database
#   me       GET /api/v1/me with the Owner's bearer token: the token checked in the database, a small JSON answer
# No rate an API request can reach here is above these: a page of SIMs adds its own query and 50 rows of JSON to "me".
# Each answer is checked (status and body) before the load, and wrk's non-2xx count must match what is expected.
source "$(dirname "$0")/lib.sh"
DURATION=${DURATION:-15s}; WARMUP=${WARMUP:-15s}; CONNECTIONS=${CONNECTIONS:-32}
build
DATA="$WORK/floor-data"; rm -rf "$DATA"
start_console "$DATA"
EMAIL=owner@bench.test; PASSWORD=bench-owner-password
create_owner "$EMAIL" "$PASSWORD"
OWNER=$(curl -fs -u "$EMAIL:$PASSWORD" -d grant_type=client_credentials "$BASE/api/v1/oauth/token" | json "['access_token']")

# the answers first: a fast wrong answer proves nothing
FAILED=0
expect() { # LABEL STATUS GREP -- CURL_ARGS...
  local label=$1 status=$2 pattern=$3; shift 4
  local got body
  body=$(curl -s -w '\n%{http_code}' "$@")
  got=$(echo "$body" | tail -1)
  if [ "$got" = "$status" ] && echo "$body" | head -n -1 | grep -q -- "$pattern"; then
    echo "answer $label: $got, as expected"
  else
    echo "answer $label: expected $status with '$pattern', got $got"; FAILED=1
  fi
}
expect static 200 "function" -- "$BASE/js/sim-select.js"
expect refused 401 '"status":401' -- "$BASE/api/v1/sims"
expect me 200 "\"login\":\"$EMAIL\"" -- -H "Authorization: Bearer $OWNER" "$BASE/api/v1/me"
[ "$FAILED" = 0 ] || exit 1

rm -f "$WORK/summary.txt"
run() { # LABEL EXPECTED_NON_2XX(yes|no) -- WRK_ARGS...
  local label=$1 non2xx=$2; shift 3
  wrk -t2 -c"$CONNECTIONS" -d"$WARMUP" "$@" > /dev/null
  measure "$label" "$DATA" -- -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "$@"
  if grep -q "Non-2xx" "$WORK/wrk-$label.txt"; then found=yes; else found=no; fi
  if [ "$found" != "$non2xx" ]; then echo "  $label: non-2xx answers: expected $non2xx, found $found"; FAILED=1; fi
}
run static no -- "$BASE/js/sim-select.js"
run refused yes -- "$BASE/api/v1/sims"
echo "wrk.headers['Authorization'] = 'Bearer $OWNER'" > "$WORK/bearer.lua"
run me no -- -s "$WORK/bearer.lua" "$BASE/api/v1/me"
exit "$FAILED"
