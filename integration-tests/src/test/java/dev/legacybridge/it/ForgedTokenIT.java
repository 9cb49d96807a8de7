package dev.legacybridge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A corpus of bad tokens built from <em>real</em> tokens of the shared Keycloak, against demo-api running as a real
 * process. Every one must be refused with 401 and {@code WWW-Authenticate: Bearer realm="demo-api",
 * error="invalid_token", error_description="..."} (docs/demo-api.md, "Errors"); the description is asserted too, so
 * each case is shown to fail for its own reason and not for an incidental one.
 *
 * <ul>
 *   <li>From johndoe's real access token ({@code demo-cli}, {@code scope=openid read:posts}) and the realm's real
 *       public key (from its JWKS): {@code alg: none}; HS256 keyed with the public key (PEM, PEM without the final
 *       newline, DER); tampered claims with the original signature; the claims re-signed with a key of ours, under an
 *       unknown kid and under the realm's kid; johndoe's refresh token and ID token.</li>
 *   <li>Expired: a real token of a client created for this class with {@code access.token.lifespan=2} s, used once
 *       {@code now > exp} (polled, no long sleep). This API process runs with {@code demo-api.security.clock-skew=0s},
 *       otherwise the default 30 s tolerance would have to be waited out as well.</li>
 *   <li>Wrong issuer: a real token of another realm created for this class (its key is unknown to demo-api), and a
 *       real token of the {@code demo} realm itself, signed with the trusted realm key, but requested through the
 *       other loopback name ({@code localhost} vs. {@code 127.0.0.1}): Keycloak (no fixed {@code --hostname}) then
 *       writes that URL into {@code iss}, so only the issuer check can refuse it.</li>
 *   <li>Wrong audience: a real token of a client created for this class without the {@code demo-api-audience}
 *       scope.</li>
 *   <li>{@code nbf} in the future: Keycloak never writes {@code nbf}, and a token we sign with a key demo-api does not
 *       trust would only test "unknown key". So a second demo-api process trusts a {@link ForgedIssuer} (a JDK
 *       {@code HttpServer} serving discovery and a JWKS with our own key): the same signed claims are accepted
 *       without {@code nbf} and refused with it.</li>
 *   <li>Garbage and an empty {@code Bearer}.</li>
 * </ul>
 * The main API process's outbound calls go through an {@link ApiEgressProxy}; its JWKS rate limit interval is set to
 * 4 min so this whole class falls within one interval: the forged unknown kids then cause at most one JWKS refetch
 * after the initial load (demo-api refetches for an unknown kid at most once per interval).
 */
@DisplayName("Given demo-api trusting the shared Keycloak's realm, and forged or misused tokens made from real ones")
class ForgedTokenIT {

    private static final String JOHN = "johndoe";
    private static final String JOHN_PASSWORD = "secret";
    private static final String OTHER_USER_PASSWORD = "Forged-pass-1";
    private static final String JWKS_PATH = "/realms/demo/protocol/openid-connect/certs";
    private static final String DISCOVERY_PATH = "/realms/demo/.well-known/openid-configuration";
    private static final String NO_MATCHING_KEY = "Another algorithm expected, or no matching key(s) found";
    /** Our own signing key, never published by any JWKS demo-api reads. */
    private static final KeyPair OWN_KEY = ForgedTokens.newRsaKeyPair();

    private static KeycloakEnvironment keycloak;
    private static ForgedIssuer forgedIssuer;
    private static ApiEgressProxy egress;
    private static ApiServer api;
    private static ApiServer nbfApi;
    private static final List<String> createdClientIds = new ArrayList<>();
    private static String createdRealm;

    private static String access;
    private static String refresh;
    private static String idToken;
    private static RSAPublicKey realmKey;
    private static TokenClient.TokenResponse shortLived;
    private static TokenClient.TokenResponse noAudience;
    private static TokenClient.TokenResponse otherRealm;
    private static TokenClient.TokenResponse otherHostname;

