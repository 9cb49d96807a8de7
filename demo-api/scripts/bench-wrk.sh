#!/usr/bin/env bash
# demo-api/scripts/bench-wrk.sh [options]
#
# Throughput of demo-api's secured GET /posts, side by side in one run, with wrk. Every request of every endpoint
# carries the SAME Authorization header: a real access token from a real Keycloak (johndoe/secret through the
# legacy-database provider, client demo-cli, scope read:posts; RS256, about 1.3 KB). Five endpoints:
#   plain       demo-api as shipped (default settings)                             GET /posts
#   plain-twin  the same process, GET /bench/posts: same handler, a filter chain without token work
#   fast        demo-api with the opt-in fast path (DEMOAPI_FASTPATH_ENABLED=true)  GET /posts
#   fast-twin   the same process, GET /bench/posts
#   stock       a stock Spring Boot resource server, issuer-uri only (demo-api/scripts/stock-resource-server),
#               GET /posts answering the same [] (not part of the build; this script builds it)
# and four ratios: plain ÷ plain-twin, fast ÷ fast-twin, plain ÷ stock, fast ÷ stock, of requests/s and of the CPU
# time each server process spends per request (utime+stime from /proc; the other load on a shared machine disturbs
# it far less than requests/s).
# Steps:
#   1. installs wrk with apt-get if missing;
#   2. builds local-stack with -am (Keycloak distribution, provider, demo-api.jar; package only, nothing installed)
#      and the stock server (skip both with --no-build);
#   3. starts a private stack through the local-stack launcher (own state dir, free ports) for Keycloak, with
#      --http-access-log-enabled=true; its own demo-api stays idle;
#   4. starts the three measured servers with the same JVM options (-Xss512k -Xmx512m, default tiered JIT = C2),
#      demo-api twice with DEMOAPI_BENCHMARKTWIN_ENABLED=true;
#   5. checks: 401 without a token everywhere, 200 with it, the same body from all five endpoints;
#   6. warms each endpoint up, then runs ROUNDS rounds of all five with the same threads, connections and duration,
#      rotating the order every round; a fresh token per round (the realm's tokens live 300 s), the same for all five;
#   7. counts the requests Keycloak logged apart from the token grants (expected: discovery and JWKS, once per
#      server);
#   8. stops everything and prints a Markdown summary (also OUT/summary.md).
# Options (defaults in brackets):
#   --rounds N [4]  --duration S [8]  --warmup S [30]  --threads T [2]  --connections C [16]
#   --jfr           record a JFR profile of each server (OUT/<server>.jfr, settings=profile, a sample every 2 ms,
#                   stacks 256 deep); demo-api/scripts/jfr-split.py OUT ENDPOINT... splits it per endpoint
#   --no-build      use the existing artifacts
#   --keep-state    do not pass --reset (reuse the previous Keycloak database and SQLite file)
# Environment: BENCH_STATE_DIR [target/bench-stack], BENCH_OUT_DIR [target/bench-results/<timestamp>].
# Run it alone on the machine: flock /tmp/legacy-bridge-measure.lock demo-api/scripts/bench-wrk.sh
set -euo pipefail

SELF="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/$(basename "${BASH_SOURCE[0]}")"
ROOT="$(cd "$(dirname "$SELF")/../.." && pwd)"
cd "$ROOT"
rounds=4 duration=8 warmup=30 threads=2 connections=16 jfr=false build=true reset=--reset
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds="$2"; shift ;;
    --duration) duration="$2"; shift ;;
    --warmup) warmup="$2"; shift ;;
    --threads) threads="$2"; shift ;;
    --connections) connections="$2"; shift ;;
    --jfr) jfr=true ;;
    --no-build) build=false ;;
    --keep-state) reset="" ;;
    -h|--help) sed -n '2,35p' "$SELF" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "Unknown option $1 (try --help)" >&2; exit 64 ;;
  esac
  shift
done

