#!/usr/bin/env bash
# Service figures (not part of the test suite): screenings/s over HTTP, webhook delivery throughput, and the time
# from a screening to the recipient's live alert. Usage: bench/service-bench.sh [sqlite|postgres] [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
source etc/find-jdk.sh
JAVA_HOME="$(nrm_find_jdk)"
# One reactor run, nothing installed into the shared local repository (as bench/load.sh): keys and rules resolve to
# the jars this run packages.
./mvnw -B -q -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Dsun.misc.unsafe.memory.access=allow \
  -Djava.util.logging.config.file=etc/test-logging.properties \
  -cp "service/target/test-classes:service/target/classes:$(cat service/target/bench.cp)" \
  bg.nrm.service.bench.ServiceBenchmark "${1:-sqlite}" "${2:-10}"
