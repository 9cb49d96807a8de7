package dev.legacybridge.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keycloak's side of {@code legacy-hash migrate}, on a loopback port: the token endpoint (password, client-credentials
 * and refresh-token grants), the component list, and the provider's {@code legacy-migration} status and batch
 * endpoints over a simulated legacy table of rows {@code 1..rows} in which {@code failing} rows are refused and rows
 * already imported are skipped, as {@code BulkMigration} does. Faults can be injected per call.
 */
final class FakeKeycloak implements AutoCloseable {

    static final String REALM = "acme";
    static final String COMPONENT_ID = "0c7e0000-aaaa-bbbb-cccc-000000000001";
    static final String COMPONENT_NAME = "legacy-db";
    static final String ADMIN = "admin";
    static final String ADMIN_PASSWORD = "kc-admin-pw-1";
    static final String CLIENT_ID = "migrator";
    static final String CLIENT_SECRET = "client-secret-2";

    private final HttpServer server;
    volatile int rows = 1200;
    volatile String mode = "MIGRATE";
    final Map<Integer, String> failing = new HashMap<>();
    final Set<Integer> imported = Collections.synchronizedSet(new HashSet<>());
    /** Extra components returned by the list, as JSON objects. */
    final List<String> extraComponents = Collections.synchronizedList(new ArrayList<>());
    /** Statuses answered instead of a batch, in order (e.g. 503, 503). */
    final Deque<Integer> batchFaults = new ArrayDeque<>();
    volatile int alwaysBatchStatus;
    volatile boolean listForbidden;
    volatile int expiresIn = 60;
    /** The next admin call answers 401 whatever the token. */
    volatile boolean rejectNextToken;
    /** {@code after} of every batch call ({@code null} for none), and its size. */
    final List<String> batchAfters = Collections.synchronizedList(new ArrayList<>());
    final List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
    final List<Map<String, String>> tokenRequests = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger logouts = new AtomicInteger();
    /** Called on each batch, after it is answered (e.g. to kill the client). */
    volatile Runnable afterBatch = () -> { };
    private final Set<String> validTokens = Collections.synchronizedSet(new HashSet<>());
    private final AtomicInteger tokenCounter = new AtomicInteger();

    FakeKeycloak() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getRawPath();
            Map<String, String> query = parse(exchange.getRequestURI().getRawQuery());
            if (path.equals("/realms/" + REALM + "/protocol/openid-connect/token")
                    || path.equals("/realms/master/protocol/openid-connect/token")) {
                token(exchange, parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
                return;
            }
            if (path.endsWith("/protocol/openid-connect/logout")) {
                logouts.incrementAndGet();
                send(exchange, 204, null);
                return;
            }
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (rejectNextToken || auth == null || !validTokens.contains(auth.substring("Bearer ".length()))) {
                rejectNextToken = false;
                send(exchange, 401, "{\"error\":\"HTTP 401 Unauthorized\"}");
                return;
            }
            String admin = "/admin/realms/" + REALM;
            if (!path.startsWith(admin + "/")) {
                send(exchange, 404, "{\"error\":\"Realm not found.\"}");
                return;
            }
            String rest = path.substring(admin.length());
            if (rest.equals("/components") && "GET".equals(exchange.getRequestMethod())) {
                if (listForbidden) {
                    send(exchange, 403, "{\"error\":\"HTTP 403 Forbidden\"}");
                    return;
                }
                List<String> components = new ArrayList<>(extraComponents);
                components.add(0, "{\"id\":\"" + COMPONENT_ID + "\",\"name\":\"" + COMPONENT_NAME
                        + "\",\"providerId\":\"legacy-database\",\"providerType\":\"" + query.get("type") + "\"}");
                send(exchange, 200, "[" + String.join(",", components) + "]");
                return;
            }
            if (rest.equals("/legacy-migration/" + COMPONENT_ID) && "GET".equals(exchange.getRequestMethod())) {
                send(exchange, 200, "{\"componentId\":\"" + COMPONENT_ID + "\",\"name\":\"" + COMPONENT_NAME
                        + "\",\"mode\":\"" + mode + "\",\"legacyRows\":" + rows + "}");
                return;
            }
            if (rest.equals("/legacy-migration/" + COMPONENT_ID + "/batch") && "POST".equals(exchange.getRequestMethod())) {
                batch(exchange, query);
                afterBatch.run();
                return;
            }
            send(exchange, 404, "{\"error\":\"Could not find resource\"}");
        } catch (RuntimeException e) {
            send(exchange, 500, "{\"error\":\"" + e + "\"}");
        }
    }

    private void token(HttpExchange exchange, Map<String, String> form) throws IOException {
        tokenRequests.add(form);
        String grant = form.get("grant_type");
        boolean ok = switch (String.valueOf(grant)) {
            case "password" -> "admin-cli".equals(form.get("client_id")) && ADMIN.equals(form.get("username"))
                    && ADMIN_PASSWORD.equals(form.get("password"));
            case "client_credentials" -> CLIENT_ID.equals(form.get("client_id"))
                    && CLIENT_SECRET.equals(form.get("client_secret"));
            case "refresh_token" -> String.valueOf(form.get("refresh_token")).startsWith("refresh-");
            default -> false;
        };
        if (!ok) {
            send(exchange, 401, "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid user credentials\"}");
            return;
        }
        String access = "access-" + tokenCounter.incrementAndGet();
        validTokens.add(access);
        String body = "{\"access_token\":\"" + access + "\",\"expires_in\":" + expiresIn;
        if (!"client_credentials".equals(grant)) {
            body += ",\"refresh_token\":\"refresh-" + tokenCounter.get() + "\",\"refresh_expires_in\":1800";
        }
        send(exchange, 200, body + ",\"token_type\":\"Bearer\"}");
    }

    private void batch(HttpExchange exchange, Map<String, String> query) throws IOException {
        String after = query.get("after");
        int size = Integer.parseInt(query.getOrDefault("size", "500"));
        batchAfters.add(after);
        batchSizes.add(size);
        Integer fault;
        synchronized (batchFaults) {
            fault = batchFaults.poll();
        }
        if (fault == null && alwaysBatchStatus != 0) {
            fault = alwaysBatchStatus;
        }
        if (fault != null) {
            send(exchange, fault, fault == 503 ? "{\"error\":\"The legacy database is unavailable; retry later\"}"
                    : "{\"error\":\"unknown_error\"}");
            return;
        }
        int from = after == null ? 1 : Integer.parseInt(after) + 1;
        int to = Math.min(rows, from + size - 1);
        int processed = Math.max(0, to - from + 1);
        int importedNow = 0;
        int skipped = 0;
        List<String> failures = new ArrayList<>();
        for (int id = from; id <= to; id++) {
            if (failing.containsKey(id)) {
                failures.add("{\"legacyId\":\"" + id + "\",\"reason\":\"" + failing.get(id) + "\"}");
            } else if (imported.add(id)) {
                importedNow++;
            } else {
                skipped++;
            }
        }
        String next = processed == 0 ? (after == null ? "null" : "\"" + after + "\"") : "\"" + to + "\"";
        boolean done = processed < size;
        send(exchange, 200, "{\"processed\":" + processed + ",\"imported\":" + importedNow + ",\"skipped\":" + skipped
                + ",\"failed\":" + failures.size() + ",\"failures\":[" + String.join(",",
                failures.subList(0, Math.min(50, failures.size()))) + "],\"nextCursor\":" + next + ",\"done\":" + done
                + "}");
    }

    private static Map<String, String> parse(String encoded) {
        Map<String, String> map = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return map;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            map.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return map;
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }
}
