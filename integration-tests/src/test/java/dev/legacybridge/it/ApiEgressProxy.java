package dev.legacybridge.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A recording HTTP forward proxy for the outbound calls of a demo-api process: every request demo-api makes (OpenID
 * discovery, JWKS, anything else) goes through it, is recorded, and is forwarded unchanged to its real target.
 *
 * <p>How demo-api is made to use it without touching its configuration: {@link #javaToolOptions()} sets the JDK's
 * {@code http.proxyHost}/{@code http.proxyPort}, which {@code HttpURLConnection} honours (both Spring's
 * {@code SimpleClientHttpRequestFactory}, used for discovery, and Nimbus's {@code DefaultResourceRetriever}, used for
 * the JWKS, open connections through it), and an <em>empty</em> {@code http.nonProxyHosts}, without which the JDK
 * never proxies loopback addresses. The issuer and the tokens' {@code iss} stay exactly Keycloak's.
 */
final class ApiEgressProxy implements AutoCloseable {

    /** One proxied request: method, target host:port and path (with query). */
    record Request(String method, String authority, String pathAndQuery) {
        @Override
        public String toString() {
            return method + " " + pathAndQuery;
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final HttpClient client = HttpClient.newBuilder()
            .proxy(HttpClient.Builder.NO_PROXY)
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private ApiEgressProxy(HttpServer server) {
        this.server = server;
    }

    static ApiEgressProxy start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            ApiEgressProxy proxy = new ApiEgressProxy(server);
            server.createContext("/", proxy::forward);
            server.setExecutor(proxy.executor);
            server.start();
            return proxy;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** {@code JAVA_TOOL_OPTIONS} value that routes the process's {@code http://} calls through this proxy. */
    String javaToolOptions() {
        return "-Dhttp.proxyHost=127.0.0.1 -Dhttp.proxyPort=" + server.getAddress().getPort() + " -Dhttp.nonProxyHosts=";
    }

    List<Request> requests() {
        return new ArrayList<>(requests);
    }

    /** How many recorded requests had exactly this path (query ignored). */
    long count(String path) {
        return requests.stream().filter(r -> r.pathAndQuery().split("\\?", 2)[0].equals(path)).count();
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            URI target = exchange.getRequestURI();   // absolute-form, as sent to a forward proxy
            if (target.getScheme() == null || target.getHost() == null) {
                requests.add(new Request(exchange.getRequestMethod(), "(none)", target.toString()));
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            String pathAndQuery = target.getRawPath() + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
            requests.add(new Request(exchange.getRequestMethod(), target.getRawAuthority(), pathAndQuery));
            byte[] body = exchange.getRequestBody().readAllBytes();
            HttpRequest.Builder b = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(10))
                    .method(exchange.getRequestMethod(), body.length == 0
                            ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            for (String h : List.of("Accept", "Content-Type")) {
                String v = exchange.getRequestHeaders().getFirst(h);
                if (v != null) {
                    b.header(h, v);
                }
            }
            HttpResponse<byte[]> response;
            try {
                response = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                exchange.sendResponseHeaders(502, -1);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            response.headers().firstValue("Content-Type")
                    .ifPresent(v -> exchange.getResponseHeaders().add("Content-Type", v));
            byte[] out = response.body();
            exchange.sendResponseHeaders(response.statusCode(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(out);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
