#!/usr/bin/env bash
# Starts the whole high-availability installation on this machine, on loopback, for trying and testing:
# etcd (1 or 3 members), PostgreSQL 15 nodes managed by Patroni with synchronous replication, HAProxy in front of
# the database and of the console, and console instances whose SPRING_DATASOURCE_URL points at HAProxy.
# Installs the Debian packages when missing. Everything lives under the directory given; cluster-stop.sh with the
# same directory stops it all. Started again on the same directory, it reuses the data.
#
#   deploy/cluster-start.sh target/cluster
#
# Settings (environment): CLUSTER_NODES (3), CLUSTER_CONSOLES (2), ETCD_MEMBERS (1 or 3; 1), CLUSTER_PORT_BASE
# (15400), CONSOLE_JAR (target/iot-console-*.jar, built when missing), CONSOLE_OPERATOR_PASSWORD (generated),
# CONSOLE_JAVA_OPTS (-Xmx512m), CONSOLE_START_SECONDS (300: how long an instance may take to become healthy).
set -euo pipefail

DIR=${1:?usage: cluster-start.sh <data directory>}
DEPLOY=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$DEPLOY/.." && pwd)
mkdir -p "$DIR"
DIR=$(cd "$DIR" && pwd)
RUN=$DIR/run
LOGS=$DIR/logs
mkdir -p "$RUN" "$LOGS"

NODES=${CLUSTER_NODES:-3}
CONSOLES=${CLUSTER_CONSOLES:-2}
ETCD_MEMBERS=${ETCD_MEMBERS:-1}
BASE=${CLUSTER_PORT_BASE:-15400}
HOST=127.0.0.1
# Ports: HAProxy base+0 (PostgreSQL primary), +1 (console HTTP), +2 (stats); Patroni REST base+11..; PostgreSQL
# base+21..; console instances base+31..; etcd client/peer base+41/42, 43/44, 45/46.
HAPROXY_PG_PORT=$BASE
HAPROXY_HTTP_PORT=$((BASE + 1))
HAPROXY_STATS_PORT=$((BASE + 2))
PG_BIN_DIR=/usr/lib/postgresql/15/bin

log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*"; }

# --- packages ------------------------------------------------------------------------------------------------
missing=()
command -v patroni >/dev/null || missing+=(patroni)
command -v etcd >/dev/null || missing+=(etcd-server)
command -v etcdctl >/dev/null || missing+=(etcd-client)
command -v haproxy >/dev/null || [ -x /usr/sbin/haproxy ] || missing+=(haproxy)
[ -x "$PG_BIN_DIR/postgres" ] || missing+=(postgresql-15)
command -v envsubst >/dev/null || missing+=(gettext-base)
command -v curl >/dev/null || missing+=(curl)
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]}"
  apt-get update -qq
  # the packages' own services stay off: this script runs its own instances
  DEBIAN_FRONTEND=noninteractive RUNLEVEL=1 apt-get install -y -qq "${missing[@]}" >/dev/null
  for s in etcd haproxy patroni postgresql; do
    (systemctl stop "$s" && systemctl disable "$s") >/dev/null 2>&1 || true
  done
fi

# PostgreSQL refuses to run as root: as root, the database runs as the postgres user.
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# --- secrets, generated once per directory -----------------------------------------------------------------------
if [ ! -f "$DIR/secrets.env" ]; then
  rnd() { head -c 18 /dev/urandom | base64 | tr -d '/+='; }
  umask 077
  cat >"$DIR/secrets.env" <<SECRETS
PG_SUPERUSER_PASSWORD=$(rnd)
PG_REPLICATION_PASSWORD=$(rnd)
CONSOLE_DB_PASSWORD=$(rnd)
CONSOLE_OPERATOR_PASSWORD=${CONSOLE_OPERATOR_PASSWORD:-Op-$(rnd)}
SECRETS
  umask 022
fi
# the keys that encrypt secrets at rest: the same on every console instance
for key in CONSOLE_SECOND_FACTOR_KEY CONSOLE_WEBHOOKS_SECRET_KEY; do
  grep -q "^$key=" "$DIR/secrets.env" || echo "$key=$(head -c 32 /dev/urandom | base64)" >>"$DIR/secrets.env"
done
set -a
# shellcheck disable=SC1091
. "$DIR/secrets.env"
set +a
export CONSOLE_DB_USER=iotconsole CONSOLE_DB_NAME=iotconsole

running() { [ -f "$RUN/$1.pid" ] && kill -0 "$(cat "$RUN/$1.pid")" 2>/dev/null; }

