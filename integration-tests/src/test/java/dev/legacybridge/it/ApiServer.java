package dev.legacybridge.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.legacybridge.stack.DemoApiProcess;
import dev.legacybridge.stack.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * demo-api's executable jar (copied into {@code it-artifacts} by the pom) running as a real process through
 * local-stack's {@link DemoApiProcess}, on a random loopback port, plus a small HTTP client for it.
 *
 * <pre>{@code
 * try (ApiServer api = ApiServer.start("resource", keycloak.issuer(), Map.of())) {
 *     ApiResponse r = api.get("/users/me", token);
 * }
 * }</pre>
 */
final class ApiServer implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .proxy(HttpClient.Builder.NO_PROXY)
            .build();

    private final DemoApiProcess process;

    private ApiServer(DemoApiProcess process) {
        this.process = process;
    }

    /**
     * Starts demo-api without waiting for it; call {@link #awaitReady()} (so that several can start in parallel).
     *
     * @param name   names the log file {@code it-work/logs/demo-api-<name>.log}
     * @param issuer {@code spring.security.oauth2.resourceserver.jwt.issuer-uri}
     * @param env    further environment (Spring relaxed binding, {@code JAVA_TOOL_OPTIONS}, ...)
     */
    static ApiServer launch(String name, String issuer, Map<String, String> env) {
        Path log = ItSettings.workDir().resolve("logs").resolve("demo-api-" + name + ".log");
        return new ApiServer(DemoApiProcess.start(jar(), FreePorts.next(), issuer, log, env));
    }

    /** {@link #launch} and {@link #awaitReady}. */
    static ApiServer start(String name, String issuer, Map<String, String> env) {
        return launch(name, issuer, env).awaitReady();
    }

    ApiServer awaitReady() {
        process.awaitReady(READY_TIMEOUT);
        return this;
    }

    private static Path jar() {
        String configured = System.getProperty("it.demoApi.jar");
        if (configured == null || configured.isBlank()) {
            throw new IllegalStateException("System property it.demoApi.jar is not set; run the ITs through Maven");
        }
        return Path.of(configured);
    }

    String baseUrl() {
        return process.baseUrl();
    }

    /** The process's console output so far. */
    String log() {
        try {
            return Files.readString(process.logFile(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- requests ----

    HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(baseUrl() + pathAndQuery)).timeout(Duration.ofSeconds(30));
    }

    /** GET with {@code Authorization: Bearer <token>}, or without the header when {@code token} is null. */
    ApiResponse get(String pathAndQuery, String token) {
        return send(withBearer(request(pathAndQuery), token).GET().build());
    }

    ApiResponse postJson(String path, String token, String json) {
        return send(withBearer(request(path), token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    ApiResponse delete(String path, String token) {
        return send(withBearer(request(path), token).DELETE().build());
    }

    /** GET with this exact {@code Authorization} header value. */
    ApiResponse getWithAuthorization(String path, String authorization) {
        return send(request(path).header("Authorization", authorization).GET().build());
    }

    private static HttpRequest.Builder withBearer(HttpRequest.Builder b, String token) {
        return token == null ? b : b.header("Authorization", "Bearer " + token);
    }

    static ApiResponse send(HttpRequest request) {
        try {
            HttpResponse<String> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            Map<String, String> headers = new LinkedHashMap<>();
            r.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(", ", v)));
            return new ApiResponse(r.statusCode(), headers, r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted: " + request.uri(), e);
        }
    }

    @Override
    public void close() {
        process.close();
    }

    /** Status, headers (names lower-cased) and body of a demo-api response. */
    record ApiResponse(int status, Map<String, String> headers, String body) {

        ApiResponse {
            Objects.requireNonNull(headers);
        }

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String wwwAuthenticate() {
            return header("WWW-Authenticate");
        }

        String contentType() {
            return header("Content-Type");
        }

        JsonNode json() {
            return Http.parse(body);
        }

        @Override
        public String toString() {
            return "HTTP " + status + " WWW-Authenticate=" + wwwAuthenticate() + " body=" + body;
        }
    }
}
