#!/usr/bin/env bash
# JMH micro-benchmarks, kept out of the test suite. Usage: bench/jmh.sh rules|keys [extra JMH options]
#   rules: AssessmentBenchmark (Drools assessment vs the same logic in plain Java; HIGH child and adult answer sets of both versions, NONE version 2)
#   keys:  KeysBenchmark (sign+encrypt a 4 KB referral to 1 and 3 recipients, the primitives alone, decrypt+verify, at-rest seal/open)
set -euo pipefail
cd "$(dirname "$0")/.."
module="${1:?rules or keys}"; shift
case "$module" in
  rules) bench=AssessmentBenchmark ;;
  keys) bench=KeysBenchmark ;;
  *) echo "usage: bench/jmh.sh rules|keys" >&2; exit 2 ;;
esac
source etc/find-jdk.sh
JAVA="$(nrm_find_jdk)/bin/java"
./mvnw -B -q -pl "$module" test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/test-classpath.txt
cd "$module"
# Defaults for a short run; an option given on the command line (e.g. -wi 2 -i 3) replaces its default, since JMH
# refuses an option given twice.
defaults=()
for pair in "-f 1" "-wi 3" "-w 2s" "-i 5" "-r 2s"; do
  opt="${pair%% *}"
  case " $* " in *" $opt "*) ;; *) defaults+=($pair) ;; esac
done
exec "$JAVA" -Dsun.misc.unsafe.memory.access=allow -Djava.util.logging.config.file=../etc/test-logging.properties \
  -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  org.openjdk.jmh.Main "$bench" "${defaults[@]}" "$@"
