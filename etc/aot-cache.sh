# Sourced by ./run.sh. On JDK 25 or newer, makes sure service/target/nrm-service.aot (an ahead-of-time cache of
# the classes the service loads and links while starting, JEP 483/514) matches the built jar, by a short training
# on a throw-away data directory; then prints the java option that uses it. Prints nothing on older JDKs.
# A stale or missing cache is never an error: the JVM then starts without it. The training uses the same JVM options
# as run.sh (etc/jvm.options; a cache made under other options may be refused).
nrm_aot_option() {  # $1 = JAVA_HOME, $2 = jar; prints -XX:AOTCache=… or nothing
  local java="$1/bin/java" jar="$2" aot="${2%.jar}.aot" v
  v="$(nrm_jdk_feature "$1" 2>/dev/null)" || return 0
  [ -n "$v" ] && [ "$v" -ge 25 ] || return 0
  # Trained again when the jar or the JVM options (etc/jvm.options) are newer than the cache.
  if [ ! -f "$aot" ] || [ "$jar" -nt "$aot" ] || [ "$(dirname "${BASH_SOURCE[0]}")/jvm.options" -nt "$aot" ]; then
    local dir
    dir="$(mktemp -d)"
    echo "Training the start-up cache (once per build): $aot" >&2
    # Trained on a restart, the start that should be quick (the first start creates the data: migrations, demo keys).
    nrm_aot_start_until_healthy "$java" "$jar" "$dir"
    nrm_aot_start_until_healthy "$java" "$jar" "$dir" -XX:AOTCacheOutput="$aot"
    rm -rf "$dir"
    [ -f "$aot" ] && touch "$aot"
  fi
  [ -f "$aot" ] && echo "-XX:AOTCache=$aot"
  return 0
}

nrm_aot_start_until_healthy() {  # $1 = java, $2 = jar, $3 = data directory, then extra JVM options
  local java="$1" jar="$2" dir="$3" port pid i
  shift 3
  port=$((20000 + RANDOM % 40000))
  # System properties win over the environment: the training never touches the configured database or data.
  "$java" "@$(dirname "${BASH_SOURCE[0]}")/jvm.options" "$@" \
    -Xlog:aot=error -Dserver.port="$port" -Dserver.host=127.0.0.1 -Dnrm.data-dir="$dir" -Dnrm.db.url= \
    -Dnrm.demo.enabled=true -Dnrm.demo.password=aot-training-only -Dnrm.keystore.password= \
    -jar "$jar" >>"$dir/training.log" 2>&1 &
  pid=$!
  # Up to the first healthy answer (health answers once screenings can be served).
  for i in $(seq 1 1200); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port" && printf 'GET /observe/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' >&3 \
        && head -n 1 <&3 | grep -q ' 2[0-9][0-9] ') 2>/dev/null; then break; fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -TERM "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
