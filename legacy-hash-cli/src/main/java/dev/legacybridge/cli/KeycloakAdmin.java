package dev.legacybridge.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * Keycloak's admin REST API over the JDK HTTP client, for {@code legacy-hash migrate}.
 *
 * <p><b>Login.</b> Either the password grant of {@code admin-cli} for an admin user, or the client-credentials grant of
 * a confidential client whose service account has {@code manage-users}, both at
 * {@code <url>/realms/<auth realm>/protocol/openid-connect/token}. The access token is renewed before it expires
 * (with the refresh token when there is one, else by logging in again), and once more when Keycloak answers 401.
 *
 * <p><b>Retries.</b> Connection failures, timeouts and HTTP 500, 502, 503 and 504 are retried {@code retries} times,
 * waiting {@code retryWait}, then twice as long each time (at most 60 s); 503 is what the provider answers while the
 * legacy database is unavailable. Then the call fails with a {@link ServiceFailure}. Every other answer (200, 403,
 * 404...) is returned to the caller. Retrying a batch is safe: bulk migration is idempotent.
 *
 * <p>No password, client secret or token is ever part of a message.
 */
final class KeycloakAdmin {

    static final long MAX_RETRY_WAIT_MILLIS = 60_000;

    /** How to log in. Exactly one of {@code user} and {@code clientId} is set. */
    record Credentials(String authRealm, String user, String password, String clientId, String clientSecret) {
        @Override
        public String toString() {
            return user != null ? "user '" + user + "' of realm " + authRealm
                    : "client '" + clientId + "' of realm " + authRealm;
        }
    }

    /** Waits between retries; replaced in tests. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    /** A non-retried answer: status and body. */
    record Response(int status, String body) {
    }

    private final String baseUrl;
    private final Credentials credentials;
    private final Duration requestTimeout;
    private final int retries;
    private final long retryWaitMillis;
    private final Sleeper sleeper;
    private final LongSupplier nanoClock;
    private final Consumer<String> notice;
    private final HttpClient http;

    private String accessToken;
    private long accessValidUntil;
    private String refreshToken;
    private long refreshValidUntil;

    KeycloakAdmin(String baseUrl, Credentials credentials, Duration requestTimeout, int retries, long retryWaitMillis,
                  Sleeper sleeper, LongSupplier nanoClock, Consumer<String> notice) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.credentials = credentials;
        this.requestTimeout = requestTimeout;
        this.retries = retries;
        this.retryWaitMillis = retryWaitMillis;
        this.sleeper = sleeper;
        this.nanoClock = nanoClock;
        this.notice = notice;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    String baseUrl() {
        return baseUrl;
    }

    /** Who logs in, for messages: {@code user 'admin' of realm master} (never the password). */
    String who() {
        return credentials.toString();
    }

    /** {@code GET /admin/realms<path>}. */
    Response get(String path) {
        return call("GET", path);
    }

    /** {@code POST /admin/realms<path>} without a body. */
    Response post(String path) {
        return call("POST", path);
    }

