#!/usr/bin/env bash
# monitoring/record-run.sh [options]
#
# A real run of the provider, recorded by a real Prometheus and drawn as the Grafana dashboard
# (monitoring/grafana/legacy-bridge-migration.json) by monitoring/plot_dashboard.py. It needs a running Keycloak with
# the provider and --metrics-enabled=true (./stack.sh is one: Keycloak on 8080, management port 9000), Debian's
# prometheus (apt-get install prometheus), curl, and python3 with matplotlib (apt-get install python3-matplotlib).
#
#   1. writes two SQLite legacy databases: the demo seed plus --users generated users (MIGRATE), and the seed plus 300
#      users with weak Django SHA-1 hashes (WRITABLE, upgraded at login);
#   2. starts Prometheus (scrape every 5 s, its own data directory) on 127.0.0.1:--prometheus-port;
#   3. creates realm metrics-demo with both components (it is deleted first if it exists, and at the end);
#   4. drives about --minutes of traffic: password grants of generated and seed users (matches, wrong passwords, a
#      malformed hash, a scheme the policy refuses), hash upgrades, an admin resetting passwords (written back);
#      a bulk migration started after a minute through the admin console page's own endpoints; and, a minute later,
#      both legacy databases locked for 25 s (as a long write by the legacy application would), so that statements
#      fail (the WRITABLE one is read at every login of its users; most MIGRATE users are migrated by then);
#   5. draws every panel from Prometheus into --out (default docs/images/metrics-dashboard.png).
#
# Options: --keycloak URL [http://127.0.0.1:8080]  --management URL [http://127.0.0.1:9000]  --admin USER [admin]
#          (password from $KC_ADMIN_PASSWORD, default admin)  --legacy-dir DIR (where the SQLite files go; must be
#          allowed by the operator's sqlite-directory option if set) [a temp dir]  --users N [5000]  --minutes N [5]
#          --prometheus-port N [19090]  --out FILE
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
KC=http://127.0.0.1:8080
MGMT=http://127.0.0.1:9000
ADMIN=admin
ADMIN_PASSWORD="${KC_ADMIN_PASSWORD:-admin}"
WORK="$(mktemp -d -t legacy-bridge-metrics-XXXXXX)"
LEGACY_DIR="$WORK/legacy"
USERS=5000
MINUTES=5
PROM_PORT=19090
OUT="$ROOT/docs/images/metrics-dashboard.png"
REALM=metrics-demo
while [ $# -gt 0 ]; do
  case "$1" in
    --keycloak) KC="$2"; shift ;;
    --management) MGMT="$2"; shift ;;
    --admin) ADMIN="$2"; shift ;;
    --legacy-dir) LEGACY_DIR="$2"; shift ;;
    --users) USERS="$2"; shift ;;
    --minutes) MINUTES="$2"; shift ;;
    --prometheus-port) PROM_PORT="$2"; shift ;;
    --out) OUT="$2"; shift ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "Unknown option $1 (try --help)" >&2; exit 64 ;;
  esac
  shift
done
for tool in prometheus curl python3; do
  command -v "$tool" >/dev/null || { echo "$tool is needed (see --help)" >&2; exit 1; }
done
PY=python3   # one with matplotlib: the first python3 on the PATH, else Debian's
python3 -c 'import matplotlib' 2>/dev/null || PY=/usr/bin/python3
"$PY" -c 'import matplotlib' 2>/dev/null || { echo "python3-matplotlib is needed" >&2; exit 1; }
curl -sf -o "$WORK/metrics.txt" "$MGMT/metrics" && grep -q '^# TYPE' "$WORK/metrics.txt" \
  || { echo "$MGMT/metrics does not answer: is Keycloak built with --metrics-enabled=true?" >&2; exit 1; }

log() { printf '[record %s] %s\n' "$(date +%T)" "$*" >&2; }
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  api DELETE "/$REALM" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

