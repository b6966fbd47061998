#!/usr/bin/env bash
# The service's load benchmark (not part of the test suite): on SQLite and PostgreSQL, open-loop load at several
# offered rates against (a) a trivial route, (b) the database's own commit rate, (c) POST /api/v1/screenings for a
# NONE, a HIGH child and a realistic mix; then a kill -9 under load on SQLite. Loopback only; PostgreSQL on
# 127.0.0.1:5432 database test (NRM_TEST_PG_URL to change). About 6 minutes with the default 5 s steps.
# Usage: bench/load.sh [sqlite|postgres|both] [seconds per step] [results folder]
# Writes results.csv, chart.png, summary.txt, machine.txt under bench/results/<UTC time>-<host>/ by default.
set -euo pipefail
cd "$(dirname "$0")/.."
source etc/find-jdk.sh
JAVA_HOME="$(nrm_find_jdk)"
export JAVA_HOME
./mvnw -B -q -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
source etc/aot-cache.sh
nrm_aot_option "$JAVA_HOME" service/target/nrm-service.jar >/dev/null  # the service starts with it, as from run.sh
exec "$JAVA_HOME/bin/java" -Djava.awt.headless=true -Djava.util.logging.config.file=etc/test-logging.properties \
  -cp "service/target/test-classes:service/target/classes:$(cat service/target/bench.cp)" \
  bg.nrm.service.bench.LoadBenchmark "${1:-both}" "${2:-5}" ${3:+"$3"}