STATE="${BENCH_STATE_DIR:-$ROOT/target/bench-stack}"
OUT="${BENCH_OUT_DIR:-$ROOT/target/bench-results/$(date +%Y%m%dT%H%M%S)}"
LAUNCHER="$ROOT/local-stack/target/local-stack-exec.jar"
ARTIFACTS="$ROOT/local-stack/target/stack"
API_JAR="$ROOT/demo-api/target/demo-api.jar"
STOCK_DIR="$ROOT/demo-api/scripts/stock-resource-server"
STOCK_JAR="$STOCK_DIR/target/stock-resource-server.jar"
JVM_OPTS=(-Xss512k -Xmx512m)
SERVERS=(plain fast stock)
ENDPOINTS=(plain plain-twin fast fast-twin stock)
mkdir -p "$STATE" "$OUT"
log() { printf '[bench %s] %s\n' "$(date +%T)" "$*" >&2; }

# ---- 1. wrk ----
if ! command -v wrk >/dev/null 2>&1; then
  log "installing wrk (apt-get)"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get install -y -q wrk >/dev/null || { $SUDO apt-get update -q >/dev/null && $SUDO apt-get install -y -q wrk >/dev/null; }
fi

# ---- 2. artifacts ----
if $build; then
  log "building local-stack -am and the stock resource server (package only)"
  mvn -q -B -pl local-stack -am package -Dmaven.test.skip=true > "$OUT/maven.log" 2>&1 \
    || { tail -n 40 "$OUT/maven.log" >&2; exit 1; }
  mvn -q -B -f "$STOCK_DIR/pom.xml" package -Dmaven.test.skip=true >> "$OUT/maven.log" 2>&1 \
    || { tail -n 40 "$OUT/maven.log" >&2; exit 1; }
fi
for f in "$LAUNCHER" "$ARTIFACTS/keycloak-dist.zip" "$ARTIFACTS/providers" "$API_JAR" "$STOCK_JAR"; do
  [ -e "$f" ] || { echo "Missing $f: run without --no-build" >&2; exit 1; }
done

# ---- 3. Keycloak (private stack) ----
free_port() {
  local p
  while :; do
    p=$(( 20000 + RANDOM % 40000 ))
    if [ -z "$(ss -Htln "sport = :$p")" ]; then echo "$p"; return; fi
  done
}
STACK_PID=""
declare -A PID PORT
stop_all() {
  for s in "${SERVERS[@]}"; do
    if [ -n "${PID[$s]:-}" ] && kill -0 "${PID[$s]}" 2>/dev/null; then
      kill -TERM "${PID[$s]}" 2>/dev/null || true
      wait "${PID[$s]}" 2>/dev/null || true
    fi
  done
  if [ -n "$STACK_PID" ] && kill -0 "$STACK_PID" 2>/dev/null; then
    log "stopping the stack (pid $STACK_PID)"
    kill -TERM "$STACK_PID" 2>/dev/null || true
    wait "$STACK_PID" 2>/dev/null || true
  fi
}
trap stop_all EXIT
trap 'exit 130' INT TERM
start_stack() {  # 0 = ready, 2 = a port was taken meanwhile (retry), exits otherwise
  KC_PORT=$(free_port); MGMT_PORT=$(free_port); IDLE_API_PORT=$(free_port)
  KC="http://localhost:$KC_PORT"
  ISSUER="$KC/realms/demo"
  log "starting Keycloak (state $STATE, port $KC_PORT); output in $OUT/stack.out"
  java -jar "$LAUNCHER" --repo-root "$ROOT" --artifacts "$ARTIFACTS" --state-dir "$STATE" $reset \
    --keycloak-port "$KC_PORT" --management-port "$MGMT_PORT" --api-port "$IDLE_API_PORT" \
    --keycloak-access-log > "$OUT/stack.out" 2>&1 &
  STACK_PID=$!
  local deadline=$(( SECONDS + 600 ))
  until grep -q "stack ready" "$OUT/stack.out" 2>/dev/null; do
    if ! kill -0 "$STACK_PID" 2>/dev/null; then
      grep -q "already in use" "$OUT/stack.out" && return 2
      cat "$OUT/stack.out" >&2; echo "stack exited" >&2; exit 1
    fi
    [ $SECONDS -lt $deadline ] || { tail -n 30 "$OUT/stack.out" >&2; echo "stack not ready in 600 s" >&2; exit 1; }
    sleep 1
  done
}
for attempt in 1 2 3; do
  rc=0; start_stack || rc=$?
  [ $rc -eq 0 ] && break
  log "a port was taken meanwhile; new ports"
  [ $attempt -lt 3 ] || { cat "$OUT/stack.out" >&2; exit 1; }
