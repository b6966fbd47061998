#!/usr/bin/env bash
# Statistics query times over a million statistics rows (not part of the test suite), on SQLite and PostgreSQL
# (a fresh schema, dropped afterwards). Usage: bench/stats-bench.sh [sqlite|postgres|both] [rows]
set -euo pipefail
cd "$(dirname "$0")/.."
source etc/find-jdk.sh
JAVA_HOME="$(nrm_find_jdk)"
# One reactor run, nothing installed into the shared local repository (as bench/load.sh): keys and rules resolve to
# the jars this run packages.
./mvnw -B -q -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
exec "$JAVA_HOME/bin/java" -Djava.util.logging.config.file=etc/test-logging.properties \
  -cp "service/target/test-classes:service/target/classes:$(cat service/target/bench.cp)" \
  bg.nrm.service.bench.StatsBenchmark "${1:-both}" "${2:-1000000}"
