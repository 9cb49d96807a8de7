#!/usr/bin/env bash
# integration-tests/browser-test.sh [--also-make] [extra Maven arguments, e.g. -Dit.work.dir=/tmp/it-browser]
#
# The browser walkthrough (integration-tests/src/test/java/dev/legacybridge/it/AdminConsoleBrowserIT.java) in
# headless Chromium: the admin console's User federation form for the Legacy-database provider (refused for an unsafe
# table name, then saved), the legacy users under Users, and demo-api's Swagger UI logged in as johndoe with the
# authorization code flow + PKCE; and the migration page of a MIGRATE provider (MigrationPageBrowserIT: its numbers
# against legacy-hash audit, a bulk run started from it). Writes the README's screenshots to docs/images/.
#   1. installs Debian's chromium and chromium-driver if either is missing (apt-get; needs root or sudo);
#   2. runs `mvn -pl integration-tests verify -Pbrowser` for that one test. The other modules (provider, demo-api,
#      local-stack) come from the local Maven repository (`mvn -B install -DskipTests` puts them there); with
#      --also-make they are built first in the same run instead (-am, their tests skipped).
# Keycloak, fixtures and logs go to integration-tests/target/it-work-browser/ unless -Dit.work.dir=... is given.
# Plain `mvn verify` skips this test: CI machines may have no Chromium.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  echo "Installing Debian's chromium and chromium-driver ..."
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
  fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
fi
echo "$(chromium --version 2>/dev/null | head -n 1); $(chromedriver --version | head -n 1)"

reactor=()
if [ "${1:-}" = "--also-make" ]; then
  reactor=(-am -Dfailsafe.failIfNoSpecifiedTests=false)
  shift
fi

start=$SECONDS
mvn -B -pl integration-tests ${reactor[@]+"${reactor[@]}"} verify -Pbrowser \
  -Dit.test='AdminConsoleBrowserIT,MigrationPageBrowserIT' -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.browser.chromium="$(command -v chromium)" -Dit.browser.chromedriver="$(command -v chromedriver)" "$@"
echo "Browser walkthrough passed in $((SECONDS - start)) s; screenshots in docs/images/."
