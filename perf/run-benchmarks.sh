#!/usr/bin/env bash
# perf/run-benchmarks.sh [options] [benchmark options]
#
# The provider's end-to-end benchmarks, in one run, against the real Keycloak 26.7.3 distribution and an embedded
# PostgreSQL 14 (nothing else is needed: no Docker, no installed database):
#   login     federated legacy user (Django pbkdf2_sha256, N iterations) vs native user (pbkdf2-sha256, same N) logins/s
#             and latency at concurrency 1, 4, 16                                       goal: federated / native >= 0.95
#   migrated  legacy-DB statements per login of users migrated by MIGRATE (pg_stat_statements) goal: 0
#   scale     1,000,000-row auth_user: lookup, admin search, count at the SQL layer (+ plans) and through the admin
#             REST API, without and with the optional indexes      goals: lookup p50 <= 1 ms, search <= 50 ms, count <= 500 ms
#   bulk      bulk migration of 100,000 users vs Keycloak's partialImport of the same users   goal: ours / theirs >= 1.0
#   page      the admin console's migration page over the 1,000,000-row auth_user: its overview call fresh, during and
#             after the background audit of every row, and with 100,000 users bulk-migrated by the page's run (tracked
#             and untracked batches alternating)                                          goal: overview <= 500 ms
#   stack     ./stack.sh cold and warm, command to ready                                   goal: warm <= 60 s
# Steps: 1. builds perf and what it needs (mvn -pl perf -am package, tests skipped);
#        2. waits until the 1-minute load average is below 1.0 (polls every 30 s, at most 60 min; then runs anyway);
#        3. runs the benchmarks (java dev.legacybridge.perf.BenchmarkMain), results in perf/target/results/;
#        4. rewrites the generated sections of docs/benchmarks.md (between <!-- perf:NAME:begin/end --> markers);
#        5. draws docs/images/bench-*.png with matplotlib (installs python3-matplotlib with apt-get if missing).
# Options:
#   --only LIST     comma-separated subset, e.g. --only login,migrated   (default: all six)
#   --quick         small and short, for trying changes: results in perf/target/results-quick, docs untouched
#   --no-wait       do not wait for a quiet machine        --no-build   use the existing build
#   --no-doc        do not touch docs/benchmarks.md        --no-plots   do not draw the PNGs
#   --results-dir DIR  where the JSON/Markdown results go [perf/target/results]
# Benchmark options (passed on; defaults in brackets):
#   --hash-iterations N [260000]  --concurrency LIST [1,4,16]  --login-users N [64]  --login-warmup S [30]
#   --login-seconds S [12]  --login-rounds N [3]  --scale-rows N [1000000]  --bulk-users N [100000]
#   --bulk-batch-size N [500]  --import-chunk N|auto [auto]  --import-probe LIST [100,250,500,1000,2000,5000] (single requests
#   timed after the warm-up; auto = the fastest)  --bulk-segments N [4]  --no-jfr (no JFR in Keycloak: bulk segments, login profile)
#   --page-users N [100000]  --stack-warm-runs N [5]  --stack-cold-runs N [1]  --keycloak-arg ARG (extra kc.sh start option, repeatable)
#   --work-dir DIR [/tmp/perf-work]  (Keycloak, PostgreSQL data, JFR recordings, the stack copy; deleted and reused)
set -euo pipefail

