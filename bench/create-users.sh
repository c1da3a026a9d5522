#!/usr/bin/env bash
# Users created per second through the Management API (POST /api/v1/users as an Owner; each request validates,
# checks e-mail uniqueness, writes the user, an activation link, an outbox mail and an audit entry in one transaction).
source "$(dirname "$0")/lib.sh"
build
DATA="$WORK/users-data"; rm -rf "$DATA"
start_console "$DATA"
EMAIL=owner@bench.test; PASSWORD=bench-owner-password
create_owner "$EMAIL" "$PASSWORD"
export TOKEN=$(curl -fs -u "$EMAIL:$PASSWORD" -d grant_type=client_credentials "$BASE/api/v1/oauth/token" | json "['access_token']")
wrk -t2 -c16 -d${WARMUP:-30s} -s "$BENCH_DIR/create-users.lua" "$BASE" > /dev/null   # warm-up: let the JIT finish
wrk -t2 -c${CONNECTIONS:-16} -d${DURATION:-20s} --latency -s "$BENCH_DIR/create-users.lua" "$BASE"
COUNT=$(curl -fs -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/users?size=1" | json "['total']")
stop_console
echo "users in the organisation after the run: $COUNT"