done
log "$(grep -o 'stack ready in [0-9.]* s' "$OUT/stack.out")"
KC_LOG="$STATE/logs/keycloak.log"

# ---- 4. the three measured servers ----
start_server() {  # name jar env... ; sets PID[name], PORT[name]
  local name=$1 jar=$2; shift 2
  local port; port=$(free_port)
  local -a opts=("${JVM_OPTS[@]}")
  $jfr && opts+=(-XX:FlightRecorderOptions=stackdepth=256
    "-XX:StartFlightRecording=filename=$OUT/$name.jfr,settings=profile,jdk.ExecutionSample#period=2ms,dumponexit=true")
  env SERVER_PORT="$port" SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUERURI="$ISSUER" "$@" \
    java "${opts[@]}" -jar "$jar" > "$OUT/$name.log" 2>&1 < /dev/null &
  PID[$name]=$!
  PORT[$name]=$port
}
start_server plain "$API_JAR" DEMOAPI_BENCHMARKTWIN_ENABLED=true
start_server fast "$API_JAR" DEMOAPI_BENCHMARKTWIN_ENABLED=true DEMOAPI_FASTPATH_ENABLED=true
start_server stock "$STOCK_JAR"
for s in "${SERVERS[@]}"; do
  deadline=$(( SECONDS + 180 ))
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:${PORT[$s]}/posts")" = 401 ]; do
    kill -0 "${PID[$s]}" 2>/dev/null || { tail -n 30 "$OUT/$s.log" >&2; echo "$s exited" >&2; exit 1; }
    [ $SECONDS -lt $deadline ] || { tail -n 30 "$OUT/$s.log" >&2; echo "$s not up in 180 s" >&2; exit 1; }
    sleep 1
  done
  log "$s up on port ${PORT[$s]} (pid ${PID[$s]})"
done
url() {  # endpoint -> URL
  case "$1" in
    plain) echo "http://127.0.0.1:${PORT[plain]}/posts" ;;
    plain-twin) echo "http://127.0.0.1:${PORT[plain]}/bench/posts" ;;
    fast) echo "http://127.0.0.1:${PORT[fast]}/posts" ;;
    fast-twin) echo "http://127.0.0.1:${PORT[fast]}/bench/posts" ;;
    stock) echo "http://127.0.0.1:${PORT[stock]}/posts" ;;
  esac
}
server_of() { echo "${1%-twin}"; }
CLK_TCK=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/${PID[$1]}/stat"; }

# ---- 5. token and checks ----
new_token() {
  curl -sS -d grant_type=password -d client_id=demo-cli -d username=johndoe -d password=secret \
    --data-urlencode "scope=read:posts" "$KC/realms/demo/protocol/openid-connect/token" | jq -er .access_token
}
TOKEN=$(new_token)
kc_lines_before=$(wc -l < "$KC_LOG")
reference=""
for e in "${ENDPOINTS[@]}"; do
  code=$(curl -s -D "$OUT/check-$e.headers" -o "$OUT/check-$e.body" -w '%{http_code}' \
    -H "Authorization: Bearer $TOKEN" "$(url "$e")")
  [ "$code" = 200 ] || { echo "$e: $(url "$e") with the token answered $code" >&2; exit 1; }
  body=$(cat "$OUT/check-$e.body")
  [ -z "$reference" ] && reference="$body"
  [ "$body" = "$reference" ] || { echo "$e answers [$body], plain answers [$reference]" >&2; exit 1; }
done
for s in plain fast; do   # a secured response and its twin's differ in nothing but the Date header
  diff <(grep -iv '^date:' "$OUT/check-$s.headers") <(grep -iv '^date:' "$OUT/check-$s-twin.headers") >&2 \
    || { echo "$s and $s-twin answer different headers" >&2; exit 1; }