SELF="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/$(basename "${BASH_SOURCE[0]}")"
ROOT="$(cd "$(dirname "$SELF")/.." && pwd)"
cd "$ROOT"
ORIGINAL_ARGS="$*"
wait_quiet=true build=true plots=true doc=true quick=false
results="$ROOT/perf/target/results"
pass=()
while [ $# -gt 0 ]; do
  case "$1" in
    --no-wait) wait_quiet=false ;;
    --no-build) build=false ;;
    --no-plots) plots=false ;;
    --no-doc) doc=false ;;
    --quick) quick=true ;;
    --results-dir) [ $# -ge 2 ] || { echo "$1 needs a value" >&2; exit 64; }; results="$(mkdir -p "$2" && cd "$2" && pwd)"; shift ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$SELF"; exit 0 ;;
    --only|--hash-iterations|--concurrency|--login-users|--login-warmup|--login-seconds|--login-rounds|--scale-rows|\
    --bulk-users|--bulk-batch-size|--import-chunk|--import-probe|--bulk-segments|--page-users|--stack-warm-runs|--stack-cold-runs|\
    --keycloak-arg|--work-dir)
      [ $# -ge 2 ] || { echo "$1 needs a value" >&2; exit 64; }
      pass+=("$1" "$2"); shift ;;
    --no-jfr) pass+=("$1") ;;
    *) echo "Unknown option $1 (try --help)" >&2; exit 64 ;;
  esac
  shift
done
if $quick; then
  [ "$results" = "$ROOT/perf/target/results" ] && results="$ROOT/perf/target/results-quick"
  doc=false
  wait_quiet=false
  pass=(--login-warmup 5 --login-seconds 4 --login-rounds 1 --scale-rows 100000 --bulk-users 4000
        --import-probe 250,500 --bulk-segments 2 --page-users 4000 --stack-warm-runs 1 --stack-cold-runs 0
        ${pass[@]+"${pass[@]}"})
fi
log() { printf '[bench %s] %s\n' "$(date +%T)" "$*" >&2; }

# ---- 1. build ----
mkdir -p "$ROOT/perf/target"
if $build; then
  log "building perf and its dependencies (mvn -pl perf -am package, tests skipped)"
  mvn -B -pl perf -am package -Dmaven.test.skip=true > "$ROOT/perf/target/build.log" 2>&1 \
    || { tail -n 40 "$ROOT/perf/target/build.log" >&2; echo "build failed; log perf/target/build.log" >&2; exit 1; }
fi
[ -f "$ROOT/perf/target/classpath.txt" ] || { echo "perf/target/classpath.txt missing: build first" >&2; exit 1; }

# ---- 2. a quiet machine ----
load1() { cut -d' ' -f1 /proc/loadavg; }
if $wait_quiet; then
  waited=0
  while awk -v l="$(load1)" 'BEGIN { exit !(l >= 1.0) }'; do
    if [ $waited -ge 3600 ]; then
      log "load still $(load1) after 60 min; running anyway (the load is recorded next to each table)"
      break
    fi
    log "1-minute load average $(load1) >= 1.0; waiting (${waited} s so far)"
    sleep 30; waited=$(( waited + 30 ))
  done
fi
log "load average $(cut -d' ' -f1-3 /proc/loadavg)"

# ---- 3./4. benchmarks and the doc ----
doc_opt=(); $doc || doc_opt=(--no-doc)
rc=0
java -Xmx2g -cp "$ROOT/perf/target/classes:$(cat "$ROOT/perf/target/classpath.txt")" dev.legacybridge.perf.BenchmarkMain \
  --repo-root "$ROOT" --results-dir "$results" --command "perf/run-benchmarks.sh${ORIGINAL_ARGS:+ $ORIGINAL_ARGS}" \
  ${doc_opt[@]+"${doc_opt[@]}"} ${pass[@]+"${pass[@]}"} || rc=$?

# ---- 5. plots ----
if $plots; then
  if ! /usr/bin/python3 -c 'import matplotlib' 2>/dev/null; then
    log "installing python3-matplotlib (apt-get)"
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get install -y -q python3-matplotlib >/dev/null 2>&1 \
      || { $SUDO apt-get update -q >/dev/null && $SUDO apt-get install -y -q python3-matplotlib >/dev/null; }
  fi
  images="$ROOT/docs/images"; $quick && images="$results/images"
  /usr/bin/python3 "$ROOT/perf/scripts/plot_benchmarks.py" "$results" "$images" || rc=1
fi
exit $rc
