#!/usr/bin/env bash
# Server time of each web page (not part of the test suite): median and 99th percentile over loopback, one client,
# every role's pages, with the load average before and after (read it: on a busy machine the figures are upper bounds).
# Usage: bench/web-bench.sh [rounds]   (builds without installing anything into the local Maven repository)
set -euo pipefail
cd "$(dirname "$0")/.."
source etc/find-jdk.sh
JAVA_HOME="$(nrm_find_jdk)"
./mvnw -B -q -pl service -am -DskipTests -Dspotless.check.skip=true test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
uptime
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
  -Djava.util.logging.config.file=etc/test-logging.properties \
  -cp "service/target/test-classes:service/target/classes:$(cat service/target/bench.cp)" \
  bg.nrm.service.bench.WebBenchmark "${1:-200}"
