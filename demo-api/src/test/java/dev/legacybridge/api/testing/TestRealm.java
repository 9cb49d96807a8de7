package dev.legacybridge.api.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for the Keycloak realm {@code demo}, on a loopback {@link HttpServer} with a random port:
 * <pre>
 * GET /realms/demo/.well-known/openid-configuration   {"issuer": ..., "jwks_uri": ..., ...}
 * GET /realms/demo/protocol/openid-connect/certs      the JWK set: the current RS256 signing key + an RSA-OAEP
 *                                                     encryption key, as Keycloak publishes them
 * </pre>
 * It counts JWKS requests, can rotate its signing key (the set then holds only the new key) and can fail the JWKS
 * endpoint with 500. Tokens are shaped like Keycloak 26.7 access tokens and signed with real RSA keys.
 */
public final class TestRealm implements AutoCloseable {

    public static final String AUDIENCE = "demo-api";
    private static final String REALM_PATH = "/realms/demo";

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final AtomicInteger jwksRequests = new AtomicInteger();
    private final AtomicInteger discoveryRequests = new AtomicInteger();
    private final AtomicBoolean failJwks = new AtomicBoolean();
    private final RSAKey encryptionKey;
    private volatile RSAKey signingKey;
    private volatile String advertisedIssuer;

    private int rotations;

    private TestRealm() throws IOException {
        this.signingKey = withNewKid(KeyMaterial.REALM[0], KeyUse.SIGNATURE);
        this.encryptionKey = withNewKid(KeyMaterial.ENCRYPTION, KeyUse.ENCRYPTION);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        this.server.createContext(REALM_PATH + "/protocol/openid-connect/certs", this::certs);
        this.server.createContext(REALM_PATH + "/.well-known/openid-configuration", this::discovery);
        this.server.setExecutor(this.executor);
        this.server.start();
        this.advertisedIssuer = issuer();
    }