# ---- 1. legacy databases
mkdir -p "$LEGACY_DIR"
MIGRATE_DB="$LEGACY_DIR/metrics-migrate.sqlite3"
WRITABLE_DB="$LEGACY_DIR/metrics-writable.sqlite3"
python3 - "$ROOT" "$MIGRATE_DB" "$WRITABLE_DB" "$USERS" <<'EOF'
import sqlite3, sys
root, migrate, writable, users = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
for path, generated, prefix, source in ((migrate, users, "gen", "u_bcrypt"), (writable, 300, "weak", "u_django_sha1")):
    c = sqlite3.connect(path)
    c.executescript("DROP TABLE IF EXISTS auth_user_groups; DROP TABLE IF EXISTS auth_user_user_permissions;"
                    "DROP TABLE IF EXISTS auth_group_permissions; DROP TABLE IF EXISTS auth_group;"
                    "DROP TABLE IF EXISTS auth_permission; DROP TABLE IF EXISTS django_content_type;"
                    "DROP TABLE IF EXISTS auth_user;")
    c.executescript(open(f"{root}/legacy-db/schema-sqlite.sql").read())
    c.executescript(open(f"{root}/legacy-db/seed.sql").read())
    hash_ = c.execute("SELECT password FROM auth_user WHERE username = ?", (source,)).fetchone()[0]
    c.executemany("INSERT INTO auth_user (password, is_superuser, username, first_name, last_name, email, is_staff, "
                  "is_active, date_joined) VALUES (?, 0, ?, 'Demo', ?, ?, 0, 1, '2024-01-01 00:00:00')",
                  [(hash_, f"{prefix}{i:05d}", f"User {i}", f"{prefix}{i}@example.org") for i in range(1, generated + 1)])
    c.commit()
    c.close()
EOF
log "legacy databases in $LEGACY_DIR ($USERS generated users to migrate)"

# ---- 2. Prometheus
target="${MGMT#*://}"; target="${target%%/*}"
cat > "$WORK/prometheus.yml" <<EOF
global:
  scrape_interval: 5s
  evaluation_interval: 5s
scrape_configs:
  - job_name: keycloak
    metrics_path: /metrics
    static_configs:
      - targets: ['$target']
EOF
prometheus --config.file="$WORK/prometheus.yml" --storage.tsdb.path="$WORK/prometheus" \
  --web.listen-address="127.0.0.1:$PROM_PORT" > "$WORK/prometheus.log" 2>&1 &
pids+=($!)
PROM="http://127.0.0.1:$PROM_PORT"
for _ in $(seq 1 60); do curl -sf "$PROM/-/ready" >/dev/null && break; sleep 1; done
curl -sf "$PROM/-/ready" >/dev/null || { cat "$WORK/prometheus.log" >&2; exit 1; }
log "Prometheus $(prometheus --version 2>&1 | head -n 1 | cut -d' ' -f3) on $PROM, scraping $MGMT/metrics"

# ---- 3. realm and components
token() {
  curl -sf -d client_id=admin-cli -d grant_type=password --data-urlencode "username=$ADMIN" \
    --data-urlencode "password=$ADMIN_PASSWORD" "$KC/realms/master/protocol/openid-connect/token" \
    | python3 -c 'import json, sys; print(json.load(sys.stdin)["access_token"])'
}
api() { # METHOD PATH [JSON]
  local args=(-s -X "$1" -H "Authorization: Bearer $(token)" "$KC/admin/realms$2")
  [ $# -ge 3 ] && args+=(-H 'Content-Type: application/json' -d "$3")
  curl "${args[@]}"
}
api DELETE "/$REALM" >/dev/null || true
api POST "" "{\"realm\":\"$REALM\",\"enabled\":true,\"eventsEnabled\":true,\"adminEventsEnabled\":true,
  \"clients\":[{\"clientId\":\"demo-cli\",\"publicClient\":true,\"directAccessGrantsEnabled\":true,\"standardFlowEnabled\":false}]}"
REALM_ID=$(api GET "/$REALM" | python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])')
component() { # NAME DB MODE EXTRA-JSON
  api POST "/$REALM/components" "{\"name\":\"$1\",\"providerId\":\"legacy-database\",
    \"providerType\":\"org.keycloak.storage.UserStorageProvider\",\"parentId\":\"$REALM_ID\",
    \"config\":{\"jdbcUrl\":[\"jdbc:sqlite:$2\"],\"editMode\":[\"$3\"],\"connectTimeoutSeconds\":[\"2\"]$4}}"
}
component legacy-migrate "$MIGRATE_DB" MIGRATE ""
component legacy-writable "$WRITABLE_DB" WRITABLE ',"upgradeOnLogin":["true"],"allowWeakSchemes":["true"],"passwordFormat":["django_pbkdf2_sha256:100000"]'
MIGRATE_ID=$(api GET "/$REALM/components?type=org.keycloak.storage.UserStorageProvider" \
  | python3 -c 'import json, sys; print([c["id"] for c in json.load(sys.stdin) if c["name"] == "legacy-migrate"][0])')
