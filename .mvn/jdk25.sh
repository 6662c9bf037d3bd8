# Finds a JDK 25 or newer; sourced by ./mvnw, ./soma and .ci/run so they agree on which JDK runs Soma.
# soma_use_jdk25 exports JAVA_HOME: the current JAVA_HOME if it is a JDK 25+, else the JDK of the `java` on the
# PATH if that is 25+, else the first JDK 25+ in the usual install folders. It returns 1 when there is none.

soma_java_major() { # prints the feature version of the JDK at $1, or nothing
  local java="$1/bin/java" version
  [[ -x "$java" ]] || return 0
  # The JDK's release file says it without starting a JVM (that costs ~50 ms of every ./soma call); a JDK without
  # one is asked.
  if [[ -f "$1/release" ]]; then
    version=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" | head -1)
    if [[ -n "$version" ]]; then
      echo "$version"
      return 0
    fi
  fi
  "$java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -1
}

soma_use_jdk25() {
  local candidate major path_java=""
  if command -v java >/dev/null 2>&1; then
    path_java=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
  fi
  for candidate in "${JAVA_HOME:-}" "$path_java" /usr/lib/jvm/* /opt/java/* /opt/jdk* \
      "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/*; do
    [[ -n "$candidate" && -d "$candidate" ]] || continue
    major=$(soma_java_major "$candidate")
    if [[ -n "$major" && "$major" -ge 25 ]]; then
      if [[ "${JAVA_HOME:-}" != "$candidate" && -z "${SOMA_QUIET_JDK:-}" ]]; then
        echo "(using the JDK 25 at $candidate; set JAVA_HOME to choose another)"
      fi
      export JAVA_HOME="$candidate"
      return 0
    fi
  done
  return 1
}
