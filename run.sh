#!/usr/bin/env bash
# Builds the service and runs it on the embedded default: a SQLite file and generated keys under ./data, and the
# seeded demo directory. Settings: see README.md (for example SERVER_PORT=9090 ./run.sh).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"
source etc/find-jdk.sh
JAVA_HOME="$(nrm_find_jdk)" || exit 1
export JAVA_HOME
./mvnw -B -q -DskipTests clean package
# JDK 25+: a start-up cache trained once per build (etc/aot-cache.sh); restarts of the same jar reuse it.
source etc/aot-cache.sh
aot="$(nrm_aot_option "$JAVA_HOME" service/target/nrm-service.jar)"
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow ${aot:+"$aot"} \
  -jar service/target/nrm-service.jar "$@"
