package dev.legacybridge.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Token requests for the reliability suite, timed and kept raw: unlike {@link TokenClient}, a response that is not
 * JSON (an HTML error page) or a transport failure is recorded, not thrown, so that a load test can count it.
 */
final class ReliabilityHttp {

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private ReliabilityHttp() {
    }

    /**
     * One request's outcome. {@code status} is -1 when no HTTP response arrived ({@code transportError} says why).
     * Times are {@link System#nanoTime()} values.
     */
    record Result(int status, String body, String contentType, long startNanos, long endNanos, String transportError) {

        double millis() {
            return (endNanos - startNanos) / 1e6;
        }

        boolean ok() {
            return status == 200 && body != null && body.contains("\"access_token\"");
        }

        /** The JSON body, or null when the body is not JSON. */
        JsonNode json() {
            if (body == null || body.isEmpty()) {
                return null;
            }
            try {
                return Http.JSON.readTree(body);
            } catch (IOException e) {
                return null;
            }
        }

        boolean jsonObject() {
            JsonNode json = json();
            return json != null && json.isObject();
        }

        String error() {
            JsonNode json = json();
            return json == null ? null : json.path("error").asText(null);
        }

        String errorDescription() {
            JsonNode json = json();
            return json == null ? null : json.path("error_description").asText(null);
        }

        /** Claims of the access token of a 200 response. */
        JsonNode claims() {
            return Jwt.claims(json().path("access_token").asText());
        }

        /** A failure that names a server-side exception or looks like an HTML error page. */
        boolean leaksInternals() {
            String b = body == null ? "" : body;
            return b.contains("Exception") || b.contains("\tat ") || b.contains("at org.") || b.contains("at java.")
                    || b.toLowerCase(java.util.Locale.ROOT).contains("<html");
        }

        /** Short description for assertion messages; never the token. */
        String describe() {
            if (status < 0) {
                return "no response: " + transportError;
            }
            if (ok()) {
                return "HTTP 200 (token)";
            }
            String b = body == null ? "" : body;
            return "HTTP " + status + " " + (b.length() > 300 ? b.substring(0, 300) + "..." : b);
        }

        @Override
        public String toString() {
            return describe();
        }
    }

    /** Resource owner password grant against {@code realm}'s token endpoint, timed on this side. */
    static Result passwordGrant(String baseUrl, String realm, String clientId, String username, String password) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("client_id", clientId);
        form.put("username", username);
        form.put("password", password);
        String body = form.entrySet().stream()
                .map(e -> Http.encode(e.getKey()) + "=" + Http.encode(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/realms/" + realm
                        + "/protocol/openid-connect/token"))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return send(request);
    }

    /** Sends any request and records status, body and time; transport failures become status -1. */
    static Result send(HttpRequest request) {
        long start = System.nanoTime();
        try {
            HttpResponse<String> r = Http.CLIENT.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            long end = System.nanoTime();
            return new Result(r.statusCode(), r.body(), r.headers().firstValue("Content-Type").orElse(""), start, end,
                    null);
        } catch (IOException e) {
            return new Result(-1, null, "", start, System.nanoTime(), e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, null, "", start, System.nanoTime(), "interrupted");
        }
    }

    /** GET on the admin REST API ({@code /admin/realms<path>}) as {@link AdminClient#call}, but never throwing. */
    static Result adminGet(KeycloakEnvironment keycloak, String path) {
        long start = System.nanoTime();
        try {
            Http.Response r = keycloak.admin().call("GET", path, null);
            return new Result(r.status(), r.body(), "", start, System.nanoTime(), null);
        } catch (RuntimeException e) {
            return new Result(-1, null, "", start, System.nanoTime(), e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
