#!/usr/bin/env bash
# Shared helpers of the benchmarks: start a console on loopback with a fresh embedded PostgreSQL, find its
# processes, read their CPU time and memory, and prepare an organisation with an active Owner.
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
PORT=${PORT:-18080}
BASE="http://127.0.0.1:$PORT"
WORK=${WORK:-$ROOT/target/bench}
OPERATOR_EMAIL=operator@bench.test
OPERATOR_PASSWORD=bench-operator-password
JAVA_OPTS=${JAVA_OPTS:-}   # the class path must read the same as in the CDS training run: start from $APP

# The console runs from the extracted jar (plain jars on the class path, as `mvn spring-boot:run` runs it, and as
# Spring Boot advises for production): class loading from nested jars adds seconds to start-up on two cores.
APP="$ROOT/target/app"
build() {
  if [ ! -f "$ROOT/target/iot-console-0.1.0-SNAPSHOT.jar" ]; then
    (cd "$ROOT" && mvn -q -B package -DskipTests)
  fi
  if [ ! -f "$APP/iot-console-0.1.0-SNAPSHOT.jar" ] || [ "$ROOT/target/iot-console-0.1.0-SNAPSHOT.jar" -nt "$APP/iot-console-0.1.0-SNAPSHOT.jar" ]; then
    rm -rf "$APP"
    java -Djarmode=tools -jar "$ROOT/target/iot-console-0.1.0-SNAPSHOT.jar" extract --destination "$APP" > /dev/null
  fi
}

# A class-data-sharing archive of the console's classes (Spring Boot's production recipe for start-up time): one
# training run that stops once the context is refreshed.
cds_archive() {
  local data=$1
  if [ ! -f "$APP/app.jsa" ]; then
    (cd "$APP" && CONSOLE_DATA_DIR=$data SERVER_PORT=$PORT java -XX:ArchiveClassesAtExit=app.jsa \
      -Dspring.context.exit=onRefresh -jar iot-console-0.1.0-SNAPSHOT.jar > "$WORK/cds-training.log" 2>&1)
  fi
}

# start_console DATA_DIR: starts the jar in the background, answers when /actuator/health is UP.
start_console() {
  local data=$1
  mkdir -p "$WORK"
  local datasource=()
  if [ "$DATABASE" = cluster ]; then
    cluster_database "$data"
    datasource=(SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:$CLUSTER_PG_PORT/$BENCH_DB"
      SPRING_DATASOURCE_USERNAME=iotconsole SPRING_DATASOURCE_PASSWORD="$CONSOLE_DB_PASSWORD")
  fi
  env "${datasource[@]}" CONSOLE_DATA_DIR=$data SERVER_PORT=$PORT CONSOLE_OPERATOR_EMAIL=$OPERATOR_EMAIL \
    CONSOLE_OPERATOR_PASSWORD=$OPERATOR_PASSWORD CONSOLE_LOGIN_SLOW_AFTER=1000000 \
    bash -c "cd '$APP' && exec java $JAVA_OPTS -jar iot-console-0.1.0-SNAPSHOT.jar" > "$WORK/console.log" 2>&1 &
  CONSOLE_PID=$!
  trap bench_exit EXIT   # whatever happens, the console (and a cluster started for the run) does not outlive the script
  START_NS=$(date +%s%N)
  until curl -fs "$BASE/actuator/health" 2>/dev/null | grep -q '"UP"'; do
    kill -0 "$CONSOLE_PID" 2>/dev/null || { echo "console died; see $WORK/console.log" >&2; exit 1; }
    sleep 0.05
  done
  HEALTHY_MS=$(( ($(date +%s%N) - START_NS) / 1000000 ))
}

stop_console() {
  kill "$CONSOLE_PID" 2>/dev/null || true
  wait "$CONSOLE_PID" 2>/dev/null || true
}

# The embedded PostgreSQL's processes: every postgres whose command line names the data directory, and their children.
postgres_pids() {
  local data=$1 master
  if [ "$DATABASE" = cluster ]; then cluster_postgres_pids; return; fi
  master=$(pgrep -f "postgres.*-D ${data}" | head -1 || true)
  [ -n "$master" ] && { echo "$master"; pgrep -P "$master" || true; }
}

# CPU seconds (user + system) used so far by the given pids.
cpu_seconds() {
  local ticks=0 pid t
  for pid in "$@"; do
    # a process (a pool connection, an autovacuum worker) may end between the listing and the reading
    t=$(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null) || continue
    ticks=$(( ticks + ${t:-0} ))
  done
  echo "scale=3; $ticks / $(getconf CLK_TCK)" | bc
}