log "realm $REALM: components legacy-migrate ($MIGRATE_ID) and legacy-writable"

# ---- 4. traffic
login() {
  curl -s -o /dev/null -w '%{http_code}\n' -d grant_type=password -d client_id=demo-cli --data-urlencode "username=$1" \
    --data-urlencode "password=$2" "$KC/realms/$REALM/protocol/openid-connect/token" >> "$WORK/logins.txt" || true
}
START=$(date +%s)
END=$(( START + MINUTES * 60 ))
traffic() {
  local i=0
  while [ "$(date +%s)" -lt "$END" ]; do
    i=$(( i + 1 ))
    login "gen$(printf '%05d' $(( (RANDOM % USERS) + 1 )))" secret
    login johndoe "not-his-password-$i"
    [ $(( i % 4 )) -eq 0 ] && login u_malformed secret
    [ $(( i % 6 )) -eq 0 ] && login u_django_md5 secret
    [ $(( i % 3 )) -eq 0 ] && login "weak$(printf '%05d' $(( (i / 3) % 300 + 1 )))" hashsecret
    sleep 0.2
  done
}
traffic & pids+=($!)
traffic & pids+=($!)
writebacks() {
  local n=0
  while [ "$(date +%s)" -lt "$END" ]; do
    sleep 15
    n=$(( n + 1 ))
    local user="weak$(printf '%05d' $(( 300 - n )))"
    login "$user" hashsecret
    local id
    id=$(api GET "/$REALM/users?username=$user&exact=true" \
      | python3 -c 'import json, sys; u = json.load(sys.stdin); print(u[0]["id"] if isinstance(u, list) and u else "")' \
      2>/dev/null || true)
    [ -n "$id" ] && api PUT "/$REALM/users/$id/reset-password" "{\"type\":\"password\",\"value\":\"New-Passw0rd-$n\",\"temporary\":false}" >/dev/null
  done
}
writebacks & pids+=($!)

sleep 60
log "bulk migration through the migration page's endpoints"
base="/$REALM/legacy-migration/$MIGRATE_ID"
run=$(api POST "$base/runs?resume=false" | python3 -c 'import json, sys; print(json.load(sys.stdin)["runId"])')
(
  # as the page drives it: batch after batch from the last cursor; a failed batch (the database locked, say) is
  # retried after a pause
  cursor=""
  while :; do
    out=$(api POST "$base/batch?size=250&run=$run${cursor:+&after=$cursor}" || true)
    next=$(printf '%s' "$out" | python3 -c 'import json, sys; b = json.load(sys.stdin); print(b["nextCursor"], b["done"])' 2>/dev/null || true)
    if [ -z "$next" ]; then
      sleep 3
      continue
    fi
    cursor="${next% *}"
    [ "${next#* }" = "True" ] && break
  done
) &
pids+=($!)

sleep 60
log "both legacy databases locked for 25 s"
python3 -c '
import sqlite3, sys, time
cs = [sqlite3.connect(f, isolation_level=None) for f in sys.argv[1:]]
for c in cs:
    c.execute("BEGIN EXCLUSIVE")
time.sleep(25)
for c in cs:
    c.execute("ROLLBACK")' "$MIGRATE_DB" "$WRITABLE_DB"

remaining=$(( END - $(date +%s) ))
[ "$remaining" -gt 0 ] && sleep "$remaining"
sleep 10   # the last scrape
log "logins by HTTP status: $(sort "$WORK/logins.txt" | uniq -c | tr '\n' ' ')"

# ---- 5. the picture
"$PY" "$ROOT/monitoring/plot_dashboard.py" --prometheus "$PROM" --start "$START" --end "$(date +%s)" \
  --realm "$REALM" --out "$OUT" \
  --title "Legacy Bridge: migration (dashboard panels from Prometheus, a ${MINUTES}-minute run, realm $REALM)"
log "done: $OUT"