# Starts a process detached from this shell, in its own session, recording its pid.
launch() {
  local name=$1
  shift
  if running "$name"; then
    log "$name already running"
    return
  fi
  setsid "$@" >>"$LOGS/$name.log" 2>&1 </dev/null &
  echo $! >"$RUN/$name.pid"
}

wait_for() {
  local what=$1 seconds=$2
  shift 2
  for _ in $(seq "$((seconds * 4))"); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.25
  done
  log "timed out after ${seconds}s waiting for $what; logs under $LOGS"
  return 1
}

# --- etcd ---------------------------------------------------------------------------------------------------------
initial=""
endpoints=""
for i in $(seq "$ETCD_MEMBERS"); do
  initial+="${initial:+,}etcd$i=http://$HOST:$((BASE + 40 + 2 * i))"
  endpoints+="${endpoints:+,}$HOST:$((BASE + 39 + 2 * i))"
done
for i in $(seq "$ETCD_MEMBERS"); do
  client=$((BASE + 39 + 2 * i))
  peer=$((BASE + 40 + 2 * i))
  mkdir -p "$DIR/etcd$i"
  launch "etcd$i" etcd --name "etcd$i" --data-dir "$DIR/etcd$i" \
    --listen-client-urls "http://$HOST:$client" --advertise-client-urls "http://$HOST:$client" \
    --listen-peer-urls "http://$HOST:$peer" --initial-advertise-peer-urls "http://$HOST:$peer" \
    --initial-cluster "$initial" --initial-cluster-state new --initial-cluster-token iot-console \
    --heartbeat-interval 100 --election-timeout 1000
done
wait_for "etcd" 30 env ETCDCTL_API=3 etcdctl --endpoints "$endpoints" endpoint health
log "etcd: $endpoints"

# --- PostgreSQL nodes under Patroni -------------------------------------------------------------------------------
export ETCD_HOSTS=$endpoints DEPLOY_DIR=$DEPLOY PG_BIN_DIR CLIENT_NETWORK=$HOST/32 NODE_HOST=$HOST
pg_servers=""
for i in $(seq "$NODES"); do
  export NODE_NAME=pg$i NODE_REST_PORT=$((BASE + 10 + i)) NODE_PG_PORT=$((BASE + 20 + i))
  export NODE_DIR=$DIR/pg$i NODE_DATA_DIR=$DIR/pg$i/data NODE_LOG_DIR=$LOGS/pg$i
  mkdir -p "$NODE_DIR" "$NODE_LOG_DIR"
  envsubst <"$DEPLOY/patroni.yml" >"$NODE_DIR/patroni.yml"
  [ "$(id -u)" = 0 ] && chown -R postgres:postgres "$NODE_DIR" "$NODE_LOG_DIR"
  chmod 700 "$NODE_DIR"
  pg_servers+="    server pg$i $HOST:$NODE_PG_PORT check port $NODE_REST_PORT"$'\n'
done
for i in $(seq "$NODES"); do
  launch "patroni$i" env CONSOLE_DB_USER="$CONSOLE_DB_USER" CONSOLE_DB_NAME="$CONSOLE_DB_NAME" \
    CONSOLE_DB_PASSWORD="$CONSOLE_DB_PASSWORD" bash -c "$(declare -f as_pg); as_pg patroni '$DIR/pg$i/patroni.yml'"
  if [ "$i" = 1 ]; then
    # the first node creates the cluster; the others are copied from it
    wait_for "a primary" 90 bash -c "for p in \$(seq $((BASE + 11)) $((BASE + 10 + NODES))); do curl -sf http://$HOST:\$p/primary && exit 0; done; exit 1"
  fi
done

# --- HAProxy ------------------------------------------------------------------------------------------------------
console_servers=""
for i in $(seq "$CONSOLES"); do
  console_servers+="    server console$i $HOST:$((BASE + 30 + i)) check"$'\n'
done
export HAPROXY_HOST=$HOST HAPROXY_PG_PORT HAPROXY_HTTP_PORT HAPROXY_STATS_PORT
export PG_SERVERS=$pg_servers CONSOLE_SERVERS=$console_servers
envsubst '$HAPROXY_HOST $HAPROXY_PG_PORT $HAPROXY_HTTP_PORT $HAPROXY_STATS_PORT $PG_SERVERS $CONSOLE_SERVERS' \
  <"$DEPLOY/haproxy.cfg" >"$DIR/haproxy.cfg"
haproxy -c -q -f "$DIR/haproxy.cfg"
launch haproxy haproxy -W -db -f "$DIR/haproxy.cfg"
export PGPASSWORD=$CONSOLE_DB_PASSWORD
wait_for "the database through HAProxy" 90 \
  "$PG_BIN_DIR/psql" -h "$HOST" -p "$HAPROXY_PG_PORT" -U "$CONSOLE_DB_USER" -d "$CONSOLE_DB_NAME" -Atc "SELECT 1"
