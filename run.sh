#!/usr/bin/env bash
# Builds the service if its sources changed since the last build, then runs it on the embedded default: a SQLite file
# and generated keys under ./data, and the seeded demo directory. Settings: see README.md or ./run.sh --help
# (for example SERVER_PORT=9090 ./run.sh).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"
source etc/find-jdk.sh
JAVA_HOME="$(nrm_find_jdk)" || exit 1
export JAVA_HOME
jar=service/target/nrm-service.jar
# Rebuild only when a pom or a main source file is newer than the jar (or a jar is missing): a second start is quick.
changed="$(find pom.xml keys rules service -type f \( -name pom.xml -o -path '*/src/main/*' \) -newer "$jar" -print -quit 2>/dev/null || true)"
if [ ! -f "$jar" ] || [ ! -f keys/target/nrm-keys.jar ] || [ -n "$changed" ]; then
  echo "Сглобяване (building): ./mvnw -B -q -DskipTests clean package" >&2
  ./mvnw -B -q -DskipTests clean package
else
  echo "Без промени от последното сглобяване (nothing changed since the last build): $jar" >&2
fi
# JDK 25+: a start-up cache trained once per build (etc/aot-cache.sh); restarts of the same jar reuse it.
source etc/aot-cache.sh
aot="$(nrm_aot_option "$JAVA_HOME" "$jar")"
# The JVM options (etc/jvm.options: memory bounds, the collector) are the same as the training's.
exec "$JAVA_HOME/bin/java" @etc/jvm.options ${aot:+"$aot"} -jar "$jar" "$@"