done
echo "Authorization header: $(( ${#TOKEN} + 7 )) bytes; body of every endpoint: $reference" > "$OUT/checks.txt"

# ---- 6. wrk ----
run_wrk() {  # endpoint seconds label
  local e=$1 secs=$2 label=$3 s; s=$(server_of "$1")
  local before after
  before=$(cpu_ticks "$s")
  local started; started=$(date +%s%3N)
  wrk -t"$threads" -c"$connections" -d"${secs}s" --latency -H "Authorization: Bearer $TOKEN" "$(url "$e")" \
    > "$OUT/$label.txt"
  after=$(cpu_ticks "$s")
  echo "$label $s $started $(date +%s%3N)" >> "$OUT/runs.txt"   # label, server, start and end (epoch ms) for JFR
  awk -v t=$(( after - before )) -v hz="$CLK_TCK" '/requests in/ {printf "%.1f\n", t * 1e6 / hz / $1}' \
    "$OUT/$label.txt" > "$OUT/$label.cpu"
  if grep -q "Non-2xx" "$OUT/$label.txt"; then
    cat "$OUT/$label.txt" >&2; echo "$label: non-2xx responses" >&2; exit 1
  fi
  echo "$label load $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/loadavg.txt"
}
rps() { awk '/^Requests\/sec:/ {print $2}' "$1"; }

echo "start load $(cut -d' ' -f1-3 /proc/loadavg)" > "$OUT/loadavg.txt"
log "warm-up: ${warmup} s per endpoint"
for e in "${ENDPOINTS[@]}"; do
  run_wrk "$e" "$warmup" "warmup-$e"
done
for r in $(seq 1 "$rounds"); do
  TOKEN=$(new_token)
  order=("${ENDPOINTS[@]:$(( (r - 1) % 5 ))}" "${ENDPOINTS[@]:0:$(( (r - 1) % 5 ))}")
  for e in "${order[@]}"; do
    log "round $r: $e (${duration} s, -t$threads -c$connections)"
    run_wrk "$e" "$duration" "$e-$r"
  done
done
end_load=$(cut -d' ' -f1-3 /proc/loadavg)

# ---- 7. what Keycloak received besides our token grants ----
tail -n +"$(( kc_lines_before + 1 ))" "$KC_LOG" | grep 'org.keycloak.http.access-log' \
  | grep -v '/protocol/openid-connect/token' > "$OUT/keycloak-access.log" || true
