#!/usr/bin/env bash
# Benchmarks LegacyPasswordVerifier.verify per scheme (JMH, hashing/target/benchmarks.jar) against the native
# reference implementations the legacy applications use (pyca/bcrypt, argon2-cffi/libargon2, hashlib on OpenSSL,
# glibc/libxcrypt crypt, PHP with WordPress's class-phpass.php and Drupal 7's password.inc algorithm, OpenSSL's
# PBKDF2 as .NET uses it on Linux, OpenSSL scrypt + AES-CTR for Firebase), on the same hashes (src/jmh/resources/bench-cases.tsv), and prints a markdown table of Java time /
# native time plus bcrypt's two-thread scaling.
#
#   hashing/scripts/bench-hashing.sh                 # full run, about 11 minutes on 2 cores
#   hashing/scripts/bench-hashing.sh --wait-quiet    # same, but first wait (up to 30 min) until the CPUs are idle
#   hashing/scripts/bench-hashing.sh --quick         # smoke run of the script itself, about 2 minutes; rough numbers
#
# Needs root (or sudo) for apt-get, Maven, a JDK 17, and Debian's /usr/bin/python3. Not part of the Maven test run.
# Output: hashing/target/bench/<timestamp>/ (raw JMH and native JSON, report.md for that run) and
# hashing/target/bench/report.md, pooled over every run kept in hashing/target/bench/ (see below).
#
# The machine may be shared with other builds. For each case the report compares the best (minimum) samples of both
# sides, the usual estimate of a CPU-bound call's uncontended cost, pooled over all runs kept under target/bench/, so
# repeating the script on a busy machine sharpens the estimate. Delete target/bench/ after changing the code.
set -euo pipefail

HASHING_DIR="$(cd "$(dirname "$0")/.." && pwd)"
REPO_DIR="$(cd "$HASHING_DIR/.." && pwd)"
BENCH_DIR="$HASHING_DIR/target/bench"
OUT_DIR="$BENCH_DIR/$(date +%Y%m%d-%H%M%S)"
PY=/usr/bin/python3
QUICK=0
WAIT_QUIET=0
for arg in "$@"; do
  case "$arg" in
    --quick) QUICK=1 ;;
    --wait-quiet) WAIT_QUIET=1 ;;
    *) echo "usage: $0 [--quick] [--wait-quiet]" >&2; exit 64 ;;
  esac
done

# Percentage of CPU time idle over the next 3 seconds, from /proc/stat.
idle_percent() {
  local a b
  read -r -a a < <(head -1 /proc/stat); sleep 3; read -r -a b < <(head -1 /proc/stat)
  local total=0 i
  for i in 1 2 3 4 5 6 7 8; do total=$((total + b[i] - a[i])); done
  echo $(( (b[4] - a[4]) * 100 / (total > 0 ? total : 1) ))
}

SUDO=""
[[ "$(id -u)" -ne 0 ]] && SUDO="sudo"
if ! "$PY" -c 'import bcrypt, argon2, cryptography' 2>/dev/null || ! command -v php >/dev/null; then
  echo ">> installing python3-bcrypt python3-argon2 python3-cryptography php-cli (apt)"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends python3-bcrypt python3-argon2 \
    python3-cryptography php-cli >/dev/null
fi
# WordPress's class-phpass.php, the reference for phpass: unpacked from Debian's wordpress package, not installed.
if [[ ! -f "$BENCH_DIR/wordpress/class-phpass.php" ]]; then
  mkdir -p "$BENCH_DIR/wordpress" && chmod 0777 "$BENCH_DIR/wordpress"
  (cd "$BENCH_DIR/wordpress" && apt-get download -qq wordpress && dpkg-deb -x wordpress_*.deb deb \
    && cp "$(find deb -name class-phpass.php | head -1)" class-phpass.php && rm -rf deb wordpress_*.deb)
fi
PHPASS="$BENCH_DIR/wordpress/class-phpass.php"

echo ">> building hashing/target/benchmarks.jar (mvn -Pbenchmark)"
(cd "$REPO_DIR" && mvn -q -B -Pbenchmark -pl hashing -am package -DskipTests)

mkdir -p "$OUT_DIR"
CASES="$HASHING_DIR/src/jmh/resources/bench-cases.tsv"
if [[ $QUICK -eq 1 ]]; then
  JMH_ARGS=(-wi 1 -w 1s -i 2 -r 1s); NATIVE_SECONDS=1
else
  JMH_ARGS=(); NATIVE_SECONDS=6
fi

if [[ $WAIT_QUIET -eq 1 ]]; then
  echo ">> waiting for idle CPUs (other builds on this machine skew the numbers)"
  quiet=0
  for _ in $(seq 1 600); do
    if [[ $(idle_percent) -ge 85 ]]; then quiet=$((quiet + 1)); else quiet=0; fi
    [[ $quiet -ge 5 ]] && break
  done
fi
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
echo ">> load before: $LOAD_BEFORE"
echo ">> native references, first pass"
"$PY" "$HASHING_DIR/scripts/bench_hashing.py" native "$CASES" "$OUT_DIR/native-1.json" "$NATIVE_SECONDS" "$PHPASS"
echo ">> JMH"
java -jar "$HASHING_DIR/target/benchmarks.jar" "${JMH_ARGS[@]}" -rf json -rff "$OUT_DIR/jmh.json" \
  > "$OUT_DIR/jmh.log" 2>&1 || { tail -40 "$OUT_DIR/jmh.log"; exit 1; }
echo ">> native references, second pass"
"$PY" "$HASHING_DIR/scripts/bench_hashing.py" native "$CASES" "$OUT_DIR/native-2.json" "$NATIVE_SECONDS" "$PHPASS"
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"
echo ">> load after: $LOAD_AFTER"

echo "before: $LOAD_BEFORE; after: $LOAD_AFTER" > "$OUT_DIR/load.txt"
"$PY" "$HASHING_DIR/scripts/bench_hashing.py" report "$CASES" "$OUT_DIR"/*.json > "$OUT_DIR/report.md"
echo ">> this run:"
cat "$OUT_DIR/report.md"
echo
echo ">> pooled over $(ls -d "$BENCH_DIR"/2*/ | wc -l) run(s) in $BENCH_DIR:"
"$PY" "$HASHING_DIR/scripts/bench_hashing.py" report "$CASES" "$BENCH_DIR"/2*/*.json | tee "$BENCH_DIR/report.md"
for run in "$BENCH_DIR"/2*/; do echo "Load average (1, 5, 15 min) $(basename "$run"): $(cat "$run/load.txt")"; done \
  | tee -a "$BENCH_DIR/report.md"