# Proportional set size in MiB, summed over the given pids.
pss_mib() {
  local kb=0 pid
  for pid in "$@"; do
    [ -r "/proc/$pid/smaps_rollup" ] || continue
    kb=$(( kb + $(awk '/^Pss:/ {print $2}' "/proc/$pid/smaps_rollup") ))
  done
  echo "scale=1; $kb / 1024" | bc
}

json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }

operator_token() {
  curl -fs -u "$OPERATOR_EMAIL:$OPERATOR_PASSWORD" -d grant_type=client_credentials "$BASE/api/v1/oauth/token" | json "['access_token']"
}

# create_owner EMAIL PASSWORD: a new organisation whose Owner is activated through the link the log printed.
create_owner() {
  local email=$1 password=$2 token link
  token=$(operator_token)
  curl -fs -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d "{\"name\":\"Bench $RANDOM\",\"owner\":{\"firstName\":\"Bench\",\"lastName\":\"Owner\",\"email\":\"$email\"}}" \
    "$BASE/api/v1/organizations" > /dev/null
  for _ in $(seq 1 50); do
    link=$(grep -ao "mail to $email kept in the outbox.*activate?token=[A-Za-z0-9_-]*" "$WORK/console.log" | grep -o 'token=[A-Za-z0-9_-]*' | cut -d= -f2 | tail -1 || true)
    [ -n "$link" ] && break
    sleep 0.1
  done
  curl -fs -H 'Content-Type: application/json' -d "{\"token\":\"$link\",\"password\":\"$password\"}" \
    "$BASE/api/v1/activation" > /dev/null
}

# The console as it was at OLD_REF (default df3163c, the last measured figures), built once from that commit into
# target/bench-old/, so that a benchmark can run old and new side by side on the same machine in one run.
OLD_REF=${OLD_REF:-df3163c}
OLD_APP="$ROOT/target/bench-old/$OLD_REF/app"
build_old() {
  local dir="$ROOT/target/bench-old/$OLD_REF"
  if [ ! -f "$OLD_APP/iot-console-0.1.0-SNAPSHOT.jar" ]; then
    rm -rf "$dir/src"; mkdir -p "$dir/src"
    git -C "$ROOT" archive "$OLD_REF" | tar -x -C "$dir/src"
    (cd "$dir/src" && mvn -q -B package -DskipTests -Dspotless.check.skip=true)
    java -Djarmode=tools -jar "$dir/src/target/iot-console-0.1.0-SNAPSHOT.jar" extract --destination "$OLD_APP" > /dev/null
  fi
}

# Which console the next start_console runs: "old" (OLD_APP, built by build_old), "new" (this checkout), or "tuned"
# (this checkout with TUNED_OPTS added to the JVM options, settings tried before they become defaults).
BASE_JAVA_OPTS=$JAVA_OPTS
use_variant() {
  if [ "$1" = old ]; then APP=$OLD_APP; else APP="$ROOT/target/app"; fi
  JAVA_OPTS=$BASE_JAVA_OPTS
  if [ "$1" = tuned ]; then JAVA_OPTS="$BASE_JAVA_OPTS ${TUNED_OPTS:-}"; fi
}

# The embedded PostgreSQL's port, from the listening socket of its postmaster (DATA is the console's data directory).
postgres_port() {
  if [ "$DATABASE" = cluster ]; then echo "$CLUSTER_PG_PORT"; return; fi
  ss -ltnp | grep "pid=$(postgres_pids "$1/postgres" | head -1)," | grep -o '127.0.0.1:[0-9]*' | head -1 | cut -d: -f2
}

# measure LABEL DATA -- WRK_ARGS...: one wrk run; prints rate, p99 and the CPU seconds per request of the JVM and of
# PostgreSQL, read from /proc before and after. Leaves wrk's output in $WORK/wrk-LABEL.txt.
measure() {
  local label=$1 data=$2; shift 3
  local pg jvm0 pg0 jvm1 pg1 out="$WORK/wrk-$label.txt" requests rate p99
  pg=$(postgres_pids "$data/postgres" | tr '\n' ' ')
  jvm0=$(cpu_seconds "$CONSOLE_PID"); pg0=$(cpu_seconds $pg)
  wrk "$@" > "$out"
  jvm1=$(cpu_seconds "$CONSOLE_PID"); pg1=$(cpu_seconds $(postgres_pids "$data/postgres"))
  JVM_CPU=$(echo "$jvm1 - $jvm0" | bc); PG_CPU=$(echo "$pg1 - $pg0" | bc)
  requests=$(grep -o '^ *[0-9]* requests in' "$out" | grep -o '[0-9]*' | head -1)
  rate=$(awk '/^Requests\/sec:/ {print $2}' "$out")
  p99=$(awk '$1 == "99%" {print $2}' "$out")
  printf '%-12s %9s req/s  p99 %8s  requests %8s  CPU/request: JVM %6.3f ms, PostgreSQL %6.3f ms\n' \
    "$label" "$rate" "$p99" "$requests" \
    "$(echo "($jvm1 - $jvm0) * 1000 / $requests" | bc -l)" "$(echo "($pg1 - $pg0) * 1000 / $requests" | bc -l)" \
    | tee -a "$WORK/summary.txt"
}

