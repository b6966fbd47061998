#!/usr/bin/env bash
# Where the service's CPU goes under one load scenario, native frames included (SQLite, system calls), which JFR's
# execution samples leave out: the built jar on a fresh data directory, run under async-profiler (from Maven
# Central, CPU time, 1 ms) while LoadBenchmark's open-loop generator offers the scenario for a warm-up and then for
# the measured seconds; the profile covers the whole run, so read the request threads' part (the summary's second
# half). Not part of the test suite; loopback only. Writes the collapsed stacks (for flame graph tools or grep) and
# the summary to bench/results/profile-<UTC time>-<scenario>/.
# Port: NRM_PROFILE_PORT (18470, and the next one for health). Usage: bench/profile.sh [none|high-child|mix (none)] [rate/s (500)] [seconds (30)] [thread filter (ForkJoinPool)]
set -euo pipefail
cd "$(dirname "$0")/.."
source etc/find-jdk.sh
JAVA_HOME="$(nrm_find_jdk)"
scenario="${1:-none}"; rate="${2:-500}"; seconds="${3:-30}"; filter="${4:-ForkJoinPool}"
port=${NRM_PROFILE_PORT:-18470}
jar=service/target/nrm-service.jar
if [ ! -f "$jar" ] || [ ! -f service/target/bench.cp ]; then
  ./mvnw -B -q -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
fi
profiler=target/profiler/linux-x64/libasyncProfiler.so
if [ ! -f "$profiler" ]; then
  ./mvnw -B -q dependency:copy -Dartifact=tools.profiler:async-profiler:4.2 -DoutputDirectory=target/profiler
  (cd target/profiler && "$JAVA_HOME/bin/jar" xf async-profiler-4.2.jar linux-x64/libasyncProfiler.so)
fi
out="bench/results/profile-$(date -u +%Y-%m-%dT%H%MZ)-$scenario"
mkdir -p "$out"
data="$(mktemp -d)"
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$data"' EXIT
"$JAVA_HOME/bin/java" @etc/jvm.options \
  "-agentpath:$PWD/$profiler=start,event=ctimer,interval=1ms,threads,collapsed,file=$PWD/$out/stacks.collapsed" \
  -Dserver.port="$port" -Dserver.host=127.0.0.1 -Dnrm.admin.port=$((port + 1)) -Dnrm.data-dir="$data/nrm" -Dnrm.db.url= \
  -Dnrm.demo.enabled=true -Dnrm.demo.password=bench-password-1 -Dnrm.keystore.password= \
  -Dnrm.limits.account-requests-per-minute=100000000 -Dnrm.limits.address-requests-per-minute=100000000 \
  -Dnrm.limits.connections-per-address=8192 -jar "$jar" >"$out/service.log" 2>&1 &
pid=$!
until curl -sf "http://127.0.0.1:$((port + 1))/observe/health" >/dev/null; do
  kill -0 "$pid" 2>/dev/null || { echo "the service exited; see $out/service.log" >&2; exit 1; }
  sleep 0.2
done
cp="service/target/test-classes:service/target/classes:$(cat service/target/bench.cp)"
drive() { "$JAVA_HOME/bin/java" -cp "$cp" bg.nrm.service.bench.LoadBenchmark drive "http://127.0.0.1:$port" "$scenario" "$rate" "$1"; }
echo "warm-up: $scenario at $rate/s for $seconds s"
drive "$seconds" | tail -1
echo "measured: $scenario at $rate/s for $seconds s"
drive "$seconds" | tail -1 | tee "$out/load.txt"
kill -TERM "$pid"
wait "$pid" || true
{
  echo "bench/profile.sh $scenario $rate $seconds at $(date -u +%FT%TZ), load average $(cut -d' ' -f1-3 /proc/loadavg)"
  cat "$out/load.txt"
  "$JAVA_HOME/bin/java" -cp "$cp" bg.nrm.service.bench.ProfileSummary "$out/stacks.collapsed" "$filter" 40
} | tee "$out/summary.txt"
