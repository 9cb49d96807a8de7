"""Creates realm "demo" through the admin REST API of a running Keycloak (bootstrap admin admin/admin).

Usage: python3 create-demo-realm.py http://127.0.0.1:<http port>
Then stop the server, `bin/kc.sh export --optimized --realm demo --file export.json`, and
`python3 trim-export.py export.json ../demo-realm.json` (see ../README.md).
"""
import json, urllib.request, urllib.parse, sys
BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8080"
def token():
    data = urllib.parse.urlencode({"client_id":"admin-cli","username":"admin","password":"admin","grant_type":"password"}).encode()
    return json.load(urllib.request.urlopen(BASE+"/realms/master/protocol/openid-connect/token", data))["access_token"]
TOK = token()
def call(method, path, body=None):
    req = urllib.request.Request(BASE+"/admin/realms"+path, method=method,
        data=None if body is None else json.dumps(body).encode(),
        headers={"Authorization":"Bearer "+TOK, "Content-Type":"application/json"})
    try:
        with urllib.request.urlopen(req) as r:
            txt = r.read().decode()
            loc = r.headers.get("Location")
            return r.status, (json.loads(txt) if txt else None), loc
    except urllib.error.HTTPError as e:
        print(method, path, e.code, e.read().decode()); raise
R = "/demo"
call("POST", "", {
  "realm": "demo", "enabled": True, "displayName": "Legacy Bridge demo",
  "accessTokenLifespan": 300, "ssoSessionIdleTimeout": 1800, "ssoSessionMaxLifespan": 36000,
  "bruteForceProtected": True, "permanentLockout": False, "failureFactor": 5,
  "waitIncrementSeconds": 60, "maxFailureWaitSeconds": 900, "minimumQuickLoginWaitSeconds": 60,
  "quickLoginCheckMilliSeconds": 1000, "maxDeltaTimeSeconds": 43200,
  "passwordPolicy": "length(8) and notUsername",
})
for role, desc in [("admin","Legacy superusers (is_superuser)"),("staff","Legacy staff (is_staff)")]:
    call("POST", R+"/roles", {"name": role, "description": desc})
# audience scope
_,_,loc = call("POST", R+"/client-scopes", {"name":"demo-api-audience","protocol":"openid-connect",
   "description":"Adds demo-api to the access token audience",
   "attributes":{"include.in.token.scope":"false","display.on.consent.screen":"false"}})
aud_id = loc.rsplit("/",1)[1]
call("POST", R+f"/client-scopes/{aud_id}/protocol-mappers/models", {"name":"demo-api-audience","protocol":"openid-connect",
   "protocolMapper":"oidc-audience-mapper","config":{"included.custom.audience":"demo-api","access.token.claim":"true",
   "id.token.claim":"false","introspection.token.claim":"true","lightweight.claim":"false"}})
call("PUT", R+f"/default-default-client-scopes/{aud_id}")
scope_ids = {}
for name, desc in [("read:posts","Read posts in demo-api"),("write:posts","Create and change posts in demo-api")]:
    _,_,loc = call("POST", R+"/client-scopes", {"name":name,"protocol":"openid-connect","description":desc,
       "attributes":{"include.in.token.scope":"true","display.on.consent.screen":"true","consent.screen.text":desc}})
    scope_ids[name] = loc.rsplit("/",1)[1]
    call("PUT", R+f"/default-optional-client-scopes/{scope_ids[name]}")
clients = [
 {"clientId":"demo-cli","name":"Demo command line client","description":"Public client for the resource owner password grant (curl, tests)",
  "publicClient":True,"directAccessGrantsEnabled":True,"standardFlowEnabled":False,"implicitFlowEnabled":False,
  "serviceAccountsEnabled":False,"protocol":"openid-connect","frontchannelLogout":True},
 {"clientId":"swagger-ui","name":"demo-api Swagger UI","description":"Public client used by demo-api's Swagger UI (authorization code + PKCE, password flow)",
  "publicClient":True,"directAccessGrantsEnabled":True,"standardFlowEnabled":True,"implicitFlowEnabled":False,
  "serviceAccountsEnabled":False,"protocol":"openid-connect",
  "redirectUris":["http://localhost:8081/swagger-ui/oauth2-redirect.html"],"webOrigins":["http://localhost:8081"],
  "rootUrl":"http://localhost:8081","frontchannelLogout":True,
  "attributes":{"pkce.code.challenge.method":"S256","post.logout.redirect.uris":"http://localhost:8081/*"}},
]
for c in clients:
    _,_,loc = call("POST", R+"/clients", c)
    cid = loc.rsplit("/",1)[1]
    _, defaults, _ = call("GET", R+f"/clients/{cid}/default-client-scopes")
    _, optional, _ = call("GET", R+f"/clients/{cid}/optional-client-scopes")
    print(c["clientId"], [d["name"] for d in defaults], [o["name"] for o in optional])
print("done")
