#!/usr/bin/env bash
# Start-up time to a healthy /actuator/health, on a fresh data directory (initdb included) and on an existing one,
# and the proportional set size of the JVM plus the embedded PostgreSQL once idle.
source "$(dirname "$0")/lib.sh"
build
DATA="$WORK/startup-data"
rm -rf "$DATA"
start_console "$DATA"; FIRST=$HEALTHY_MS; stop_console
cds_archive "$DATA"
JAVA_OPTS="-XX:SharedArchiveFile=app.jsa" start_console "$DATA"; WITH_CDS=$HEALTHY_MS; stop_console
start_console "$DATA"; SECOND=$HEALTHY_MS
sleep "${IDLE_SECONDS:-30}"
JVM=$(pss_mib "$CONSOLE_PID")
PG=$(pss_mib $(postgres_pids "$DATA"))
stop_console
echo "start-up to healthy, fresh data directory: ${FIRST} ms"
echo "start-up to healthy, existing data:        ${SECOND} ms"
echo "start-up to healthy, existing data, CDS:   ${WITH_CDS} ms"
echo "idle PSS: JVM ${JVM} MiB + PostgreSQL ${PG} MiB = $(echo "$JVM + $PG" | bc) MiB"
