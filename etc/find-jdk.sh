# Sourced by ./mvnw and ./run.sh: prints the home of a JDK 21 or newer, or explains what to install.
nrm_jdk_feature() {  # prints the feature version (17, 21, 25 …) of the JDK at $1
  local release="$1/release"
  [ -x "$1/bin/javac" ] && [ -f "$release" ] || return 1
  sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release"
}
nrm_find_jdk() {
  local best="" best_v=0 v candidate
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
    [ -n "$candidate" ] && [ -d "$candidate" ] || continue
    v="$(nrm_jdk_feature "$candidate" 2>/dev/null)" || continue
    [ -n "$v" ] || continue
    if [ "$candidate" = "${JAVA_HOME:-}" ] && [ "$v" -ge 21 ]; then echo "$candidate"; return 0; fi
    if [ "$v" -ge 21 ] && [ "$v" -gt "$best_v" ]; then best="$candidate"; best_v="$v"; fi
  done
  if [ -n "$best" ]; then echo "$best"; return 0; fi
  echo "No JDK 21 or newer found (JAVA_HOME or /usr/lib/jvm): install one, e.g. 'apt-get install openjdk-21-jdk-headless', or set JAVA_HOME." >&2
  return 1
}
