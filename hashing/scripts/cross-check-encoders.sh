#!/usr/bin/env bash
# Proves that the legacy libraries accept what PasswordEncoders writes: hashes made by our CLI
# (legacy-hash hash --scheme ...) are checked with Django's check_password (PBKDF2PasswordHasher, Argon2PasswordHasher,
# BCryptPasswordHasher configured in settings.PASSWORD_HASHERS), pyca/bcrypt's checkpw and argon2-cffi's
# PasswordHasher.verify, with the right password (must be accepted) and wrong ones (must be rejected).
#
#   hashing/scripts/cross-check-encoders.sh
#
# Installs Debian's python3-django python3-bcrypt python3-argon2 with apt-get (needs root or sudo), builds
# legacy-hash-cli/target/legacy-hash.jar, and exits non-zero if any check fails. Not part of the Maven test run.
set -euo pipefail

REPO_DIR="$(cd "$(dirname "$0")/../.." && pwd)"
SUDO=""
[[ "$(id -u)" -ne 0 ]] && SUDO="sudo"

echo ">> apt-get install python3-django python3-bcrypt python3-argon2"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3-django python3-bcrypt python3-argon2 >/dev/null

echo ">> building legacy-hash-cli/target/legacy-hash.jar"
(cd "$REPO_DIR" && mvn -q -B -pl legacy-hash-cli -am package -DskipTests)

/usr/bin/python3 "$REPO_DIR/hashing/scripts/cross_check_encoders.py" "$REPO_DIR/legacy-hash-cli/target/legacy-hash.jar"
