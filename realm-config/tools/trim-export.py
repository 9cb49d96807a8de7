"""Trims a `kc.sh export --realm demo` file down to demo-realm.json and adds the legacy federation component.

Usage: python3 trim-export.py export.json ../demo-realm.json   (see ../README.md)
"""
import json, sys
src, dst = sys.argv[1], sys.argv[2]
e = json.load(open(src))

KEEP_REALM = ["realm", "displayName", "enabled", "sslRequired",
  "accessTokenLifespan", "ssoSessionIdleTimeout", "ssoSessionMaxLifespan",
  "offlineSessionIdleTimeout", "accessCodeLifespan", "accessCodeLifespanUserAction", "accessCodeLifespanLogin",
  "registrationAllowed", "registrationEmailAsUsername", "rememberMe", "verifyEmail", "loginWithEmailAllowed",
  "duplicateEmailsAllowed", "resetPasswordAllowed", "editUsernameAllowed",
  "bruteForceProtected", "permanentLockout", "maxTemporaryLockouts", "bruteForceStrategy", "failureFactor",
  "waitIncrementSeconds", "minimumQuickLoginWaitSeconds", "quickLoginCheckMilliSeconds", "maxFailureWaitSeconds",
  "maxDeltaTimeSeconds", "passwordPolicy", "defaultSignatureAlgorithm", "revokeRefreshToken", "refreshTokenMaxReuse"]
OUR_CLIENTS = ["demo-cli", "swagger-ui"]
OUR_ROLES = ["admin", "staff"]

def strip_ids(o):
    if isinstance(o, dict):
        return {k: strip_ids(v) for k, v in o.items() if k not in ("id", "containerId")}
    if isinstance(o, list):
        return [strip_ids(x) for x in o]
    return o

out = {k: e[k] for k in KEEP_REALM if k in e}
# Built-in roles, clients and their scope settings stay: a client created by the import itself (account-console, ...)
# would get no client scopes at all, because the import creates it before it imports the scopes.
out["roles"] = strip_ids({"realm": sorted(e["roles"]["realm"], key=lambda r: r["name"]),
                          "client": {k: sorted(v, key=lambda r: r["name"]) for k, v in sorted(e["roles"]["client"].items()) if v}})
out["defaultRole"] = strip_ids(e["defaultRole"])
out["clientScopeMappings"] = e.get("clientScopeMappings", {})
out["scopeMappings"] = e.get("scopeMappings", [])
# The trap: a clientScopes array replaces ALL built-in scopes, so every exported scope stays (sorted for stable diffs).
out["clientScopes"] = sorted(strip_ids(e["clientScopes"]), key=lambda s: s["name"])
for s in out["clientScopes"]:
    if "protocolMappers" in s:
        s["protocolMappers"] = sorted(s["protocolMappers"], key=lambda m: m["name"])
out["defaultDefaultClientScopes"] = sorted(e["defaultDefaultClientScopes"])
out["defaultOptionalClientScopes"] = sorted(e["defaultOptionalClientScopes"])
DROP_CLIENT = {"id", "rootUrl", "adminUrl", "baseUrl", "surrogateAuthRequired", "alwaysDisplayInConsole", "notBefore",
               "nodeReRegistrationTimeout", "authenticationFlowBindingOverrides", "clientAuthenticatorType", "bearerOnly",
               "consentRequired"}
clients = []
for c in e["clients"]:
    if c["clientId"] in OUR_CLIENTS:
        c = {k: v for k, v in c.items() if k not in DROP_CLIENT}
        c["attributes"] = {k: v for k, v in sorted(c.get("attributes", {}).items()) if k != "realm_client"}
    else:
        c = strip_ids(c)
    c["defaultClientScopes"] = sorted(c["defaultClientScopes"])
    c["optionalClientScopes"] = sorted(c["optionalClientScopes"])
    assert "secret" not in c
    if "protocolMappers" in c:
        c["protocolMappers"] = sorted(strip_ids(c["protocolMappers"]), key=lambda m: m["name"])
    clients.append(c)
out["clients"] = sorted(clients, key=lambda c: c["clientId"])

ALL_SCHEMES = ["django_pbkdf2_sha256", "django_pbkdf2_sha1", "django_argon2", "django_bcrypt_sha256", "django_bcrypt",
  "django_scrypt", "django_md5", "django_sha1", "django_unsalted_md5", "django_unsalted_sha1", "bcrypt", "pbkdf2_sha256",
  "pbkdf2_sha512", "bcrypt_sha256", "argon2", "sha256_crypt", "sha512_crypt", "ldap_salted_sha1", "werkzeug_pbkdf2",
  "werkzeug_scrypt"]
out["components"] = {"org.keycloak.storage.UserStorageProvider": [{
    "id": "0d6b2a5e-7c3f-4e8a-9b1d-2f4c6e8a0b1c",
    "name": "legacy-db",
    "providerId": "legacy-database",
    "subComponents": {},
    "config": {
        "jdbcUrl": ["${LEGACY_DB_URL:jdbc:sqlite:/opt/keycloak/data/legacy/db.sqlite3}"],
        "jdbcUser": ["${LEGACY_DB_USER:}"],
        "jdbcPassword": ["${LEGACY_DB_PASSWORD:}"],
        "schemaPreset": ["django"],
        "editMode": ["READ_ONLY"],
        "allowedSchemes": ALL_SCHEMES,
        "enabled": ["true"],
        "priority": ["0"],
        "cachePolicy": ["NO_CACHE"],
    }}]}
json.dump(out, open(dst, "w"), indent=2, ensure_ascii=False)
open(dst, "a").write("\n")