    /** A path segment, percent-encoded. */
    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Ends the login session of the password grant (best effort; nothing to do for client credentials). */
    void logout() {
        if (refreshToken == null) {
            return;
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("client_id", clientIdForLogin());
        if (credentials.clientId() != null && credentials.clientSecret() != null) {
            form.put("client_secret", credentials.clientSecret());
        }
        form.put("refresh_token", refreshToken);
        try {
            http.send(formRequest(openidUrl("logout"), form), HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            // best effort
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        refreshToken = null;
        accessToken = null;
    }

    // ---------------------------------------------------------------- calls with retries

    /** A failure worth retrying, with a message for the user. */
    private static final class Retryable extends Exception {
        private static final long serialVersionUID = 1L;

        Retryable(String message) {
            super(message, null, false, false);
        }
    }

    private Response call(String method, String path) {
        boolean renewedAfter401 = false;
        int attempt = 0;
        while (true) {
            try {
                String token = token();
                HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/admin/realms" + path))
                        .timeout(requestTimeout)
                        .header("Authorization", "Bearer " + token)
                        .header("Accept", "application/json")
                        .method(method, HttpRequest.BodyPublishers.noBody())
                        .build();
                HttpResponse<String> response = send(request, method + " " + path);
                int status = response.statusCode();
                if (status == 401 && !renewedAfter401) {
                    renewedAfter401 = true;
                    accessToken = null; // e.g. revoked, or the clock of this machine is off: log in again once
                    continue;
                }
                if (status == 401) {
                    throw new ServiceFailure("Keycloak refused the access token of " + credentials + " for " + method
                            + " " + path + " (HTTP 401)");
                }
                if (status == 500 || status == 502 || status == 503 || status == 504) {
                    throw new Retryable("Keycloak answered HTTP " + status + " for " + method + " " + path
                            + (status == 503 ? " (the legacy database is unavailable)" : "")
                            + errorText(response.body()));
                }
                return new Response(status, response.body());
            } catch (Retryable e) {
                if (attempt >= retries) {
                    throw new ServiceFailure(e.getMessage() + (retries > 0 ? "; gave up after " + (retries + 1)
                            + " attempts" : ""));
                }
                long wait = waitMillis(attempt);
                attempt++;
                notice.accept(e.getMessage() + "; retry " + attempt + " of " + retries + " in "
                        + (wait >= 1000 ? wait / 1000 + " s" : wait + " ms"));
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new ServiceFailure("interrupted while waiting to retry");
                }
            }
        }
    }

    /** {@code retryWait * 2^attempt}, at most {@link #MAX_RETRY_WAIT_MILLIS}. */
    long waitMillis(int attempt) {
        long wait = retryWaitMillis;
        for (int i = 0; i < attempt && wait < MAX_RETRY_WAIT_MILLIS; i++) {
            wait *= 2;
        }
        return Math.min(wait, MAX_RETRY_WAIT_MILLIS);
    }

    private HttpResponse<String> send(HttpRequest request, String what) throws Retryable {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new Retryable("no answer from Keycloak within " + requestTimeout.toSeconds() + " s for " + what);
        } catch (IOException e) {
            throw new Retryable("cannot reach Keycloak at " + baseUrl + " for " + what + " ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceFailure("interrupted");
        }
    }

    // ---------------------------------------------------------------- tokens

    private String token() throws Retryable {
        long now = nanoClock.getAsLong();
        if (accessToken != null && now - accessValidUntil < 0) {
            return accessToken;
        }
        if (refreshToken != null && now - refreshValidUntil < 0) {
            Map<String, String> form = new LinkedHashMap<>();
            form.put("grant_type", "refresh_token");
            form.put("client_id", clientIdForLogin());
            if (credentials.clientSecret() != null) {
                form.put("client_secret", credentials.clientSecret());
            }
            form.put("refresh_token", refreshToken);
            HttpResponse<String> response = send(formRequest(openidUrl("token"), form), "token refresh");
            if (response.statusCode() == 200) {
                accept(response.body(), now);
                return accessToken;
            }
            if (response.statusCode() >= 500) {
                throw new Retryable("Keycloak answered HTTP " + response.statusCode() + " to a token refresh"
                        + errorText(response.body()));
            }
            refreshToken = null; // expired or revoked session: log in again below
        }
        Map<String, String> form = new LinkedHashMap<>();
        if (credentials.user() != null) {
            form.put("grant_type", "password");
            form.put("client_id", "admin-cli");
            form.put("username", credentials.user());
            form.put("password", credentials.password());
        } else {
            form.put("grant_type", "client_credentials");
            form.put("client_id", credentials.clientId());
            form.put("client_secret", credentials.clientSecret());
        }
        HttpResponse<String> response = send(formRequest(openidUrl("token"), form), "login");
        int status = response.statusCode();
        if (status == 200) {
            accept(response.body(), now);
            return accessToken;
        }
        if (status >= 500) {
            throw new Retryable("Keycloak answered HTTP " + status + " to the login" + errorText(response.body()));
        }
        throw new ServiceFailure("Keycloak refused the login of " + credentials + " (HTTP " + status + ")"
                + errorText(response.body()));
    }

    private void accept(String body, long now) {
        Map<String, Object> token;
        try {
            token = Json.parseObject(body);
        } catch (Json.JsonException e) {
            throw new ServiceFailure("Keycloak's token endpoint answered something that is not JSON");
        }
        if (!(token.get("access_token") instanceof String access)) {
            throw new ServiceFailure("Keycloak's token endpoint answered without an access token");
        }
        accessToken = access;
        accessValidUntil = now + early(seconds(token.get("expires_in"), 60));
        if (token.get("refresh_token") instanceof String refresh) {
            refreshToken = refresh;
            long refreshSeconds = seconds(token.get("refresh_expires_in"), 0);
            // 0 means "no expiry of its own" (offline tokens); the session's idle limit still applies server-side.
            refreshValidUntil = now + (refreshSeconds == 0 ? Long.MAX_VALUE / 4 : early(refreshSeconds));
        } else {
            refreshToken = null;
        }
    }

    /** A lifetime in nanoseconds, renewed early: 30 s before it ends, or at half of a lifetime below a minute. */
    private static long early(long seconds) {
        long margin = Math.min(30, seconds / 2);
        return Math.max(1, seconds - margin) * 1_000_000_000L;
    }

    private static long seconds(Object value, long fallback) {
        return value instanceof Json.Number n ? n.asLong(fallback) : fallback;
    }

    private String clientIdForLogin() {
        return credentials.clientId() != null ? credentials.clientId() : "admin-cli";
    }

    private String openidUrl(String endpoint) {
        return baseUrl + "/realms/" + segment(credentials.authRealm()) + "/protocol/openid-connect/" + endpoint;
    }

    private HttpRequest formRequest(String url, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return HttpRequest.newBuilder(URI.create(url))
                .timeout(requestTimeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    /**
     * Keycloak's error text from a JSON body ({@code error}, {@code error_description}, {@code errorMessage}), as
     * {@code ": ..."}; empty when there is none. Never more than 300 characters, control characters removed.
     */
    static String errorText(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String text;
        try {
            Object parsed = Json.parse(body);
            if (!(parsed instanceof Map<?, ?> map)) {
                return "";
            }
            StringBuilder out = new StringBuilder();
            for (String key : new String[] {"error", "error_description", "errorMessage"}) {
                if (map.get(key) instanceof String s && !s.isBlank()) {
                    out.append(out.length() == 0 ? "" : " - ").append(s);
                }
            }
            text = out.toString();
        } catch (Json.JsonException e) {
            return "";
        }
        if (text.isEmpty()) {
            return "";
        }
        text = text.replaceAll("\\p{Cntrl}", " ");
        return ": " + (text.length() > 300 ? text.substring(0, 300) + "..." : text);
    }
}
