package dev.legacybridge.it.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The few admin REST calls the browser test makes around the UI: preparing and restoring the demo realm (disable a
 * component, register Swagger UI's redirect URI) and checking and removing what the UI created. Logged in as the
 * master realm's bootstrap admin through {@code admin-cli}; one token per call is plenty for a handful of calls.
 */
final class AdminRest {

    static final String USER_STORAGE = "org.keycloak.storage.UserStorageProvider";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();

    private final String baseUrl;
    private final String realm;
    private final String username;
    private final String password;

    AdminRest(String baseUrl, String realm, String username, String password) {
        this.baseUrl = baseUrl;
        this.realm = realm;
        this.username = username;
        this.password = password;
    }

    /** User storage components of the realm with this name (usually none or one). */
    ArrayNode componentsNamed(String name) {
        return (ArrayNode) get("/components?type=" + enc(USER_STORAGE) + "&name=" + enc(name));
    }

    JsonNode component(String id) {
        return get("/components/" + enc(id));
    }

    /** Sets the component's {@code enabled} flag; returns the previous value. */
    boolean setComponentEnabled(String id, boolean enabled) {
        ObjectNode rep = (ObjectNode) component(id);
        ObjectNode config = (ObjectNode) rep.get("config");
        boolean before = !"false".equals(config.path("enabled").path(0).asText("true"));
        config.putArray("enabled").add(Boolean.toString(enabled));
        send("PUT", "/components/" + enc(id), rep, 204);
        return before;
    }

    void deleteComponent(String id) {
        send("DELETE", "/components/" + enc(id), null, 204);
    }

    /** {@code GET /users?username=..&exact=true}: the user's representation, or a missing node. */
    JsonNode userByUsername(String name) {
        return get("/users?exact=true&username=" + enc(name)).path(0);
    }

    /** The client's representation (by clientId). */
    ObjectNode client(String clientId) {
        JsonNode found = get("/clients?clientId=" + enc(clientId)).path(0);
        if (found.isMissingNode()) {
            throw new IllegalStateException("No client " + clientId + " in realm " + realm);
        }
        return (ObjectNode) found;
    }

    void updateClient(ObjectNode representation) {
        send("PUT", "/clients/" + enc(representation.get("id").asText()), representation, 204);
    }

    private JsonNode get(String path) {
        return send("GET", path, null, 200);
    }

    private JsonNode send(String method, String path, JsonNode body, int expected) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + "/admin/realms/" + enc(realm) + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token())
                .header("Accept", "application/json");
        if (body != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> r = exchange(b.build());
        if (r.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + ": HTTP " + r.statusCode() + " " + r.body());
        }
        return parse(r.body());
    }

    private String token() {
        String form = "grant_type=password&client_id=admin-cli&username=" + enc(username) + "&password=" + enc(password);
        HttpResponse<String> r = exchange(HttpRequest.newBuilder(
                        URI.create(baseUrl + "/realms/master/protocol/openid-connect/token"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("Admin login failed: HTTP " + r.statusCode());
        }
        return parse(r.body()).get("access_token").asText();
    }

    private static HttpResponse<String> exchange(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted: " + request.uri(), e);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isEmpty() ? JSON.missingNode() : JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("Not JSON: " + body, e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
