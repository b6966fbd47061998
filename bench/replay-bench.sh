#!/usr/bin/env bash
# Replay times over stored version-1 screenings (not part of the test suite), on SQLite or PostgreSQL (a fresh
# schema): storing them, the backfill of their replay pairs, the screener's list and the commission's table.
# Usage: bench/replay-bench.sh [sqlite|postgres] [screenings, default 100000]
set -euo pipefail
cd "$(dirname "$0")/.."
source etc/find-jdk.sh
JAVA_HOME="$(nrm_find_jdk)"
# One reactor run, nothing installed into the shared local repository (as bench/load.sh): keys and rules resolve to
# the jars this run packages.
./mvnw -B -q -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
uptime
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Dsun.misc.unsafe.memory.access=allow \
  -Djava.util.logging.config.file=etc/test-logging.properties \
  -cp "service/target/test-classes:service/target/classes:$(cat service/target/bench.cp)" \
  bg.nrm.service.bench.ReplayBenchmark "${1:-sqlite}" "${2:-100000}"
