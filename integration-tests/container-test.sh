#!/usr/bin/env bash
# The container checks in one command: compose/check.sh (docker-compose.yml run for real with the README walkthrough,
# then the optimized image of Containerfile), then the whole integration suite against Keycloak as a container
# (testcontainers-keycloak), i.e. `mvn -B -pl integration-tests -am verify -Pcontainer`.
#
#   integration-tests/container-test.sh                    # the engine the Docker client reaches (Docker, DOCKER_HOST)
#   integration-tests/container-test.sh --stand-ins DIR    # project machines: Podman and the stand-in images of the
#                                                          # recipe in DIR (../shared/containers there)
#   integration-tests/container-test.sh -- -Dit.test=HarnessSmokeIT -Dcompose.check.skip=true   # Maven arguments
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=compose/engine.sh
source compose/engine.sh

stand_ins=
maven_args=()
while (($#)); do
  case $1 in
    --stand-ins) stand_ins=$2; shift 2 ;;
    --) shift; maven_args=("$@"); break ;;
    -h | --help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
done

use_engine "$stand_ins"
if [[ -n $stand_ins ]]; then
  # These machines have /.dockerenv, so Testcontainers thinks it runs in a container and hands out the bridge gateway
  # as the containers' host; ForgedTokenIT needs loopback URLs (it swaps 127.0.0.1 and localhost).
  export TESTCONTAINERS_HOST_OVERRIDE=${TESTCONTAINERS_HOST_OVERRIDE:-127.0.0.1}
fi
echo "== $STAND_IN_NOTE"
status=0
mvn -B -pl integration-tests -am verify -Pcontainer "${maven_args[@]}" || status=$?
echo "== $STAND_IN_NOTE"
exit "$status"