if [ "$NODES" -gt 1 ]; then
  # a commit waits for the synchronous standby: wait until there is one
  wait_for "a synchronous standby" 120 bash -c "for p in \$(seq $((BASE + 11)) $((BASE + 10 + NODES))); do curl -sf http://$HOST:\$p/sync && exit 0; done; exit 1"
fi
log "PostgreSQL primary through HAProxy: $HOST:$HAPROXY_PG_PORT (database $CONSOLE_DB_NAME, user $CONSOLE_DB_USER)"

# --- console instances --------------------------------------------------------------------------------------------
JAR=${CONSOLE_JAR:-$(ls "$ROOT"/target/iot-console-*.jar 2>/dev/null | grep -v -- '-plain' | head -1 || true)}
if [ "$CONSOLES" -gt 0 ] && [ -z "$JAR" ]; then
  log "building the console"
  (cd "$ROOT" && mvn -B -q package -DskipTests)
  JAR=$(ls "$ROOT"/target/iot-console-*.jar | grep -v -- '-plain' | head -1)
fi
# The instances run from the extracted jar (Spring Boot's advice for production): loading classes from nested jars
# adds seconds to every start on a small machine. Extracted again when the jar is newer.
APP=$DIR/app
if [ "$CONSOLES" -gt 0 ] && { [ ! -f "$APP/$(basename "$JAR")" ] || [ "$JAR" -nt "$APP/$(basename "$JAR")" ]; }; then
  rm -rf "$APP"
  java -Djarmode=tools -jar "$JAR" extract --destination "$APP" >/dev/null
fi
launch_console() {
  local i=$1
  # shellcheck disable=SC2086
  launch "console$i" env SERVER_PORT="$((BASE + 30 + i))" \
    SPRING_DATASOURCE_URL="jdbc:postgresql://$HOST:$HAPROXY_PG_PORT/$CONSOLE_DB_NAME" \
    SPRING_DATASOURCE_USERNAME="$CONSOLE_DB_USER" SPRING_DATASOURCE_PASSWORD="$CONSOLE_DB_PASSWORD" \
    CONSOLE_OPERATOR_PASSWORD="$CONSOLE_OPERATOR_PASSWORD" CONSOLE_BASE_URL="http://$HOST:$HAPROXY_HTTP_PORT" \
    SERVER_FORWARD_HEADERS_STRATEGY=native \
    java ${CONSOLE_JAVA_OPTS:--Xmx512m} -jar "$APP/$(basename "$JAR")"
}
# healthy within CONSOLE_START_SECONDS (300); an instance that stopped while starting is started once more: on an
# empty database two first starts race to create the operator and the loser stops (the migrations themselves take
# turns under Flyway's lock)
wait_console() {
  local i=$1 again=1
  for _ in $(seq "$(( ${CONSOLE_START_SECONDS:-300} * 4 ))"); do
    curl -sf "http://$HOST:$((BASE + 30 + i))/actuator/health" >/dev/null 2>&1 && return 0
    if ! running "console$i"; then
      [ "$again" = 1 ] || { log "console$i stopped while starting; see $LOGS/console$i.log"; return 1; }
      log "console$i stopped while starting; starting it once more"
      again=0
      launch_console "$i"
    fi
    sleep 0.25
  done
  log "timed out waiting for console$i; see $LOGS/console$i.log"
  return 1
}
# all at once: the JVM start-ups overlap
for i in $(seq "$CONSOLES"); do launch_console "$i"; done
for i in $(seq "$CONSOLES"); do wait_console "$i"; done
if [ "$CONSOLES" -gt 0 ]; then
  wait_for "the console through HAProxy" 30 curl -sf "http://$HOST:$HAPROXY_HTTP_PORT/actuator/health"
fi

cat <<SUMMARY
$(log "the cluster is up")
  console:        http://$HOST:$HAPROXY_HTTP_PORT  (operator@localhost / the password in $DIR/secrets.env)
  instances:      $(for i in $(seq "$CONSOLES"); do printf 'http://%s:%s ' "$HOST" $((BASE + 30 + i)); done)
  database:       $HOST:$HAPROXY_PG_PORT (the primary, whichever node it is)
  HAProxy stats:  http://$HOST:$HAPROXY_STATS_PORT
  cluster state:  patronictl -c $DIR/pg1/patroni.yml list
  stop:           $DEPLOY/cluster-stop.sh $DIR
SUMMARY
