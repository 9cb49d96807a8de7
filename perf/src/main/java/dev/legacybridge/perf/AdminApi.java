package dev.legacybridge.perf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.List;
import java.util.Map;

/**
 * Keycloak's admin REST API over {@code java.net.http}, as the master realm's bootstrap admin ({@code admin-cli}
 * password grant; the token is renewed well before its 60 s lifetime ends).
 */
final class AdminApi {

    static final ObjectMapper JSON = new ObjectMapper();

    /** An answer: status and body. */
    record Response(int status, String body, String location) {

        Response expect(int... expected) {
            for (int e : expected) {
                if (status == e) {
                    return this;
                }
            }
            throw new IllegalStateException("HTTP " + status + " (expected " + java.util.Arrays.toString(expected)
                    + "): " + (body.length() > 2000 ? body.substring(0, 2000) + "..." : body));
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The id at the end of the {@code Location} header of a 201. */
        String createdId() {
            if (location == null) {
                throw new IllegalStateException("No Location header");
            }
            return location.substring(location.lastIndexOf('/') + 1);
        }
    }

    private final String baseUrl;
    private final String username;
    private final String password;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private String token;
    private long tokenAt;

    AdminApi(String baseUrl, String username, String password) {
        this.baseUrl = baseUrl;
        this.username = username;
        this.password = password;
    }

    String baseUrl() {
        return baseUrl;
    }

    private synchronized String token() {
        if (token == null || System.nanoTime() - tokenAt > Duration.ofSeconds(30).toNanos()) {
            tokenAt = System.nanoTime();
            Response r = send(HttpRequest.newBuilder(URI.create(baseUrl + "/realms/master/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("grant_type", "password",
                            "client_id", "admin-cli", "username", username, "password", password)))),
                    Duration.ofSeconds(60)).expect(200);
            token = r.json().path("access_token").asText();
        }
        return token;
    }

    static String form(Map<String, String> fields) {
        StringBuilder sb = new StringBuilder();
        fields.forEach((k, v) -> {
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
        return sb.toString();
    }

    /** {@code path} relative to {@code /admin/realms}, e.g. {@code /demo/users}; body is serialized as JSON. */
    Response call(String method, String path, Object body) {
        return call(method, path, body, Duration.ofMinutes(5));
    }

    Response call(String method, String path, Object body, Duration timeout) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + "/admin/realms" + path))
                .header("Authorization", "Bearer " + token())
                .header("Accept", "application/json");
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            try {
                b.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return send(b, timeout);
    }

    JsonNode get(String path) {
        return call("GET", path, null).expect(200).json();
    }

    private Response send(HttpRequest.Builder b, Duration timeout) {
        try {
            HttpResponse<String> r = http.send(b.timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body(), r.headers().firstValue("Location").orElse(null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ realms for the benchmarks

    /**
     * A realm as the benchmarks need it: a public client {@code bench-cli} with direct access grants, realm roles
     * {@code admin} and {@code staff}, Keycloak's built-in client scopes, brute-force detection on (as in production),
     * and the given extra settings (e.g. {@code passwordPolicy}).
     */
    void createRealm(String realm, Map<String, Object> extra) {
        Map<String, Object> rep = new java.util.LinkedHashMap<>();
        rep.put("realm", realm);
        rep.put("enabled", true);
        rep.put("bruteForceProtected", true);
        rep.put("failureFactor", 30);
        rep.put("roles", Map.of("realm", List.of(Map.of("name", "admin"), Map.of("name", "staff"))));
        rep.put("clients", List.of(Map.of("clientId", BENCH_CLIENT, "enabled", true, "publicClient", true,
                "directAccessGrantsEnabled", true, "standardFlowEnabled", false)));
        rep.putAll(extra);
        call("POST", "", rep).expect(201);
        optionalNamesAndEmail(realm);
    }

    static final String BENCH_CLIENT = "bench-cli";

    /**
     * Email, first and last name optional in the realm's user profile (as in Django's auth_user): with Keycloak's
     * default profile a user without them gets a required action, and the password grant answers "Account is not
     * fully set up".
     */
    void optionalNamesAndEmail(String realm) {
        ObjectNode profile = (ObjectNode) get("/" + realm + "/users/profile");
        profile.withArray("attributes").forEach(attribute -> {
            if (List.of("email", "firstName", "lastName").contains(attribute.path("name").asText())) {
                ((ObjectNode) attribute).remove("required");
            }
        });
        call("PUT", "/" + realm + "/users/profile", profile).expect(200);
    }

    /** A {@code legacy-database} user-storage component; returns its id. */
    String createLegacyComponent(String realm, String name, Map<String, Object> config) {
        Map<String, Object> cfg = new java.util.LinkedHashMap<>();
        config.forEach((k, v) -> cfg.put(k, v instanceof List<?> ? v : List.of(String.valueOf(v))));
        Map<String, Object> rep = Map.of("name", name, "providerId", "legacy-database",
                "providerType", "org.keycloak.storage.UserStorageProvider", "parentId", realmId(realm),
                "config", cfg);
        return call("POST", "/" + realm + "/components", rep).expect(201).createdId();
    }

    String realmId(String realm) {
        return get("/" + realm).path("id").asText();
    }

    void deleteRealm(String realm) {
        call("DELETE", "/" + realm, null).expect(204, 404);
    }
}
