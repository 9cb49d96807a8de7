#!/usr/bin/env bash
# demo-api/scripts/bench-wrk.sh [options]
#
# Throughput of demo-api's secured GET /posts (a real johndoe access token, scope read:posts, RS256-verified per
# request) against its permitAll twin GET /bench/posts (same handler method, no token), with wrk, in one run:
#   1. installs wrk with apt-get if missing;
#   2. builds local-stack (its launcher jar and target/stack/) WITHOUT -am: demo-api and keycloak-provider come from
#      ~/.m2 as installed (skip with --no-build);
#   3. starts a private stack (own state dir, free ports): Keycloak with --http-access-log-enabled=true, demo-api with
#      DEMOAPI_BENCHMARKTWIN_ENABLED=true;
#   4. takes one token for johndoe/secret (client demo-cli, scope read:posts);
#   5. warms both endpoints up, then runs ROUNDS rounds, each secured and unsecured with the same threads,
#      connections and duration, alternating which goes first;
#   6. counts the requests Keycloak logged from just after the token grant to the end (expected: the OpenID
#      discovery and the JWKS, once each), and demo-api's own CPU time (utime+stime) per request of each run,
#      which the other processes on a shared machine disturb far less than requests/s;
#   7. stops the stack and prints a Markdown summary (also written to OUT/summary.md).
# Options (defaults in brackets):
#   --rounds N [4]  --duration S [8]  --warmup S [30]  --threads T [2]  --connections C [16]
#                   (30 s per endpoint is what C2 needed to settle on a busy 2-vCPU machine)
#   --posts N [0]   posts created before the run (both endpoints return the same list)
#   --jfr           record a JFR profile of demo-api (OUT/demo-api.jfr, settings=profile)
#   --c1-only       keep the launcher's start-time JIT setting for demo-api (-XX:TieredStopAtLevel=1); by default
#                   the benchmark gives demo-api back the JVM's default tiered compilation (C2), as in production
#   --api-env NAME=VALUE   extra environment for demo-api (repeatable), e.g. to compare settings
#   --no-build      use the existing local-stack/target artifacts
#   --keep-state    do not pass --reset (reuse the previous Keycloak database and SQLite file)
# Environment: BENCH_STATE_DIR [target/bench-stack], BENCH_OUT_DIR [target/bench-results/<timestamp>],
#   BENCH_ARTIFACTS [local-stack/target/stack] (keycloak-dist.zip, providers/, demo-api.jar; e.g. another demo-api).
set -euo pipefail

SELF="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/$(basename "${BASH_SOURCE[0]}")"
ROOT="$(cd "$(dirname "$SELF")/../.." && pwd)"
cd "$ROOT"
rounds=4 duration=8 warmup=30 threads=2 connections=16 posts=0 jfr=false build=true reset=--reset c2=true
extra_env=()
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds="$2"; shift ;;
    --duration) duration="$2"; shift ;;
    --warmup) warmup="$2"; shift ;;
    --threads) threads="$2"; shift ;;
    --connections) connections="$2"; shift ;;
    --posts) posts="$2"; shift ;;
    --jfr) jfr=true ;;
    --c1-only) c2=false ;;
    --api-env) extra_env+=(--api-env "$2"); shift ;;
    --no-build) build=false ;;
    --keep-state) reset="" ;;
    -h|--help) sed -n '2,29p' "$SELF" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "Unknown option $1 (try --help)" >&2; exit 64 ;;
  esac
  shift
done

STATE="${BENCH_STATE_DIR:-$ROOT/target/bench-stack}"
OUT="${BENCH_OUT_DIR:-$ROOT/target/bench-results/$(date +%Y%m%dT%H%M%S)}"
JAR="$ROOT/local-stack/target/local-stack-exec.jar"
ARTIFACTS="${BENCH_ARTIFACTS:-$ROOT/local-stack/target/stack}"
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
  log "building local-stack (no -am; demo-api and keycloak-provider from ~/.m2)"
  mvn -q -B -pl local-stack package -Dmaven.test.skip=true > "$OUT/maven.log" 2>&1 \
    || { tail -n 40 "$OUT/maven.log" >&2; exit 1; }
