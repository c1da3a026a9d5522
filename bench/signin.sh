#!/usr/bin/env bash
# Password sign-ins per second under concurrent load (token endpoint, e-mail + password, Argon2id t=5 m=7 MiB p=1),
# the console's CPU time per sign-in (JVM + PostgreSQL), and the CPU time of the hash alone, measured in-process by
# HashCost.java with the console's own encoder settings.
source "$(dirname "$0")/lib.sh"
build
DATA="$WORK/signin-data"; rm -rf "$DATA"
start_console "$DATA"
EMAIL=owner@bench.test; PASSWORD=bench-owner-password
create_owner "$EMAIL" "$PASSWORD"
export BASIC=$(printf '%s' "$EMAIL:$PASSWORD" | base64 -w0)
wrk -t2 -c4 -d5s -s "$BENCH_DIR/signin.lua" "$BASE/api/v1/oauth/token" > /dev/null   # warm-up
PIDS="$CONSOLE_PID $(postgres_pids "$DATA" | tr '\n' ' ')"
# 1. throughput under concurrent load
OUT=$(wrk -t2 -c${CONNECTIONS:-4} -d${DURATION:-20s} -s "$BENCH_DIR/signin.lua" "$BASE/api/v1/oauth/token")
echo "$OUT"
RATE=$(echo "$OUT" | awk '/Requests\/sec/ {print $2}')
# 2. cost share, one sign-in at a time: CPU time of the console's processes from /proc, and, within the JVM, the share
#    of CPU samples (Java Flight Recorder) whose stack is inside the Argon2 generator. Both come from the same run.
JVM0=$(cpu_seconds $CONSOLE_PID); PG0=$(cpu_seconds $(postgres_pids "$DATA"))
jcmd "$CONSOLE_PID" JFR.start name=signin settings=profile > /dev/null
SEQ=$(wrk -t1 -c1 -d${DURATION:-20s} -s "$BENCH_DIR/signin.lua" "$BASE/api/v1/oauth/token")
jcmd "$CONSOLE_PID" JFR.stop name=signin filename="$WORK/signin.jfr" > /dev/null
JVM1=$(cpu_seconds $CONSOLE_PID); PG1=$(cpu_seconds $(postgres_pids "$DATA"))
stop_console
REQS=$(echo "$SEQ" | awk '/requests in/ {print $1}')
read -r TOTAL HASHED < <(jfr print --events jdk.ExecutionSample "$WORK/signin.jfr" | awk '
  /jdk.ExecutionSample/ { if (n) { total++; if (argon) hashed++ } n = 1; argon = 0 }
  /Argon2BytesGenerator/ { argon = 1 }
  END { if (n) { total++; if (argon) hashed++ } print total, hashed }')
python3 - "$REQS" "$JVM0" "$JVM1" "$PG0" "$PG1" "$TOTAL" "$HASHED" "$RATE" <<'PY'
import sys
reqs, jvm0, jvm1, pg0, pg1, total, hashed, rate = sys.argv[1:]
reqs = int(reqs); jvm = float(jvm1) - float(jvm0); pg = float(pg1) - float(pg0)
share = int(hashed) / int(total)
hash_ms = jvm * share * 1000 / reqs
other_ms = (jvm * (1 - share) + pg) * 1000 / reqs
print(f"sign-ins per second under load: {rate}")
print(f"one at a time: {reqs} sign-ins; CPU per sign-in {(jvm + pg) * 1000 / reqs:.1f} ms "
      f"(JVM {jvm * 1000 / reqs:.1f} ms, PostgreSQL {pg * 1000 / reqs:.1f} ms)")
print(f"Argon2id share of the JVM's CPU samples: {share * 100:.1f}% ({hashed} of {total})")
print(f"hash {hash_ms:.1f} ms; everything else {other_ms:.1f} ms = {other_ms * 100 / hash_ms:.1f}% of the hash (target under 25%)")
PY
