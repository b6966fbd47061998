# Sourced by ./run.sh. On JDK 25 or newer, makes sure service/target/nrm-service.aot (an ahead-of-time cache of
# the classes the service loads and links while starting, JEP 483/514) matches the built jar, by one short training
# start on a throw-away data directory; then prints the java option that uses it. Prints nothing on older JDKs.
# A stale or missing cache is never an error: the JVM then starts without it. The training uses the same JVM options
# as run.sh (a cache made under other options may be refused).
nrm_aot_option() {  # $1 = JAVA_HOME, $2 = jar; prints -XX:AOTCache=… or nothing
  local java="$1/bin/java" jar="$2" aot="${2%.jar}.aot" v
  v="$(nrm_jdk_feature "$1" 2>/dev/null)" || return 0
  [ -n "$v" ] && [ "$v" -ge 25 ] || return 0
  if [ ! -f "$aot" ] || [ "$jar" -nt "$aot" ]; then
    local dir port pid i
    dir="$(mktemp -d)"
    port=$((20000 + RANDOM % 40000))
    echo "Training the start-up cache (once per build): $aot" >&2
    # System properties win over the environment: the training never touches the configured database or data.
    "$java" --enable-native-access=ALL-UNNAMED -Dsun.misc.unsafe.memory.access=allow -XX:AOTCacheOutput="$aot" \
      -Xlog:aot=error -Dserver.port="$port" -Dserver.host=127.0.0.1 -Dnrm.data-dir="$dir" -Dnrm.db.url= \
      -Dnrm.demo.enabled=true -Dnrm.demo.password=aot-training-only -Dnrm.keystore.password= \
      -jar "$jar" >"$dir/training.log" 2>&1 &
    pid=$!
    for i in $(seq 1 600); do
      if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    rm -rf "$dir"
    [ -f "$aot" ] && touch "$aot"
  fi
  [ -f "$aot" ] && echo "-XX:AOTCache=$aot"
  return 0
}
