package dev.legacybridge.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.legacybridge.stack.DemoRealm;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Keycloak admin REST API over the JDK HTTP client, logged in as the master realm's bootstrap admin through
 * {@code admin-cli}. The admin token (60 s lifetime in master) is fetched again shortly before it expires.
 */
final class AdminClient {

    static final String USER_STORAGE = "org.keycloak.storage.UserStorageProvider";

    private final String baseUrl;
    private final String tokenRealm;
    private final String username;
    private final String password;
    private String token;
    private long tokenValidUntilNanos;

    AdminClient(String baseUrl, String username, String password) {
        this(baseUrl, "master", username, password);
    }

    /**
     * An administrator of {@code tokenRealm} (for example a tenant administrator with only {@code manage-realm} of a
     * non-master realm), logged in through that realm's {@code admin-cli}.
     */
    AdminClient(String baseUrl, String tokenRealm, String username, String password) {
        this.baseUrl = baseUrl;
        this.tokenRealm = tokenRealm;
        this.username = username;
        this.password = password;
    }

    /** The master-realm admin this client logs in as (the browser test types it into the console's login form). */
    String username() {
        return username;
    }

    String password() {
        return password;
    }

    private synchronized String token() {
        if (token == null || System.nanoTime() > tokenValidUntilNanos) {
            Http.Response r = Http.postForm(baseUrl + "/realms/" + tokenRealm + "/protocol/openid-connect/token", Map.of(
                    "grant_type", "password", "client_id", "admin-cli", "username", username, "password", password));
            r.expect(200);
            JsonNode body = r.json();
            token = body.get("access_token").asText();
            long lifetime = Math.max(5, body.path("expires_in").asLong(60) - 10);
            tokenValidUntilNanos = System.nanoTime() + lifetime * 1_000_000_000L;
        }
        return token;
    }

    // ---- generic ----

    /** {@code method} on {@code /admin/realms<path>} with an optional JSON body. */
    Http.Response call(String method, String path, Object body) {
        return call(method, path, body, Http.TIMEOUT);
    }

