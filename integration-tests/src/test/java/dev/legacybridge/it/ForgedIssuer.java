package dev.legacybridge.it;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OpenID issuer we control, for the one check a real Keycloak token cannot exercise: a token whose {@code nbf} is
 * in the future (Keycloak never sets {@code nbf}, and we cannot sign as Keycloak). A loopback JDK {@link HttpServer}
 * serves the discovery document and a JWKS with our own RSA key, so a demo-api process started with
 * {@code issuer-uri = }{@link #issuer()} <em>trusts</em> that key: a token we sign is then refused only for what is
 * wrong with its claims.
 */
final class ForgedIssuer implements AutoCloseable {

    private static final String REALM_PATH = "/realms/forged";

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final KeyPair key = ForgedTokens.newRsaKeyPair();
    private final String kid = "forged-" + UUID.randomUUID();
    private final AtomicInteger jwksRequests = new AtomicInteger();

    private ForgedIssuer(HttpServer server) {
        this.server = server;
    }

    static ForgedIssuer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            ForgedIssuer issuer = new ForgedIssuer(server);
            server.createContext(REALM_PATH + "/.well-known/openid-configuration", issuer::discovery);
            server.createContext(REALM_PATH + "/protocol/openid-connect/certs", issuer::jwks);
            server.setExecutor(issuer.executor);
            server.start();
            return issuer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + REALM_PATH;
    }

    int jwksRequests() {
        return jwksRequests.get();
    }

    /** Claims shaped like a Keycloak 26.7 access token for {@code username}, valid for 5 minutes from now. */
    ObjectNode accessTokenClaims(String username) {
        long now = Instant.now().getEpochSecond();
        ObjectNode claims = Http.JSON.createObjectNode()
                .put("exp", now + 300).put("iat", now).put("jti", UUID.randomUUID().toString())
                .put("iss", issuer()).put("aud", "demo-api").put("sub", "forged:" + username).put("typ", "Bearer")
                .put("azp", "demo-cli").put("scope", "openid profile email read:posts")
                .put("preferred_username", username).put("name", "Forged Test").put("email", username + "@example.org");
        claims.putObject("realm_access").putArray("roles").add("default-roles-demo");
        return claims;
    }

    /** RS256-signs {@code claims} with this issuer's (trusted) key and kid. */
    String sign(ObjectNode claims) {
        ObjectNode header = Http.JSON.createObjectNode().put("alg", "RS256").put("typ", "JWT").put("kid", kid);
        return ForgedTokens.rs256(header, claims, key.getPrivate());
    }

    private void discovery(HttpExchange exchange) throws IOException {
        ObjectNode doc = Http.JSON.createObjectNode()
                .put("issuer", issuer())
                .put("jwks_uri", issuer() + "/protocol/openid-connect/certs")
                .put("token_endpoint", issuer() + "/protocol/openid-connect/token");
        doc.putArray("id_token_signing_alg_values_supported").add("RS256");
        respond(exchange, Http.write(doc));
    }

    private void jwks(HttpExchange exchange) throws IOException {
        jwksRequests.incrementAndGet();
        ObjectNode doc = Http.JSON.createObjectNode();
        doc.putArray("keys").add(ForgedTokens.jwk((RSAPublicKey) key.getPublic(), kid));
        respond(exchange, Http.write(doc));
    }

    private static void respond(HttpExchange exchange, String json) throws IOException {
        try (exchange) {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
