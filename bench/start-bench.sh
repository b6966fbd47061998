#!/usr/bin/env bash
# Start-up to healthy and memory at rest of the built service (not part of the test suite). Starts the built jar
# (service/target/nrm-service.jar, as ./run.sh builds it) once on a fresh data directory (migrations, demo keys), then
# restarts it on the same data, alternately with the AOT start-up cache (etc/aot-cache.sh; JDK 25+) and without. A
# first start with the cache, on a second fresh data directory, is what ./run.sh does on a new installation.
# For each start it prints the process's CPU time (utime+stime) and the wall time when /observe/health first answers
# 2xx, the resident memory 2 s later, and the load average: on a shared machine read the CPU time, not the wall time.
# Usage: bench/start-bench.sh [restarts per mode (3)] [port (20100)]
set -euo pipefail
cd "$(dirname "$0")/.."
source etc/find-jdk.sh
JAVA_HOME="$(nrm_find_jdk)"
jar=service/target/nrm-service.jar
[ -f "$jar" ] || { echo "build first: ./mvnw -B -q -DskipTests package" >&2; exit 1; }
source etc/aot-cache.sh
aot="$(nrm_aot_option "$JAVA_HOME" "$jar")"
restarts="${1:-3}"
port="${2:-20100}"
tck="$(getconf CLK_TCK)"
data="$(mktemp -d)"
trap 'rm -rf "$data"' EXIT

start() {  # $1 = label, then extra JVM options; prints one line of figures; data in $data/$dir
  local label="$1" t0 t1 pid cpu rss
  shift
  t0="$(date +%s%N)"
  "$JAVA_HOME/bin/java" @etc/jvm.options "$@" -Dserver.port="$port" -Dserver.host=127.0.0.1 \
    -Dnrm.data-dir="$data/$dir" -Dnrm.db.url= -Dnrm.demo.enabled=true -Dnrm.demo.password=start-bench-only \
    -Dnrm.keystore.password= -jar "$jar" >>"$data/service.log" 2>&1 &
  pid=$!
  until (exec 3<>"/dev/tcp/127.0.0.1/$port" \
      && printf 'GET /observe/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' >&3 \
      && head -n 1 <&3 | grep -q ' 2[0-9][0-9] ') 2>/dev/null; do
    kill -0 "$pid" 2>/dev/null || { echo "the service exited; see its log:" >&2; tail -20 "$data/service.log" >&2; exit 1; }
    sleep 0.02
  done
  t1="$(date +%s%N)"
  # Fields 14 and 15 of /proc/<pid>/stat (after the command name): user and system time of all its threads.
  cpu="$(sed 's/.*) //' "/proc/$pid/stat" | awk -v t="$tck" '{ printf "%.2f", ($12 + $13) / t }')"
  sleep 2
  rss="$(awk '/^VmRSS/ { printf "%d", $2 / 1024 }' "/proc/$pid/status")"
  kill -TERM "$pid"
  wait "$pid" 2>/dev/null || true
  printf '%-22s cpu %6s s   wall %6.2f s   rss %4s MiB   load %s\n' "$label" "$cpu" \
    "$(awk -v a="$t0" -v b="$t1" 'BEGIN { print (b - a) / 1e9 }')" "$rss" "$(cut -d' ' -f1-3 /proc/loadavg)"
}

uptime
dir=nrm
start "first start (no cache)"
if [ -n "$aot" ]; then
  dir=nrm-aot start "first start, AOT cache" "$aot"
fi
for i in $(seq 1 "$restarts"); do
  [ -n "$aot" ] && start "restart, AOT cache" "$aot"
  start "restart, no cache"
done
