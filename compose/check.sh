#!/usr/bin/env bash
# Runs docker-compose.yml for real, unchanged, and the README walkthrough against it; then builds the optimized image of
# Containerfile and logs legacy users in through it, on Keycloak's own PostgreSQL database. Tears everything down.
# Exit status 0 only if every check passed.
#
#   compose/check.sh                        # the engine the Docker client reaches (Docker, or DOCKER_HOST)
#   compose/check.sh --stand-ins DIR        # project machines: Podman and the stand-in images of the recipe in DIR
#   compose/check.sh --skip-image           # the compose walkthrough only
#
# Needs keycloak-provider/target/providers/ and demo-api/target/demo-api.jar: run `mvn -B verify` (or package) first.
# Host ports: 8080, 9000, 8787 and 8081 when free, other free ones otherwise (KEYCLOAK_PORT, KEYCLOAK_MANAGEMENT_PORT,
# KEYCLOAK_DEBUG_PORT, DEMO_API_PORT, as docker-compose.yml reads them).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=compose/engine.sh
source compose/engine.sh

stand_ins=
skip_image=false
while (($#)); do
  case $1 in
    --stand-ins) stand_ins=$2; shift 2 ;;
    --skip-image) skip_image=true; shift ;;
    -h | --help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
done

use_engine "$stand_ins"
if [[ ! -f demo-api/target/demo-api.jar ]] \
  || ! compgen -G 'keycloak-provider/target/providers/legacy-bridge-provider-*.jar' >/dev/null; then
  echo "keycloak-provider/target/providers/ or demo-api/target/demo-api.jar missing: run mvn -B verify first" >&2
  exit 2
fi

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
# The given port if nothing listens on it, else a free one from 20000-39999.
free_port() {
  local p=$1
  while port_in_use "$p"; do p=$((20000 + RANDOM % 20000)); done
  echo "$p"
}
export KEYCLOAK_PORT=${KEYCLOAK_PORT:-$(free_port 8080)}
export KEYCLOAK_MANAGEMENT_PORT=${KEYCLOAK_MANAGEMENT_PORT:-$(free_port 9000)}
export KEYCLOAK_DEBUG_PORT=${KEYCLOAK_DEBUG_PORT:-$(free_port 8787)}
export DEMO_API_PORT=${DEMO_API_PORT:-$(free_port 8081)}
KC=http://localhost:$KEYCLOAK_PORT
API=http://localhost:$DEMO_API_PORT
PROJECT=lbcheck$$
OPTIMIZED=$PROJECT-optimized
LEGACY_PW=${LEGACY_DB_PASSWORD:-legacy-dev-only}
compose() { "${COMPOSE[@]}" -p "$PROJECT" -f docker-compose.yml "$@"; }
cid() { compose ps -q "$1"; }

failures=0
ok() { echo "ok   - $*"; }
fail() { echo "FAIL - $*"; failures=$((failures + 1)); }
# check DESCRIPTION CONDITION...: ok or FAIL with the description.
check() {
  local what=$1
  shift
  if "$@"; then ok "$what"; else fail "$what"; fi
}
contains() { [[ $1 == *"$2"* ]]; }

cleanup() {
  local status=$?
  if ((status != 0 || failures != 0)); then
    echo "---- logs (last 60 lines each) ----"
    docker logs --tail 60 "$OPTIMIZED" 2>&1 | sed 's/^/optimized | /' || true
    compose logs --no-color --tail=60 2>&1 || true
  fi
  docker rm -f "$OPTIMIZED" >/dev/null 2>&1 || true
  compose down -v --remove-orphans >/dev/null 2>&1 || true
}
trap cleanup EXIT

now() { date +%s.%N; }
since() { awk -v s="$1" -v e="$(now)" 'BEGIN { printf "%.0f", e - s }'; }