    /** As {@link #call(String, String, Object)}, for a request that does long work (a bulk migration batch). */
    Http.Response call(String method, String path, Object body, Duration timeout) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + "/admin/realms" + path))
                .timeout(timeout)
                .header("Authorization", "Bearer " + token())
                .header("Accept", "application/json");
        if (body != null) {
            b.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : Http.write(body)));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return Http.send(b.build());
    }

    JsonNode get(String path) {
        return call("GET", path, null).expect(200).json();
    }

    static String query(Map<String, ?> params) {
        if (params.isEmpty()) {
            return "";
        }
        return "?" + params.entrySet().stream()
                .map(e -> Http.encode(e.getKey()) + "=" + Http.encode(String.valueOf(e.getValue())))
                .collect(Collectors.joining("&"));
    }

    private static String seg(String s) {
        return Http.encode(s).replace("+", "%20");
    }

    // ---- realm ----

    JsonNode realm(String realm) {
        return get("/" + seg(realm));
    }

    void updateRealm(String realm, JsonNode representation) {
        call("PUT", "/" + seg(realm), representation).expect(204);
    }

    List<String> realmRoleNames(String realm) {
        List<String> out = new ArrayList<>();
        get("/" + seg(realm) + "/roles").forEach(r -> out.add(r.get("name").asText()));
        return out;
    }

    // ---- clients ----

    /** The client's representation, found by its {@code clientId}. */
    ObjectNode client(String realm, String clientId) {
        JsonNode found = get("/" + seg(realm) + "/clients" + query(Map.of("clientId", clientId))).path(0);
        if (!(found instanceof ObjectNode client)) {
            throw new IllegalStateException("No client " + clientId + " in realm " + realm);
        }
        return client;
    }

    /** Replaces the client's representation (as read with {@link #client}). */
    void updateClient(String realm, JsonNode representation) {
        call("PUT", "/" + seg(realm) + "/clients/" + seg(representation.get("id").asText()), representation).expect(204);
    }

    // ---- components (user federation) ----

    List<JsonNode> components(String realm, String type) {
        List<JsonNode> out = new ArrayList<>();
        get("/" + seg(realm) + "/components" + query(Map.of("type", type))).forEach(out::add);
        return out;
    }

    JsonNode component(String realm, String id) {
        return get("/" + seg(realm) + "/components/" + seg(id));
    }

    /** The realm's {@code legacy-db} federation component, as imported from demo-realm.json. */
    JsonNode legacyComponent(String realm) {
        return component(realm, DemoRealm.LEGACY_COMPONENT_ID);
    }

    /**
     * Creates a user storage component.
     *
     * @param config component config; each value a String or a List of Strings (Keycloak stores lists)
     * @return the new component's id
     */
    String createUserStorageComponent(String realm, String name, String providerId, Map<String, ?> config) {
        ObjectNode rep = Http.JSON.createObjectNode();
        rep.put("name", name);
        rep.put("providerId", providerId);
        rep.put("providerType", USER_STORAGE);
        rep.set("config", configNode(config));
        return createComponent(realm, rep);
    }

    String createComponent(String realm, JsonNode representation) {
        return call("POST", "/" + seg(realm) + "/components", representation).expect(201).createdId();
    }

    /** Replaces the component's representation ({@code config} values are lists of strings). */
    void updateComponent(String realm, String id, JsonNode representation) {
        call("PUT", "/" + seg(realm) + "/components/" + seg(id), representation).expect(204);
    }

    /** Reads the component, overwrites the given config keys, and writes it back. */
    void updateComponentConfig(String realm, String id, Map<String, ?> config) {
        ObjectNode rep = (ObjectNode) component(realm, id);
        ObjectNode cfg = rep.has("config") ? (ObjectNode) rep.get("config") : rep.putObject("config");
        configNode(config).fields().forEachRemaining(e -> cfg.set(e.getKey(), e.getValue()));
        updateComponent(realm, id, rep);
    }

    void deleteComponent(String realm, String id) {
        call("DELETE", "/" + seg(realm) + "/components/" + seg(id), null).expect(204);
    }

    static ObjectNode configNode(Map<String, ?> config) {
        ObjectNode cfg = Http.JSON.createObjectNode();
        config.forEach((k, v) -> {
            var arr = cfg.putArray(k);
            if (v instanceof List<?> list) {
                list.forEach(x -> arr.add(String.valueOf(x)));
            } else {
                arr.add(String.valueOf(v));
            }
        });
        return cfg;
    }

    // ---- users ----

    /** Creates a local (native) user with a non-temporary password; returns its id. */
    String createUser(String realm, String username, String password, String email, String firstName, String lastName) {
        Map<String, Object> rep = new LinkedHashMap<>();
        rep.put("username", username);
        rep.put("enabled", true);
        rep.put("email", email);
        rep.put("emailVerified", true);
        rep.put("firstName", firstName);
        rep.put("lastName", lastName);
        rep.put("credentials", List.of(Map.of("type", "password", "value", password, "temporary", false)));
        return call("POST", "/" + seg(realm) + "/users", rep).expect(201).createdId();
    }

    void deleteUser(String realm, String id) {
        call("DELETE", "/" + seg(realm) + "/users/" + seg(id), null).expect(204);
    }

    JsonNode user(String realm, String id) {
        return get("/" + seg(realm) + "/users/" + seg(id));
    }

    /** {@code GET /users?search=...} (prefix by default, {@code *x*} infix, {@code "x"} exact). */
    List<JsonNode> searchUsers(String realm, String search) {
        return findUsers(realm, Map.of("search", search));
    }

    /** {@code GET /users} with any of its query parameters (username, email, exact, q, first, max, ...). */
    List<JsonNode> findUsers(String realm, Map<String, ?> params) {
        List<JsonNode> out = new ArrayList<>();
        get("/" + seg(realm) + "/users" + query(params)).forEach(out::add);
        return out;
    }

    int countUsers(String realm, Map<String, ?> params) {
        return get("/" + seg(realm) + "/users/count" + query(params)).asInt();
    }

    /** Effective realm roles of a user (composite expansion included). */
    List<String> userRealmRoles(String realm, String userId) {
        List<String> out = new ArrayList<>();
        get("/" + seg(realm) + "/users/" + seg(userId) + "/role-mappings/realm/composite").forEach(r -> out.add(r.get("name").asText()));
        return out;
    }

    List<String> userGroups(String realm, String userId) {
        List<String> out = new ArrayList<>();
        get("/" + seg(realm) + "/users/" + seg(userId) + "/groups").forEach(g -> out.add(g.get("name").asText()));
        return out;
    }

    // ---- brute force ----

    JsonNode bruteForceStatus(String realm, String userId) {
        return get("/" + seg(realm) + "/attack-detection/brute-force/users/" + seg(userId));
    }

    /** Clears every user's login failures in the realm (tests that trip the lockout call this afterwards). */
    void clearBruteForce(String realm) {
        call("DELETE", "/" + seg(realm) + "/attack-detection/brute-force/users", null).expect(204);
    }
}