    @BeforeAll
    static void buildCorpus() {
        // The nbf API needs no Keycloak: start it first, it boots while Keycloak starts or the corpus is built.
        forgedIssuer = ForgedIssuer.start();
        nbfApi = ApiServer.launch("forged-nbf", forgedIssuer.issuer(), Map.of());
        keycloak = SharedKeycloak.get();
        egress = ApiEgressProxy.start();
        api = ApiServer.launch("forged", keycloak.issuer(), Map.of(
                "JAVA_TOOL_OPTIONS", egress.javaToolOptions(),
                "DEMOAPI_SECURITY_CLOCKSKEW", "0s",
                "DEMOAPI_SECURITY_JWKS_MINREFRESHINTERVAL", "4m"));
        AdminClient admin = keycloak.admin();
        String realm = keycloak.realm();
        String suffix = UUID.randomUUID().toString().substring(0, 8);

        // First the short-lived token, so that it expires while the rest is prepared.
        String shortClient = "it-forged-short-" + suffix;
        createClient(realm, shortClient, Map.of("access.token.lifespan", "2"),
                List.of("basic", "profile", "email", "roles", "demo-api-audience"));
        shortLived = keycloak.tokens().passwordGrant(realm, shortClient, JOHN, JOHN_PASSWORD, null);

        TokenClient.TokenResponse john = keycloak.tokens().passwordGrant(realm, "demo-cli", JOHN, JOHN_PASSWORD,
                "openid read:posts");
        access = john.accessToken();
        refresh = john.body().path("refresh_token").asText();
        idToken = john.body().path("id_token").asText();
        JsonNode jwks = Http.send(HttpRequest.newBuilder(URI.create(keycloak.issuer() + "/protocol/openid-connect/certs"))
                .timeout(Http.TIMEOUT).GET().build()).expect(200).json();
        realmKey = ForgedTokens.rsaKeyFromJwks(jwks, Jwt.header(access).path("kid").asText());

        String noAudClient = "it-forged-noaud-" + suffix;
        createClient(realm, noAudClient, Map.of(), List.of("basic", "profile", "email", "roles"));
        noAudience = keycloak.tokens().passwordGrant(realm, noAudClient, JOHN, JOHN_PASSWORD, null);

        createdRealm = "it-forged-" + suffix;
        createOtherRealm(createdRealm);
        otherRealm = keycloak.tokens().passwordGrant(createdRealm, "demo-cli", "forger", OTHER_USER_PASSWORD,
                null);

        String otherBase = otherLoopbackName(keycloak.baseUrl());
        otherHostname = otherBase == null ? null
                : new TokenClient(otherBase).passwordGrant(realm, "demo-cli", JOHN, JOHN_PASSWORD, "read:posts");

        nbfApi.awaitReady();
        api.awaitReady();
    }

