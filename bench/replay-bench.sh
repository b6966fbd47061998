#!/usr/bin/env bash
# Replay times over stored version-1 screenings (not part of the test suite), on SQLite or PostgreSQL (a fresh
# schema). Usage: bench/replay-bench.sh [sqlite|postgres] [screenings, default 100000]
set -euo pipefail
cd "$(dirname "$0")/.."
source etc/find-jdk.sh
JAVA_HOME="$(nrm_find_jdk)"
# One reactor run (nothing installed): keys and rules resolve to their target/classes.
./mvnw -B -q -pl service -am test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp \
  -Dmdep.includeScope=test
exec "$JAVA_HOME/bin/java" --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED \
  -Djava.util.logging.config.file=etc/test-logging.properties \
  -cp "service/target/test-classes:service/target/classes:keys/target/classes:rules/target/classes:$(cat service/target/bench.cp)" \
  bg.nrm.service.bench.ReplayBenchmark "${1:-sqlite}" "${2:-100000}"