fi
for f in "$JAR" "$ARTIFACTS/demo-api.jar" "$ARTIFACTS/keycloak-dist.zip" "$ARTIFACTS/providers"; do
  [ -e "$f" ] || { echo "Missing $f: build local-stack first (without --no-build)" >&2; exit 1; }
done

# ---- 3. stack ----
free_port() {
  local p
  while :; do
    p=$(( 20000 + RANDOM % 40000 ))
    if [ -z "$(ss -Htln "sport = :$p")" ]; then echo "$p"; return; fi
  done
}
api_opts=(--api-env DEMOAPI_BENCHMARKTWIN_ENABLED=true ${extra_env[@]+"${extra_env[@]}"})
if $c2; then
  api_opts+=(--api-jvm-opt -XX:TieredStopAtLevel=4)
fi
if $jfr; then
  api_opts+=(--api-jvm-opt "-XX:StartFlightRecording=filename=$OUT/demo-api.jfr,settings=profile,dumponexit=true")
fi
STACK_PID=""
stop_stack() {
  if [ -n "$STACK_PID" ] && kill -0 "$STACK_PID" 2>/dev/null; then
    log "stopping the stack (pid $STACK_PID)"
    kill -TERM "$STACK_PID" 2>/dev/null || true
    wait "$STACK_PID" 2>/dev/null || true
  fi
}
trap stop_stack EXIT
trap 'exit 130' INT TERM
start_stack() {  # 0 = ready, 2 = a port was taken meanwhile (retry), exits otherwise
  KC_PORT=$(free_port); MGMT_PORT=$(free_port); API_PORT=$(free_port)
  KC="http://localhost:$KC_PORT"
  API="http://127.0.0.1:$API_PORT"
  log "starting the stack (state $STATE, Keycloak :$KC_PORT, demo-api :$API_PORT); output in $OUT/stack.out"
  java -jar "$JAR" --repo-root "$ROOT" --artifacts "$ARTIFACTS" --state-dir "$STATE" $reset \
    --keycloak-port "$KC_PORT" --management-port "$MGMT_PORT" --api-port "$API_PORT" \
    --keycloak-access-log "${api_opts[@]}" > "$OUT/stack.out" 2>&1 &
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
API_PID=$(pgrep -P "$STACK_PID" -f 'demo-api\.jar' | head -1)
[ -n "$API_PID" ] || { echo "demo-api process not found" >&2; exit 1; }
CLK_TCK=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$API_PID/stat"; }

# ---- 4. token (and optional posts) ----
grant() {  # scope -> token response JSON
  curl -sS -d grant_type=password -d client_id=demo-cli -d username=johndoe -d password=secret \
    --data-urlencode "scope=$1" "$KC/realms/demo/protocol/openid-connect/token"
}
if [ "$posts" -gt 0 ]; then
  WRITE=$(grant "write:posts" | jq -er .access_token)
  for i in $(seq 1 "$posts"); do
    curl -sS -o /dev/null -w '%{http_code}\n' -H "Authorization: Bearer $WRITE" -H 'Content-Type: application/json' \
      -d "{\"title\":\"Post $i\",\"body\":\"Benchmark post number $i, a sentence or two of text.\"}" "$API/posts" \
      | grep -q 201 || { echo "creating post $i failed" >&2; exit 1; }
  done
fi
response=$(grant "read:posts")
TOKEN=$(jq -er .access_token <<<"$response")
expires_in=$(jq -er .expires_in <<<"$response")
needed=$(( 2 * warmup + 2 * rounds * duration + 20 ))
[ "$needed" -lt "$expires_in" ] || { echo "run needs ${needed} s, longer than the token's ${expires_in} s" >&2; exit 1; }
# Everything Keycloak logs from here on was asked by demo-api (or by nobody).
kc_lines_before=$(wc -l < "$KC_LOG")

[ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$API/posts")" = 200 ] \
  || { echo "GET /posts with the token is not 200" >&2; exit 1; }
[ "$(curl -s -o /dev/null -w '%{http_code}' "$API/bench/posts")" = 200 ] \
  || { echo "GET /bench/posts is not 200 (twin not enabled?)" >&2; exit 1; }
[ "$(curl -s -o /dev/null -w '%{http_code}' "$API/posts")" = 401 ] \
  || { echo "GET /posts without a token is not 401" >&2; exit 1; }
body_secured=$(curl -s -H "Authorization: Bearer $TOKEN" "$API/posts")
body_twin=$(curl -s "$API/bench/posts")
[ "$body_secured" = "$body_twin" ] || { echo "the two endpoints answer different bodies" >&2; exit 1; }

# ---- 5. wrk ----
run_wrk() {  # name seconds -> OUT/<name>.txt
  local name=$1 secs=$2 kind=${1%%-*}
  local -a args=(-t"$threads" -c"$connections" -d"${secs}s" --latency)
  local before after
  before=$(cpu_ticks)
  if [ "$kind" = secured ]; then
    wrk "${args[@]}" -H "Authorization: Bearer $TOKEN" "$API/posts" > "$OUT/$name.txt"
  else
    wrk "${args[@]}" "$API/bench/posts" > "$OUT/$name.txt"
  fi
  after=$(cpu_ticks)
  awk -v t=$(( after - before )) -v hz="$CLK_TCK" '/requests in/ {printf "%.1f\n", t * 1e6 / hz / $1}' \
    "$OUT/$name.txt" > "$OUT/$name.cpu"
  if grep -q "Non-2xx" "$OUT/$name.txt"; then
    cat "$OUT/$name.txt" >&2; echo "$name: non-2xx responses" >&2; exit 1
  fi
  echo "$name load $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/loadavg.txt"
}
rps() { awk '/^Requests\/sec:/ {print $2}' "$1"; }
pct() { awk -v p="$2%" '$1 == p {print $2}' "$1"; }   # 50 / 99 from --latency

echo "start load $(cut -d' ' -f1-3 /proc/loadavg)" > "$OUT/loadavg.txt"
log "warm-up: ${warmup} s each"
run_wrk secured-warmup "$warmup"
run_wrk unsecured-warmup "$warmup"
for r in $(seq 1 "$rounds"); do
  if [ $(( r % 2 )) -eq 1 ]; then order="secured unsecured"; else order="unsecured secured"; fi
  for kind in $order; do
    log "round $r: $kind (${duration} s, -t$threads -c$connections)"
    run_wrk "$kind-$r" "$duration"
  done
done
end_load=$(cut -d' ' -f1-3 /proc/loadavg)

# ---- 6. what Keycloak received ----
tail -n +"$(( kc_lines_before + 1 ))" "$KC_LOG" | grep 'org.keycloak.http.access-log' > "$OUT/keycloak-access.log" || true
kc_requests=$(wc -l < "$OUT/keycloak-access.log")
kc_by_path=$(sed -E 's/.*"([A-Z]+) ([^ ?"]+)[^"]*".*/\1 \2/' "$OUT/keycloak-access.log" | sort | uniq -c | sed 's/^ *//')
jwks_requests=$(grep -c '/protocol/openid-connect/certs' "$OUT/keycloak-access.log" || true)
discovery_requests=$(grep -c '/.well-known/openid-configuration' "$OUT/keycloak-access.log" || true)
total_api_requests=0
for f in "$OUT"/secured-*.txt "$OUT"/unsecured-*.txt; do
  n=$(awk '/requests in/ {print $1}' "$f"); total_api_requests=$(( total_api_requests + n ))
done

stop_stack
trap - EXIT

# ---- 7. summary ----
{
  echo "| round | secured req/s | unsecured req/s | ratio | secured p50 / p99 | unsecured p50 / p99 | demo-api CPU µs/req secured / unsecured | CPU ratio |"
  echo "|---|---|---|---|---|---|---|---|"
  sum_s=0; sum_u=0; sum_cs=0; sum_cu=0
  for r in $(seq 1 "$rounds"); do
    s=$(rps "$OUT/secured-$r.txt"); u=$(rps "$OUT/unsecured-$r.txt")
    cs=$(cat "$OUT/secured-$r.cpu"); cu=$(cat "$OUT/unsecured-$r.cpu")
    sum_s=$(awk -v a="$sum_s" -v b="$s" 'BEGIN {print a + b}'); sum_u=$(awk -v a="$sum_u" -v b="$u" 'BEGIN {print a + b}')
    sum_cs=$(awk -v a="$sum_cs" -v b="$cs" 'BEGIN {print a + b}'); sum_cu=$(awk -v a="$sum_cu" -v b="$cu" 'BEGIN {print a + b}')
    printf '| %s | %s | %s | %s | %s / %s | %s / %s | %s / %s | %s |\n' "$r" "$s" "$u" \
      "$(awk -v a="$s" -v b="$u" 'BEGIN {printf "%.3f", a / b}')" \
      "$(pct "$OUT/secured-$r.txt" 50)" "$(pct "$OUT/secured-$r.txt" 99)" \
      "$(pct "$OUT/unsecured-$r.txt" 50)" "$(pct "$OUT/unsecured-$r.txt" 99)" \
      "$cs" "$cu" "$(awk -v a="$cu" -v b="$cs" 'BEGIN {printf "%.3f", a / b}')"
  done
  printf '| **mean** | **%s** | **%s** | **%s** | | | **%s / %s** | **%s** |\n' \
    "$(awk -v a="$sum_s" -v n="$rounds" 'BEGIN {printf "%.0f", a / n}')" \
    "$(awk -v a="$sum_u" -v n="$rounds" 'BEGIN {printf "%.0f", a / n}')" \
    "$(awk -v a="$sum_s" -v b="$sum_u" 'BEGIN {printf "%.3f", a / b}')" \
    "$(awk -v a="$sum_cs" -v n="$rounds" 'BEGIN {printf "%.1f", a / n}')" \
    "$(awk -v a="$sum_cu" -v n="$rounds" 'BEGIN {printf "%.1f", a / n}')" \
    "$(awk -v a="$sum_cu" -v b="$sum_cs" 'BEGIN {printf "%.3f", a / b}')"
  echo
  echo "wrk -t$threads -c$connections -d${duration}s --latency, $rounds rounds after ${warmup} s warm-up each; $posts posts in the store;"
  echo "demo-api JIT: $($c2 && echo 'default tiered (C2)' || echo 'C1 only (launcher default)'); extra demo-api env: ${extra_env[*]:-none}."
  echo "$total_api_requests requests to demo-api in total (warm-up included)."
  echo "Load average (1/5/15 min): $(head -1 "$OUT/loadavg.txt" | cut -d' ' -f3-) at start, $end_load at the end."
  echo "ratio = secured ÷ unsecured requests/s; CPU ratio = unsecured ÷ secured CPU time per request (what the"
  echo "throughput ratio would be if demo-api alone were CPU-bound)."
  echo
  echo "Requests Keycloak received from after the token grant to the end: $kc_requests"
  echo "(JWKS: $jwks_requests, discovery: $discovery_requests)"
  echo '```'
  echo "$kc_by_path"
  echo '```'
} | tee "$OUT/summary.md"
log "raw wrk output, loadavg.txt and keycloak-access.log in $OUT"