kc_requests=$(wc -l < "$OUT/keycloak-access.log")
kc_by_path=$(sed -E 's/.*"([A-Z]+) ([^ ?"]+)[^"]*".*/\1 \2/' "$OUT/keycloak-access.log" | sort | uniq -c | sed 's/^ *//')
total_requests=0
for f in "$OUT"/*-[0-9]*.txt "$OUT"/warmup-*.txt; do
  n=$(awk '/requests in/ {print $1}' "$f"); total_requests=$(( total_requests + n ))
done

stop_all
trap - EXIT

# ---- 8. summary ----
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.3f", a / b}'; }
declare -A SUM_RPS SUM_CPU
for e in "${ENDPOINTS[@]}"; do SUM_RPS[$e]=0; SUM_CPU[$e]=0; done
{
  echo "Requests/s (ratios of requests/s):"
  echo
  echo "| round | plain | plain twin | fast | fast twin | stock | plain ÷ twin | fast ÷ twin | plain ÷ stock | fast ÷ stock |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
  for r in $(seq 1 "$rounds"); do
    declare -A V
    for e in "${ENDPOINTS[@]}"; do
      V[$e]=$(rps "$OUT/$e-$r.txt")
      SUM_RPS[$e]=$(awk -v a="${SUM_RPS[$e]}" -v b="${V[$e]}" 'BEGIN {print a + b}')
    done
    printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$r" "${V[plain]}" "${V[plain-twin]}" \
      "${V[fast]}" "${V[fast-twin]}" "${V[stock]}" "$(ratio "${V[plain]}" "${V[plain-twin]}")" \
      "$(ratio "${V[fast]}" "${V[fast-twin]}")" "$(ratio "${V[plain]}" "${V[stock]}")" \
      "$(ratio "${V[fast]}" "${V[stock]}")"
  done
  printf '| **sum** | %.0f | %.0f | %.0f | %.0f | %.0f | **%s** | **%s** | **%s** | **%s** |\n' "${SUM_RPS[plain]}" \
    "${SUM_RPS[plain-twin]}" "${SUM_RPS[fast]}" "${SUM_RPS[fast-twin]}" "${SUM_RPS[stock]}" \
    "$(ratio "${SUM_RPS[plain]}" "${SUM_RPS[plain-twin]}")" "$(ratio "${SUM_RPS[fast]}" "${SUM_RPS[fast-twin]}")" \
    "$(ratio "${SUM_RPS[plain]}" "${SUM_RPS[stock]}")" "$(ratio "${SUM_RPS[fast]}" "${SUM_RPS[stock]}")"
  echo
  echo "Server CPU µs per request (ratios inverted, twin ÷ secured and stock ÷ demo-api: what the throughput ratio would"
  echo "be if the server alone were the bottleneck):"
  echo
  echo "| round | plain | plain twin | fast | fast twin | stock | plain ÷ twin | fast ÷ twin | plain ÷ stock | fast ÷ stock |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
  for r in $(seq 1 "$rounds"); do
    declare -A C
    for e in "${ENDPOINTS[@]}"; do
      C[$e]=$(cat "$OUT/$e-$r.cpu")
      SUM_CPU[$e]=$(awk -v a="${SUM_CPU[$e]}" -v b="${C[$e]}" 'BEGIN {print a + b}')
    done
    printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$r" "${C[plain]}" "${C[plain-twin]}" \
      "${C[fast]}" "${C[fast-twin]}" "${C[stock]}" "$(ratio "${C[plain-twin]}" "${C[plain]}")" \
      "$(ratio "${C[fast-twin]}" "${C[fast]}")" "$(ratio "${C[stock]}" "${C[plain]}")" \
      "$(ratio "${C[stock]}" "${C[fast]}")"
  done
  printf '| **mean** | %.1f | %.1f | %.1f | %.1f | %.1f | **%s** | **%s** | **%s** | **%s** |\n' \
    "$(awk -v a="${SUM_CPU[plain]}" -v n="$rounds" 'BEGIN {print a / n}')" \
    "$(awk -v a="${SUM_CPU[plain-twin]}" -v n="$rounds" 'BEGIN {print a / n}')" \
    "$(awk -v a="${SUM_CPU[fast]}" -v n="$rounds" 'BEGIN {print a / n}')" \
    "$(awk -v a="${SUM_CPU[fast-twin]}" -v n="$rounds" 'BEGIN {print a / n}')" \
    "$(awk -v a="${SUM_CPU[stock]}" -v n="$rounds" 'BEGIN {print a / n}')" \
    "$(ratio "${SUM_CPU[plain-twin]}" "${SUM_CPU[plain]}")" "$(ratio "${SUM_CPU[fast-twin]}" "${SUM_CPU[fast]}")" \
    "$(ratio "${SUM_CPU[stock]}" "${SUM_CPU[plain]}")" "$(ratio "${SUM_CPU[stock]}" "${SUM_CPU[fast]}")"
  echo
  echo "wrk -t$threads -c$connections -d${duration}s --latency, $rounds rounds (order rotated each round) after ${warmup} s"
  echo "warm-up per endpoint; JVM options of all three servers: ${JVM_OPTS[*]} (default tiered JIT); $(cat "$OUT/checks.txt")."
  echo "$total_requests requests in total (warm-up included)."
  echo "Load average (1/5/15 min): $(head -1 "$OUT/loadavg.txt" | cut -d' ' -f3-) at start, $end_load at the end."
  echo
  echo "Requests Keycloak received besides the token grants: $kc_requests"
  echo '```'
  echo "$kc_by_path"
  echo '```'
} | tee "$OUT/summary.md"
log "raw wrk output, loadavg.txt, server logs and keycloak-access.log in $OUT"
