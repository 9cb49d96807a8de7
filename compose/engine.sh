# Sourced by compose/check.sh and integration-tests/container-test.sh: finds the container engine.
#
#   use_engine [STAND_INS_DIR]
#
# Without a directory: whatever the Docker client reaches (DOCKER_HOST, or Docker's default socket).
# With the directory of the stand-in recipe (on the project's machines: ../shared/containers next to the checkouts,
# see its README): runs its setup.sh (installs Podman, builds the stand-in images that are missing; idempotent), starts
# Podman's Docker-compatible socket unless it answers already, and exports DOCKER_HOST for it.
# Sets COMPOSE (the compose command: `docker compose` v2 if present, else `docker-compose` v1) and STAND_IN_NOTE.

use_engine() {
  local stand_ins=${1:-}
  if [[ -n $stand_ins ]]; then
    [[ -x $stand_ins/setup.sh && -x $stand_ins/service.sh ]] \
      || { echo "no setup.sh/service.sh in $stand_ins" >&2; return 2; }
    "$stand_ins/setup.sh"
    "$stand_ins/service.sh" status >/dev/null 2>&1 || "$stand_ins/service.sh" start
    eval "$("$stand_ins/service.sh" env)"
  fi
  docker version >/dev/null 2>&1 || { echo "no container engine answers (DOCKER_HOST=${DOCKER_HOST:-unset});" \
    "give the stand-in recipe's directory with --stand-ins DIR, or start Docker" >&2; return 2; }
  if docker compose version >/dev/null 2>&1; then
    COMPOSE=(docker compose)
  elif command -v docker-compose >/dev/null; then
    COMPOSE=(docker-compose)
  else
    echo "neither 'docker compose' nor 'docker-compose' is installed" >&2
    return 2
  fi
  # Stand-in images carry this label (the official images do not).
  local label image
  image=$(sed -n 's/^ *image: *\(quay.io\/keycloak\/keycloak:[^ ]*\).*/\1/p' "$(dirname "${BASH_SOURCE[0]}")/../docker-compose.yml")
  label=$(docker image inspect -f '{{index .Config.Labels "dev.legacybridge.stand-in"}}' "$image" 2>/dev/null || true)
  if [[ -n $label && $label != "<no value>" ]]; then
    STAND_IN_NOTE="STAND-IN images (built locally from Debian packages, not the official images): $label"
  else
    STAND_IN_NOTE="images as the engine has them (no stand-in label found)"
  fi
  if [[ -n ${DOCKER_HOST:-} ]]; then export DOCKER_HOST; fi
}