    @AfterAll
    static void cleanUp() {
        List<Runnable> steps = new ArrayList<>();
        steps.add(() -> close(api));
        steps.add(() -> close(nbfApi));
        steps.add(() -> close(egress));
        steps.add(() -> close(forgedIssuer));
        if (keycloak != null) {
            for (String id : createdClientIds) {
                steps.add(() -> keycloak.admin().call("DELETE", "/" + keycloak.realm() + "/clients/" + id, null)
                        .expect(204));
            }
            if (createdRealm != null) {
                steps.add(() -> keycloak.admin().call("DELETE", "/" + createdRealm, null).expect(204, 404));
            }
        }
        RuntimeException failure = null;
        for (Runnable step : steps) {
            try {
                step.run();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    // ---- controls: the material is good ----

    @Test
    @DisplayName("Given johndoe's real access token with read:posts, then GET /posts is 200 (the corpus is built from an accepted token)")
    void listPostsWhenRealAccessTokenThenOk() {
        ApiServer.ApiResponse r = api.get("/posts", access);

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }

    @Test
    @DisplayName("Given a real, valid token without write:posts, then POST /posts is 403 insufficient_scope, not 401")
    void createPostWhenValidTokenWithoutScopeThenForbidden() {
        ApiServer.ApiResponse r = api.postJson("/posts", access, "{\"title\":\"t\",\"body\":\"b\"}");

        assertThat(r.status()).as(r.toString()).isEqualTo(403);
        assertThat(r.wwwAuthenticate()).isEqualTo("Bearer realm=\"demo-api\", error=\"insufficient_scope\", "
                + "error_description=\"The request requires scope write:posts\", scope=\"write:posts\"");
    }

    // ---- algorithm confusion ----

    @Test
    @DisplayName("Given the real claims with alg none and no signature, then 401 invalid_token")
    void meWhenAlgNoneThenInvalidToken() {
        String forged = ForgedTokens.algNone(access);
        assertThat(forged).endsWith(".");

        assertInvalidToken(api.get("/users/me", forged), "Unsupported algorithm of none");
    }

    @Test
    @DisplayName("Given the real claims signed HS256 with the realm's public key in PEM as the HMAC secret, then 401 invalid_token")
    void meWhenHs256WithPemPublicKeyThenInvalidToken() {
        byte[] pem = ForgedTokens.pem(realmKey).getBytes(StandardCharsets.US_ASCII);
        String pemNoNewline = ForgedTokens.pem(realmKey).strip();

        assertInvalidToken(api.get("/users/me", ForgedTokens.hs256(access, pem)), NO_MATCHING_KEY);
        assertInvalidToken(api.get("/users/me", ForgedTokens.hs256(access,
                pemNoNewline.getBytes(StandardCharsets.US_ASCII))), NO_MATCHING_KEY);
    }

    @Test
    @DisplayName("Given the real claims signed HS256 with the realm's public key in DER as the HMAC secret, then 401 invalid_token")
    void meWhenHs256WithDerPublicKeyThenInvalidToken() {
        assertInvalidToken(api.get("/users/me", ForgedTokens.hs256(access, realmKey.getEncoded())), NO_MATCHING_KEY);
    }

    // ---- signature ----

    @Test
    @DisplayName("Given the real token with its scope and roles raised (write:posts, admin) and the original signature, then 401 invalid_token, not 204")
    void deletePostWhenClaimsTamperedThenInvalidToken() {
        String forged = ForgedTokens.tampered(access, claims -> {
            claims.put("scope", claims.path("scope").asText() + " write:posts");
            ObjectNode realmAccess = claims.has("realm_access")
                    ? (ObjectNode) claims.get("realm_access") : claims.putObject("realm_access");
            ArrayNode roles = realmAccess.has("roles")
                    ? (ArrayNode) realmAccess.get("roles") : realmAccess.putArray("roles");
            roles.add("admin");
        });
        assertThat(ForgedTokens.segments(forged)[2]).isEqualTo(ForgedTokens.segments(access)[2]);

        assertInvalidToken(api.delete("/posts/1", forged), "Invalid signature");
    }

    @Test
    @DisplayName("Given the real claims re-signed with our own RSA key under an unknown kid, then 401 invalid_token")
    void meWhenUnknownKidThenInvalidToken() {
        String forged = resignedWithOwnKey("unknown-" + UUID.randomUUID());

        assertInvalidToken(api.get("/users/me", forged), NO_MATCHING_KEY);
    }

    @Test
    @DisplayName("Given the real claims re-signed with our own RSA key under the realm's real kid, then 401 invalid_token")
    void meWhenRealKidButForeignKeyThenInvalidToken() {
        String forged = resignedWithOwnKey(Jwt.header(access).path("kid").asText());

        assertInvalidToken(api.get("/users/me", forged), "Invalid signature");
    }

    // ---- real tokens of the wrong kind, time, issuer or audience ----

    @Test
    @DisplayName("Given johndoe's real refresh token (HS512, typ Refresh), then 401 invalid_token")
    void meWhenRefreshTokenThenInvalidToken() {
        assertThat(Jwt.header(refresh).path("alg").asText()).isEqualTo("HS512");

        assertInvalidToken(api.get("/users/me", refresh), NO_MATCHING_KEY);
    }

    @Test
    @DisplayName("Given johndoe's real ID token (RS256, realm key, typ ID, aud demo-cli), then 401 invalid_token")
    void meWhenIdTokenThenInvalidToken() {
        assertThat(Jwt.claims(idToken).path("typ").asText()).isEqualTo("ID");

        assertInvalidToken(api.get("/users/me", idToken), "claim is not valid");
    }

    @Test
    @DisplayName("Given a real access token whose exp has passed (client lifespan 2 s, API clock skew 0 s), then 401 invalid_token Jwt expired")
    void meWhenRealTokenExpiredThenInvalidToken() {
        assertThat(shortLived.ok()).as(shortLived.toString()).isTrue();
        JsonNode claims = shortLived.claims();
        assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(2);
        assertThat(claims.path("iss").asText()).isEqualTo(keycloak.issuer());
        assertThat(shortLived.audiences()).contains("demo-api");
        long exp = claims.path("exp").asLong();
        awaitEpochSecondAfter(exp, Duration.ofSeconds(20));

        assertInvalidToken(api.get("/users/me", shortLived.accessToken()), "Jwt expired at");
    }

    @Test
    @DisplayName("Given a token signed by a key demo-api trusts with nbf 5 minutes ahead, then 401 invalid_token Jwt used before; without nbf, 200")
    void meWhenNbfInFutureThenInvalidToken() {
        ObjectNode claims = forgedIssuer.accessTokenClaims("nbf-user");
        ApiServer.ApiResponse control = nbfApi.get("/users/me", forgedIssuer.sign(claims));
        assertThat(control.status()).as("same key, no nbf: %s", control).isEqualTo(200);
        assertThat(control.json().path("username").asText()).isEqualTo("nbf-user");

        claims.put("nbf", Instant.now().getEpochSecond() + 300);

        assertInvalidToken(nbfApi.get("/users/me", forgedIssuer.sign(claims)), "Jwt used before");
        assertThat(forgedIssuer.jwksRequests()).isEqualTo(1);
    }

    @Test
    @DisplayName("Given a real access token of another realm on the same Keycloak, then 401 invalid_token (its key is not the demo realm's)")
    void meWhenTokenOfOtherRealmThenInvalidToken() {
        assertThat(otherRealm.ok()).as(otherRealm.toString()).isTrue();
        assertThat(otherRealm.claims().path("iss").asText()).isEqualTo(keycloak.baseUrl() + "/realms/" + createdRealm);
        assertThat(otherRealm.audiences()).contains("demo-api");

        assertInvalidToken(api.get("/users/me", otherRealm.accessToken()), NO_MATCHING_KEY);
    }

    @Test
    @DisplayName("Given a real demo-realm token signed by the trusted key but issued under another hostname, then 401 invalid_token on iss")
    void meWhenSameRealmKeyButOtherIssuerThenInvalidToken() {
        // JUnit's own assumption: AssertJ's would throw JUnit 4's AssumptionViolatedException, which needs Hamcrest.
        assumeTrue(otherHostname != null, "the Keycloak base URL has a loopback name to swap");
        assertThat(otherHostname.ok()).as(otherHostname.toString()).isTrue();
        assertThat(otherHostname.claims().path("iss").asText()).isNotEqualTo(keycloak.issuer())
                .endsWith("/realms/demo");
        assertThat(Jwt.header(otherHostname.accessToken()).path("kid").asText())
                .isEqualTo(Jwt.header(access).path("kid").asText());

        assertInvalidToken(api.get("/posts", otherHostname.accessToken()), "The iss claim is not valid");
    }

    @Test
    @DisplayName("Given a real demo-realm access token of a client without the demo-api audience, then 401 invalid_token on aud")
    void meWhenWrongAudienceThenInvalidToken() {
        assertThat(noAudience.ok()).as(noAudience.toString()).isTrue();
        assertThat(noAudience.audiences()).doesNotContain("demo-api");
        assertThat(noAudience.claims().path("iss").asText()).isEqualTo(keycloak.issuer());

        assertInvalidToken(api.get("/users/me", noAudience.accessToken()), "The aud claim is not valid");
    }

    // ---- not a token at all ----

    @ParameterizedTest(name = "Given the bearer token \"{0}\", then 401 invalid_token")
    @ValueSource(strings = {"garbage", "a.b.c", "eyJhbGciOiJSUzI1NiJ9.e30.", "e30.e30.e30.e30.e30",
            "eyJhbGciOiJSUzI1NiIsImtpZCI6Ingi.eyJ"})
    @DisplayName("Given garbage as the bearer token, then 401 invalid_token")
    void meWhenGarbageThenInvalidToken(String garbage) {
        assertInvalidToken(api.get("/users/me", garbage), "");
    }

    @Test
    @DisplayName("Given an empty Bearer credential, then 401 invalid_token Bearer token is malformed")
    void meWhenEmptyBearerThenInvalidToken() {
        ApiServer.ApiResponse r = api.getWithAuthorization("/users/me", "Bearer ");

        assertThat(r.status()).as(r.toString()).isEqualTo(401);
        assertThat(r.wwwAuthenticate()).isEqualTo(
                "Bearer realm=\"demo-api\", error=\"invalid_token\", error_description=\"Bearer token is malformed\"");
    }

    // ---- and Keycloak is not hammered ----

    @Test
    @DisplayName("Given a burst of forged tokens with unknown kids, then demo-api fetched the JWKS at most twice in the interval and discovered once")
    void meWhenBurstOfUnknownKidsThenJwksFetchesBounded() {
        for (int i = 0; i < 20; i++) {
            assertInvalidToken(api.get("/users/me", resignedWithOwnKey("burst-" + i)), NO_MATCHING_KEY);
        }
        assertThat(api.get("/posts", access).status()).as("the real token still works").isEqualTo(200);

        assertThat(egress.count(DISCOVERY_PATH)).isEqualTo(1);
        assertThat(egress.count(JWKS_PATH)).as("initial load + at most one refetch per interval").isBetween(1L, 2L);
        assertThat(egress.requests()).extracting(ApiEgressProxy.Request::pathAndQuery)
                .containsOnly(DISCOVERY_PATH, JWKS_PATH);
    }

    // ---- helpers ----

    private static void assertInvalidToken(ApiServer.ApiResponse r, String descriptionFragment) {
        ResourceApiIT.assertInvalidToken(r);
        assertThat(r.wwwAuthenticate()).contains(descriptionFragment);
        assertThat(r.json().path("error_description").asText()).contains(descriptionFragment);
    }

    /** The real header (alg RS256, typ) and claims, signed by an RSA key of ours under {@code kid}. */
    private static String resignedWithOwnKey(String kid) {
        ObjectNode header = ForgedTokens.header(access).put("kid", kid);
        return ForgedTokens.rs256(header, ForgedTokens.claims(access), OWN_KEY.getPrivate());
    }

    private static void awaitEpochSecondAfter(long epochSecond, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (Instant.now().getEpochSecond() <= epochSecond) {
            assertThat(System.nanoTime()).as("waited too long for exp %d to pass", epochSecond).isLessThan(deadline);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static void createClient(String realm, String clientId, Map<String, String> attributes,
            List<String> defaultScopes) {
        ObjectNode rep = Http.JSON.createObjectNode()
                .put("clientId", clientId).put("enabled", true).put("publicClient", true)
                .put("directAccessGrantsEnabled", true).put("standardFlowEnabled", false)
                .put("protocol", "openid-connect");
        ObjectNode attrs = rep.putObject("attributes");
        attributes.forEach(attrs::put);
        ArrayNode scopes = rep.putArray("defaultClientScopes");
        defaultScopes.forEach(scopes::add);
        rep.putArray("optionalClientScopes");
        String id = keycloak.admin().call("POST", "/" + realm + "/clients", rep).expect(201).createdId();
        createdClientIds.add(id);
    }

    /** A realm with a public {@code demo-cli} client that adds {@code aud: demo-api}, and one native user. */
    private static void createOtherRealm(String name) {
        ObjectNode realm = Http.JSON.createObjectNode().put("realm", name).put("enabled", true);
        ObjectNode client = realm.putArray("clients").addObject()
                .put("clientId", "demo-cli").put("enabled", true).put("publicClient", true)
                .put("directAccessGrantsEnabled", true).put("standardFlowEnabled", false)
                .put("protocol", "openid-connect");
        client.putArray("protocolMappers").addObject()
                .put("name", "demo-api-audience").put("protocol", "openid-connect")
                .put("protocolMapper", "oidc-audience-mapper")
                .putObject("config")
                .put("included.custom.audience", "demo-api").put("access.token.claim", "true")
                .put("id.token.claim", "false").put("introspection.token.claim", "true");
        ObjectNode user = realm.putArray("users").addObject()
                .put("username", "forger").put("enabled", true).put("email", "forger@example.org")
                .put("emailVerified", true).put("firstName", "For").put("lastName", "Ger");
        user.putArray("credentials").addObject()
                .put("type", "password").put("value", OTHER_USER_PASSWORD).put("temporary", false);
        keycloak.admin().call("POST", "", realm).expect(201);
    }

    /** The same URL with {@code 127.0.0.1} and {@code localhost} swapped, or null if it uses neither. */
    private static String otherLoopbackName(String baseUrl) {
        URI uri = URI.create(baseUrl);
        String other = switch (uri.getHost()) {
            case "127.0.0.1" -> "localhost";
            case "localhost" -> "127.0.0.1";
            default -> null;
        };
        return other == null ? null : uri.getScheme() + "://" + other + ":" + uri.getPort();
    }

    private static void close(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