# The claim NAME of a compact JWT's payload (string claims only).
jwt_claim() {
  local payload
  payload=$(cut -d. -f2 <<<"$1" | tr '_-' '/+')
  while ((${#payload} % 4)); do payload+="="; done
  base64 -d <<<"$payload" 2>/dev/null | sed -n "s/.*\"$2\":\"\([^\"]*\)\".*/\1/p"
}
# token BASE_URL USERNAME PASSWORD [SCOPE]: the token endpoint's JSON answer.
token() {
  curl -s -d grant_type=password -d client_id=demo-cli -d "username=$2" -d "password=$3" ${4:+-d "scope=$4"} \
    "$1/realms/demo/protocol/openid-connect/token"
}
access_token() { sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p' <<<"$1"; }
# http METHOD URL [TOKEN] [JSON]: prints "<status> <body>".
http() {
  local args=(-s -o /dev/stdout -w ' %{http_code}' -X "$1" "$2")
  [[ -n ${3:-} ]] && args+=(-H "Authorization: Bearer $3")
  [[ -n ${4:-} ]] && args+=(-H 'Content-Type: application/json' -d "$4")
  local out
  out=$(curl "${args[@]}")
  echo "${out##* } ${out% *}"
}
# wait_healthy SERVICE TIMEOUT_SECONDS
wait_healthy() {
  local deadline=$((SECONDS + $2)) status=
  while ((SECONDS < deadline)); do
    status=$(docker inspect -f '{{.State.Health.Status}}' "$(cid "$1")" 2>/dev/null || echo missing)
    [[ $status == healthy ]] && return 0
    sleep 2
  done
  echo "$1 not healthy after $2 s (last status: $status)" >&2
  return 1
}

echo "== $STAND_IN_NOTE"
echo "== docker-compose.yml through ${COMPOSE[*]} on ${DOCKER_HOST:-the default socket}; ports: Keycloak $KEYCLOAK_PORT," \
  "management $KEYCLOAK_MANAGEMENT_PORT, debug $KEYCLOAK_DEBUG_PORT, demo-api $DEMO_API_PORT"
start=$(now)
# Compose v1 has no --wait: `up -d` returns once legacy-db and keycloak are healthy; demo-api is polled.
compose up -d
wait_healthy demo-api 600
up_seconds=$(since "$start")
ok "legacy-db, keycloak and demo-api healthy ${up_seconds} s after 'up -d'"

# README walkthrough, steps 1-5.
response=$(token "$KC" johndoe secret read:posts)
TOKEN=$(access_token "$response")
check "1 johndoe / secret gets an access token" test -n "$TOKEN"
check "  its iss is $KC/realms/demo" test "$(jwt_claim "$TOKEN" iss)" = "$KC/realms/demo"
read -r status body < <(http GET "$API/users/me" "$TOKEN")
check "2 GET /users/me: 200 for johndoe ($status)" test "$status" = 200
check "  the body names johndoe" contains "$body" '"username":"johndoe"'
read -r status body < <(http GET "$API/users/me")
check "  without a token: 401 ($status)" test "$status" = 401
read -r status body < <(http GET "$API/posts" "$TOKEN")
check "3 GET /posts with read:posts: 200 [] ($status $body)" test "$status $body" = "200 []"
read -r status body < <(http POST "$API/posts" "$TOKEN" '{"title":"Hello","body":"First post"}')
check "4 POST /posts without write:posts: 403 ($status)" test "$status" = 403
check "  insufficient_scope, required write:posts" contains "$body" '"required_scopes":["write:posts"]'
BOTH=$(access_token "$(token "$KC" johndoe secret 'read:posts write:posts')")
read -r status body < <(http POST "$API/posts" "$BOTH" '{"title":"Hello","body":"First post"}')
check "  with both scopes: 201 ($status)" test "$status" = 201
response=$(token "$KC" alice secret2)
check "5 disabled alice is refused: $response" contains "$response" '"error_description":"Account disabled"'
response=$(token "$KC" admin_legacy hashsecret)
check "  Django PBKDF2 admin_legacy / hashsecret logs in" test -n "$(access_token "$response")"

if ! $skip_image; then
  IMAGE=legacy-bridge-keycloak:check
  echo "== Containerfile: optimized image, Keycloak on its own PostgreSQL database"
  start=$(now)
  docker build -q -t "$IMAGE" -f Containerfile . >/dev/null
  build_seconds=$(since "$start")
  ok "docker build -f Containerfile: $IMAGE in ${build_seconds} s"
  legacy_db=$(cid legacy-db)
  network=$(docker inspect -f '{{range $name, $n := .NetworkSettings.Networks}}{{$name}}{{end}}' "$legacy_db")
  docker exec "$legacy_db" psql -q -U legacy -d legacy -c 'CREATE DATABASE keycloak' >/dev/null
  OPT_PORT=$(free_port 18080)
  OPT_MANAGEMENT=$(free_port 19000)
  start=$(now)
  docker run -d --name "$OPTIMIZED" --network "$network" \
    -p "127.0.0.1:$OPT_PORT:8080" -p "127.0.0.1:$OPT_MANAGEMENT:9000" \
    -e KC_DB_URL=jdbc:postgresql://legacy-db:5432/keycloak -e KC_DB_USERNAME=legacy -e "KC_DB_PASSWORD=$LEGACY_PW" \
    -e "KC_HOSTNAME=http://localhost:$OPT_PORT" -e KC_HTTP_ENABLED=true \
    -e KC_BOOTSTRAP_ADMIN_USERNAME=admin -e KC_BOOTSTRAP_ADMIN_PASSWORD=admin \
    -e LEGACY_DB_URL=jdbc:postgresql://legacy-db:5432/legacy -e LEGACY_DB_USER=legacy -e "LEGACY_DB_PASSWORD=$LEGACY_PW" \
    -v "$PWD/realm-config/demo-realm.json:/opt/keycloak/data/import/demo-realm.json:ro" \
    "$IMAGE" start --optimized --import-realm >/dev/null
  deadline=$((SECONDS + 300))
  until [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$OPT_MANAGEMENT/health/ready") == 200 ]]; do
    if ((SECONDS > deadline)) || [[ $(docker inspect -f '{{.State.Running}}' "$OPTIMIZED") != true ]]; then
      fail "optimized Keycloak ready"
      exit 1
    fi
    sleep 2
  done
  ok "start --optimized: /health/ready 200 after $(since "$start") s"
  log=$(docker logs "$OPTIMIZED" 2>&1)
  check "  no build at start (no 'Updating the configuration')" test "${log/Updating the configuration/}" = "$log"
  check "  Keycloak's own database is PostgreSQL (Quarkus feature jdbc-postgresql)" contains "$log" 'jdbc-postgresql'
  check "  runs as uid 1000, as the official image" test "$(docker exec "$OPTIMIZED" id -u)" = 1000
  response=$(token "http://localhost:$OPT_PORT" johndoe secret read:posts)
  OPT_TOKEN=$(access_token "$response")
  check "  johndoe / secret gets a token from the optimized image" test -n "$OPT_TOKEN"
  check "  its iss is http://localhost:$OPT_PORT/realms/demo" \
    test "$(jwt_claim "$OPT_TOKEN" iss)" = "http://localhost:$OPT_PORT/realms/demo"
  response=$(token "http://localhost:$OPT_PORT" alice secret2)
  check "  disabled alice is refused" contains "$response" '"error_description":"Account disabled"'
fi

echo "== $STAND_IN_NOTE"
if ((failures)); then
  echo "compose/check.sh: $failures check(s) FAILED"
  exit 1
fi
echo "compose/check.sh: all checks passed"
