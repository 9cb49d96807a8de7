#!/usr/bin/env bash
# ./stack.sh [--build] [--reset]
#
# The one command for the local stack: the legacy SQLite database, Keycloak (with the provider and the demo realm)
# and demo-api, on localhost, until Ctrl-C.
#   1. checks java (17+) and, when something must be built, mvn;
#   2. builds what the stack needs with Maven (tests skipped) unless no source or pom changed since the last build;
#   3. execs the launcher (local-stack/target/local-stack-exec.jar), so Ctrl-C reaches it and it stops everything.
# State (Keycloak, its database, the SQLite file, logs) lives in .stack/ and survives `mvn clean`.
#   --build  run the Maven step even if nothing changed
#   --reset  re-import the realm and re-seed the SQLite file (deletes Keycloak's database and the SQLite file)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"
STATE="$ROOT/.stack"
JAR="local-stack/target/local-stack-exec.jar"
ARTIFACTS="local-stack/target/stack"
FINGERPRINT_FILE="$STATE/maven-inputs.sha256"

force_build=false
launcher_args=()
for arg in "$@"; do
  case "$arg" in
    --build) force_build=true ;;
    --reset) launcher_args+=("--reset") ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "Unknown argument: $arg (try --help)" >&2; exit 64 ;;
  esac
done

if ! command -v java >/dev/null 2>&1; then
  echo "java not found: install a JDK 17 or newer (Keycloak 26.7 runs on 17, 21 and 25)." >&2
  exit 1
fi
java_major="$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p')"
if [ -z "$java_major" ] || [ "$java_major" -lt 17 ]; then
  echo "java ${java_major:-?} found; the stack needs Java 17 or newer." >&2
  exit 1
fi

# Everything the launcher is built from: the poms and the sources of the modules it assembles, plus the realm
# definition and the seed. Path, size and modification time of each file (fast; a touched file means a rebuild).
inputs_fingerprint() {
  find pom.xml hashing legacy-store keycloak-provider demo-api local-stack realm-config legacy-db \
       -name target -prune -o -type f -printf '%p %s %T@\n' 2>/dev/null | LC_ALL=C sort | sha256sum | cut -d' ' -f1
}

mkdir -p "$STATE"
current="$(inputs_fingerprint)"
previous="$(cat "$FINGERPRINT_FILE" 2>/dev/null || true)"
if $force_build || [ "$current" != "$previous" ] || [ ! -f "$JAR" ] || [ ! -f "$ARTIFACTS/demo-api.jar" ] \
   || [ ! -f "$ARTIFACTS/keycloak-dist.zip" ] || [ ! -d "$ARTIFACTS/providers" ]; then
  if ! command -v mvn >/dev/null 2>&1; then
    echo "mvn not found: install Maven 3.8.6 or newer to build the stack." >&2
    exit 1
  fi
  echo "Building the stack with Maven (tests skipped) ..."
  start=$SECONDS
  if ! mvn -B -Dstyle.color=never -pl local-stack -am package -Dmaven.test.skip=true > "$STATE/maven.log" 2>&1; then
    tail -n 60 "$STATE/maven.log" >&2
    echo "Maven build failed; full log in .stack/maven.log" >&2
    exit 1
  fi
  echo "Maven build took $((SECONDS - start)) s."
  echo "$current" > "$FINGERPRINT_FILE"
else
  echo "Sources unchanged since the last build; skipping Maven."
fi

exec java -jar "$JAR" --repo-root "$ROOT" --artifacts "$ROOT/$ARTIFACTS" ${launcher_args[@]+"${launcher_args[@]}"}