    public static TestRealm start() {
        try {
            return new TestRealm();
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** A loopback URL where nothing listens (the port was free a moment ago). */
    public static String unreachableIssuer() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort() + REALM_PATH;
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    public String issuer() {
        return "http://127.0.0.1:" + this.server.getAddress().getPort() + REALM_PATH;
    }

    public String jwkSetUri() {
        return issuer() + "/protocol/openid-connect/certs";
    }

    public int jwksRequests() {
        return this.jwksRequests.get();
    }

    public int discoveryRequests() {
        return this.discoveryRequests.get();
    }

    /** Publishes a new signing key under a new kid; the old key disappears from the set. */
    public synchronized RSAKey rotate() {
        this.rotations++;
        this.signingKey = withNewKid(KeyMaterial.REALM[this.rotations % KeyMaterial.REALM.length], KeyUse.SIGNATURE);
        return this.signingKey;
    }

    public RSAKey signingKey() {
        return this.signingKey;
    }

    public void failJwks(boolean fail) {
        this.failJwks.set(fail);
    }

    /** What the discovery document claims as issuer (to test a mismatch). */
    public void advertiseIssuer(String issuer) {
        this.advertisedIssuer = issuer;
    }

    /** An access token as Keycloak issues it for alice with {@code scope}; change it with the builder. */
    public Token accessToken() {
        return new Token(this);
    }

    @Override
    public void close() {
        this.server.stop(0);
        this.executor.shutdownNow();
    }

    private void certs(HttpExchange exchange) throws IOException {
        this.jwksRequests.incrementAndGet();
        if (this.failJwks.get()) {
            respond(exchange, 500, "{\"error\":\"unknown_error\"}");
            return;
        }
        JWKSet set = new JWKSet(List.of(this.signingKey.toPublicJWK(), this.encryptionKey.toPublicJWK()));
        respond(exchange, 200, set.toString(true));
    }

    private void discovery(HttpExchange exchange) throws IOException {
        this.discoveryRequests.incrementAndGet();
        String issuer = issuer();
        respond(exchange, 200, "{\"issuer\":\"" + this.advertisedIssuer + "\","
                + "\"authorization_endpoint\":\"" + issuer + "/protocol/openid-connect/auth\","
                + "\"token_endpoint\":\"" + issuer + "/protocol/openid-connect/token\","
                + "\"jwks_uri\":\"" + jwkSetUri() + "\","
                + "\"id_token_signing_alg_values_supported\":[\"RS256\"]}");
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** A signing key the realm never publishes (an attacker's), under a fresh kid. */
    public static RSAKey newSigningKey() {
        return withNewKid(KeyMaterial.FOREIGN, KeyUse.SIGNATURE);
    }

    private static RSAKey withNewKid(RSAKey material, KeyUse use) {
        return new RSAKey.Builder(material).keyUse(use).keyID(UUID.randomUUID().toString())
                .algorithm(use == KeyUse.SIGNATURE ? JWSAlgorithm.RS256 : new JWSAlgorithm("RSA-OAEP"))
                .build();
    }

    /** 2048-bit RSA key generation costs 50-500 ms here; generate each once per JVM and vary only the kid. */
    private static final class KeyMaterial {

        static final RSAKey[] REALM = {generate(), generate()};
        static final RSAKey FOREIGN = generate();
        static final RSAKey ENCRYPTION = generate();

        private static RSAKey generate() {
            try {
                return new RSAKeyGenerator(2048).generate();
            }
            catch (JOSEException ex) {
                throw new IllegalStateException(ex);
            }
        }
    }

    /** Builder of one token; defaults are a valid access token of alice with {@code openid profile email read:posts}. */
    public static final class Token {

        private final TestRealm realm;
        private final Map<String, Object> claims = new LinkedHashMap<>();
        private RSAKey key;
        private String kid;

        private Token(TestRealm realm) {
            this.realm = realm;
            this.key = realm.signingKey;
            this.kid = this.key.getKeyID();
            Instant now = Instant.now();
            claims.put("exp", Date.from(now.plusSeconds(300)));
            claims.put("iat", Date.from(now));
            claims.put("jti", UUID.randomUUID().toString());
            claims.put("iss", realm.issuer());
            claims.put("aud", List.of(AUDIENCE, "account"));
            claims.put("sub", "0b5f3c1e-9a55-4a6b-8f5e-2d1c3b4a5f60");
            claims.put("typ", "Bearer");
            claims.put("azp", "demo-cli");
            claims.put("scope", "openid profile email read:posts");
            claims.put("realm_access", Map.of("roles", List.of("staff", "default-roles-demo")));
            claims.put("email_verified", true);
            claims.put("name", "Alice Liddell");
            claims.put("preferred_username", "alice");
            claims.put("given_name", "Alice");
            claims.put("family_name", "Liddell");
            claims.put("email", "alice@example.org");
        }

        public Token claim(String name, Object value) {
            this.claims.put(name, value instanceof Instant instant ? Date.from(instant) : value);
            return this;
        }

        public Token without(String name) {
            this.claims.remove(name);
            return this;
        }

        public Token scope(String scope) {
            return claim("scope", scope);
        }

        public Token roles(String... roles) {
            return claim("realm_access", Map.of("roles", List.of(roles)));
        }

        public Token username(String username) {
            return claim("preferred_username", username);
        }

        /** Signs with another key under the given kid (unknown kid, or a known kid with the wrong key). */
        public Token signedWith(RSAKey signingKey, String keyId) {
            this.key = signingKey;
            this.kid = keyId;
            return this;
        }

        public JWTClaimsSet claims() {
            try {
                return JWTClaimsSet.parse(new LinkedHashMap<>(toJson()));
            }
            catch (java.text.ParseException ex) {
                throw new IllegalStateException(ex);
            }
        }

        private Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            this.claims.forEach((name, value) -> json.put(name,
                    value instanceof Date date ? date.getTime() / 1000 : value));
            return json;
        }

        /** RS256, header {@code typ: JWT} and {@code kid}, as Keycloak signs access tokens. */
        public String sign() {
            try {
                SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .type(JOSEObjectType.JWT).keyID(this.kid).build(), claims());
                jwt.sign(new RSASSASigner(this.key));
                return jwt.serialize();
            }
            catch (JOSEException ex) {
                throw new IllegalStateException(ex);
            }
        }

        /** {@code alg: none}. */
        public String unsigned() {
            return new PlainJWT(claims()).serialize();
        }

        /** The classic key-confusion attack: HS256 with the realm's public key bytes as the HMAC secret. */
        public String hs256WithPublicKeyAsSecret() {
            try {
                byte[] secret = this.realm.signingKey.toRSAPublicKey().getEncoded();
                SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256)
                        .type(JOSEObjectType.JWT).keyID(this.realm.signingKey.getKeyID()).build(), claims());
                jwt.sign(new MACSigner(secret));
                return jwt.serialize();
            }
            catch (JOSEException ex) {
                throw new IllegalStateException(ex);
            }
        }

        /** Like a Keycloak refresh token: HS512 with a realm secret. */
        public String hs512(byte[] secret) {
            try {
                SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS512)
                        .type(JOSEObjectType.JWT).keyID(UUID.randomUUID().toString()).build(), claims());
                jwt.sign(new MACSigner(secret));
                return jwt.serialize();
            }
            catch (JOSEException ex) {
                throw new IllegalStateException(ex);
            }
        }

        /** A correctly signed token whose payload is then swapped for one with more scopes. */
        public String tampered() {
            String[] parts = sign().split("\\.");
            Map<String, Object> json = toJson();
            json.put("scope", "openid read:posts write:posts");
            json.put("realm_access", Map.of("roles", List.of("admin")));
            try {
                String payload = Base64URL.encode(JWTClaimsSet.parse(json).toString()).toString();
                return parts[0] + "." + payload + "." + parts[2];
            }
            catch (java.text.ParseException ex) {
                throw new IllegalStateException(ex);
            }
        }
    }

    /** Segments that are not a JWT at all. */
    public static List<String> garbage() {
        List<String> garbage = new ArrayList<>();
        garbage.add("garbage");
        garbage.add("a.b.c");
        garbage.add(Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"RS256\"}".getBytes(
                StandardCharsets.UTF_8)) + ".e30.AAAA");
        garbage.add("eyJhbGciOiJSUzI1NiJ9.%%%%.sig");
        return garbage;
    }
}
