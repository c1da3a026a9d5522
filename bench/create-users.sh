#!/usr/bin/env bash
# Users created per second through the Management API (POST /api/v1/users as an Owner; each request validates,
# writes the user, an activation link, an outbox mail and an audit entry in one transaction). The console as of
# OLD_REF and the current one run one after the other in the same script run (VARIANTS="old new").
# Afterwards the database must hold exactly as many users, activation links, queued mails and audit entries as wrk
# counted 201 answers (warm-up and measured run), and no other answer may have occurred; any miss is printed and the
# script exits non-zero. The rate is taken from the database (users created over the span of their creation times);
# the CPU per created user counts all CPU of the measured run, including its short tail of GET /api/v1/me.
# WARMUP and DURATION are whole seconds here.
source "$(dirname "$0")/lib.sh"
VARIANTS=${VARIANTS:-old new}
build
case " $VARIANTS " in *" old "*) build_old ;; esac
rm -f "$WORK/summary.txt"
MISSES=0
for variant in $VARIANTS; do
  use_variant "$variant"
  DATA="$WORK/users-data-$variant"; rm -rf "$DATA"
  start_console "$DATA"
  EMAIL=owner@bench.test; PASSWORD=bench-owner-password
  create_owner "$EMAIL" "$PASSWORD"
  export TOKEN=$(curl -fs -u "$EMAIL:$PASSWORD" -d grant_type=client_credentials "$BASE/api/v1/oauth/token" | json "['access_token']")
  CREATE_SECONDS=${WARMUP:-30} wrk -t2 -c16 -d$(( ${WARMUP:-30} + 3 ))s -s "$BENCH_DIR/create-users.lua" "$BASE" \
    > "$WORK/wrk-users-$variant-warmup.txt"
  PSQL="psql -qAt -h 127.0.0.1 -p $(postgres_port "$DATA") -U postgres postgres"
  BEFORE=$($PSQL -c "SELECT count(*) FROM app_user")
  export CREATE_SECONDS=${DURATION:-20}
  measure "users-$variant" "$DATA" -- -t2 -c${CONNECTIONS:-16} -d$(( CREATE_SECONDS + 3 ))s --latency \
    -s "$BENCH_DIR/create-users.lua" "$BASE"
  # The rate from the database: users created in the measured run over the time between the first and the last.
  read -r MADE SPAN <<< "$($PSQL -F ' ' -c "SELECT count(*), extract(epoch FROM max(created_at) - min(created_at))
    FROM (SELECT created_at FROM app_user ORDER BY created_at DESC LIMIT (SELECT count(*) FROM app_user) - $BEFORE) u")"
  MEASURED=$(grep -h "^created: " "$WORK/wrk-users-$variant.txt" | awk '{print $2}')
  printf '%-12s %9.1f users/s (database: %s users in %.1f s)  CPU per created user: JVM %6.3f ms, PostgreSQL %6.3f ms\n' \
    "users-$variant" "$(echo "$MADE / $SPAN" | bc -l)" "$MADE" "$SPAN" \
    "$(echo "$JVM_CPU * 1000 / $MEASURED" | bc -l)" "$(echo "$PG_CPU * 1000 / $MEASURED" | bc -l)" \
    | tee -a "$WORK/summary.txt"
  count() { grep -h "^$1: " "$WORK/wrk-users-$variant-warmup.txt" "$WORK/wrk-users-$variant.txt" | awk '{s += $2} END {print s + 0}'; }
  CREATED=$(count created); OTHER=$(count other); NON2XX=$(count non-2xx)
  LOAD="SELECT id FROM app_user WHERE description = 'load' AND email LIKE 'u%@bench.test'"
  USERS=$($PSQL -c "SELECT count(*) FROM ($LOAD) u")
  LINKS=$($PSQL -c "SELECT count(*) FROM user_link_token WHERE purpose = 'ACTIVATION' AND user_id IN ($LOAD)")
  MAILS=$($PSQL -c "SELECT count(*) FROM mail_outbox WHERE recipient IN (SELECT email FROM app_user WHERE id IN ($LOAD))")
  AUDIT=$($PSQL -c "SELECT count(*) FROM audit_event WHERE action = 'USER_CREATED' AND target_id IN (SELECT id::text FROM ($LOAD) u)")
  echo "$variant: 201 answers $CREATED, other answers $OTHER (non-2xx $NON2XX); in the database: users $USERS, activation links $LINKS, queued mails $MAILS, audit entries $AUDIT"
  for pair in "users:$USERS" "activation links:$LINKS" "queued mails:$MAILS" "audit entries:$AUDIT"; do
    if [ "${pair##*:}" != "$CREATED" ]; then echo "MISS ($variant): ${pair%%:*} ${pair##*:} != 201 answers $CREATED"; MISSES=$((MISSES + 1)); fi
  done
  if [ "$OTHER" != 0 ] || [ "$NON2XX" != 0 ]; then echo "MISS ($variant): $OTHER answers other than 201"; MISSES=$((MISSES + 1)); fi
  stop_console
done
echo "--- summary (cores: $(nproc); load generator on the same machine)"
cat "$WORK/summary.txt"
if [ "$MISSES" -ne 0 ]; then echo "FAILED: $MISSES check(s) missed"; exit 1; fi
