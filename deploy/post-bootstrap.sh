#!/bin/sh
# Run once by Patroni on the first primary, right after initdb: the console's role and database. The console's
# migrations create everything inside it (the database owner may create the trusted pg_trgm extension).
# $1 is a connection string for the superuser; the password comes from the environment Patroni was started with.
set -eu
psql -v ON_ERROR_STOP=1 "$1" <<SQL
CREATE ROLE ${CONSOLE_DB_USER} LOGIN PASSWORD '${CONSOLE_DB_PASSWORD}';
CREATE DATABASE ${CONSOLE_DB_NAME} OWNER ${CONSOLE_DB_USER};
SQL