# --- DATABASE=cluster: the console under test uses the cluster of deploy/ instead of an embedded PostgreSQL --------
# DATABASE=cluster runs any benchmark unchanged against the PostgreSQL cluster of deploy/ (3 nodes under Patroni,
# synchronous replication) through HAProxy: the cluster under CLUSTER (default target/cluster) when it is running,
# else started there without console instances of its own (and stopped at the end). Each start_console gets a fresh
# database, named after the data directory, owned by the console's role; psql calls of the scripts that name the
# embedded database ("-U postgres postgres" on postgres_port) reach that database on the primary as the superuser;
# postgres_pids answers every PostgreSQL process of the cluster's nodes (primary and standbys), so that the CPU
# figures count the replication too.
DATABASE=${DATABASE:-embedded}
if [ "$DATABASE" = cluster ]; then
  CLUSTER=${CLUSTER:-$ROOT/target/cluster}
  CLUSTER_PG_PORT=${CLUSTER_PORT_BASE:-15400}
  CLUSTER_STARTED_HERE=0
  mkdir -p "$CLUSTER"; CLUSTER=$(cd "$CLUSTER" && pwd)
  cluster_up() {
    [ -f "$CLUSTER/secrets.env" ] && (set -a; . "$CLUSTER/secrets.env"; PGPASSWORD=$PG_SUPERUSER_PASSWORD \
      command psql -X -qAt -h 127.0.0.1 -p "$CLUSTER_PG_PORT" -U postgres postgres -c 'SELECT 1' >/dev/null 2>&1)
  }
  if ! cluster_up; then
    echo "starting the cluster under $CLUSTER"
    CLUSTER_CONSOLES=0 timeout 900 "$ROOT/deploy/cluster-start.sh" "$CLUSTER" > "$CLUSTER/bench-start.log" 2>&1 \
      || { echo "the cluster did not start; see $CLUSTER/bench-start.log" >&2; "$ROOT/deploy/cluster-stop.sh" "$CLUSTER"; exit 1; }
    CLUSTER_STARTED_HERE=1
  fi
  set -a; . "$CLUSTER/secrets.env"; set +a
  export PGPASSWORD=$PG_SUPERUSER_PASSWORD
  echo "database: the cluster under $CLUSTER through HAProxy 127.0.0.1:$CLUSTER_PG_PORT (synchronous replication)"

  # cluster_database DATA: a fresh database for the console started on DATA
  cluster_database() {
    BENCH_DB="bench_$(basename "$1" | tr -c 'a-zA-Z0-9\n' _)"
    PGOPTIONS="-c client_min_messages=warning" command psql -X -qAt -h 127.0.0.1 -p "$CLUSTER_PG_PORT" -U postgres postgres \
      -c "DROP DATABASE IF EXISTS $BENCH_DB WITH (FORCE)" -c "CREATE DATABASE $BENCH_DB OWNER iotconsole" >/dev/null
  }
  # The scripts' psql: the embedded database's name "postgres", when it is the database asked for, becomes the
  # benchmark's own database on the cluster.
  psql() {
    local args=() prev=""
    for a in "$@"; do
      if [ "$a" = postgres ] && [ "$prev" != -U ] && [ -n "${BENCH_DB:-}" ]; then args+=("$BENCH_DB"); else args+=("$a"); fi
      prev=$a
    done
    command psql "${args[@]}"
  }
  cluster_postgres_pids() {
    local master
    for data in "$CLUSTER"/pg*/data; do
      master=$(head -1 "$data/postmaster.pid" 2>/dev/null || true)
      [ -n "$master" ] && kill -0 "$master" 2>/dev/null && { echo "$master"; pgrep -P "$master" || true; }
    done
  }
fi

# At exit: the console, then a cluster this run started.
bench_exit() {
  if [ -n "${CONSOLE_PID:-}" ]; then stop_console; fi
  if [ "${CLUSTER_STARTED_HERE:-0}" = 1 ]; then "$ROOT/deploy/cluster-stop.sh" "$CLUSTER" >/dev/null 2>&1 || true; fi
}
if [ "${CLUSTER_STARTED_HERE:-0}" = 1 ]; then trap bench_exit EXIT; fi
