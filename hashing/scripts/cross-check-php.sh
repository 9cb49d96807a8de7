#!/usr/bin/env bash
# Proves that PHP applications accept what the PHP-side write-back targets produce: hashes made by our CLI
# (legacy-hash hash --scheme php_bcrypt | phpass | wordpress_bcrypt | spring_bcrypt | aspnet_identity_v3) are checked
# by PHP's password_verify and crypt(), by WordPress's own class-phpass.php (PasswordHash(8, true)->CheckPassword, the
# class every WordPress version checks $P$ hashes with), by WordPress 6.8's wp_check_password algorithm for $wp$ and by
# Apache's htpasswd -v, with the right password (must be accepted) and wrong ones (must be rejected).
#
#   hashing/scripts/cross-check-php.sh
#
# Installs Debian's php-cli and apache2-utils with apt-get (needs root or sudo), fetches Debian's wordpress package with
# `apt-get download` and unpacks only its class-phpass.php (nothing is installed from it), builds
# legacy-hash-cli/target/legacy-hash.jar, and exits non-zero if any check fails. Not part of the Maven test run.
# ASP.NET Identity v3 has no runtime here: its values are checked by PHP's hash_pbkdf2 over PasswordHasher.cs's layout.
set -euo pipefail

REPO_DIR="$(cd "$(dirname "$0")/../.." && pwd)"
SUDO=""
[[ "$(id -u)" -ne 0 ]] && SUDO="sudo"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
chmod 0777 "$WORK" # apt-get download writes as the _apt user

echo ">> apt-get install php-cli apache2-utils; apt-get download wordpress (class-phpass.php only)"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends php-cli apache2-utils >/dev/null
(cd "$WORK" && apt-get download -qq wordpress && dpkg-deb -x wordpress_*.deb wp)
PHPASS="$(find "$WORK/wp" -name class-phpass.php | head -1)"
WP_VERSION="$(dpkg-deb -f "$WORK"/wordpress_*.deb Version)"

echo ">> building legacy-hash-cli/target/legacy-hash.jar"
(cd "$REPO_DIR" && mvn -q -B -pl legacy-hash-cli -am package -DskipTests)
JAR="$REPO_DIR/legacy-hash-cli/target/legacy-hash.jar"

# One line per hash: target, base64(password), hash. The passwords cover NFC, CJK, emoji, empty, surrounding spaces,
# a 100-byte one (bcrypt keeps 72 bytes; WordPress 6.8's pre-hash keeps all) and one whose 72nd byte splits a character.
PASSWORDS=("secret" "pässwörd-été" "密码🔑 \$:!" "" "  spaces  " "$(printf 'x%.0s' {1..100})" "$(printf 'x%.0s' {1..71})é")
: > "$WORK/hashes.tsv"
for target in php_bcrypt:4 php_bcrypt phpass phpass:8 wordpress_bcrypt:4 wordpress_bcrypt spring_bcrypt:4 \
              aspnet_identity_v3:1000 aspnet_identity_v3; do
  scheme="${target%%:*}"
  cost=""
  [[ "$target" == *:* ]] && cost="--cost ${target#*:}"
  for password in "${PASSWORDS[@]}"; do
    if [[ "$target" != *:* && "$password" != "secret" && "$password" != "pässwörd-été" ]]; then
      continue # default costs are slow; two passwords are enough there
    fi
    # shellcheck disable=SC2086
    hash="$(printf '%s\n' "$password" | java -jar "$JAR" hash --scheme "$scheme" $cost)"
    printf '%s\t%s\t%s\n' "$target" "$(printf '%s' "$password" | base64 -w0)" "$hash" >> "$WORK/hashes.tsv"
  done
done

php "$REPO_DIR/hashing/scripts/cross_check_php.php" "$WORK/hashes.tsv" "$PHPASS" "$WORK" "$WP_VERSION"
