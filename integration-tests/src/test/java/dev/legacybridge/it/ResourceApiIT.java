package dev.legacybridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.legacybridge.stack.DemoRealm;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * demo-api end to end: the executable jar as a real process (local-stack's {@code DemoApiProcess}, random port,
 * {@code issuer-uri} = the shared Keycloak's realm issuer, otherwise its defaults), called with <em>real</em> access
 * tokens that the shared Keycloak issued by the password grant to legacy users logged in through the
 * {@code legacy-database} provider: {@code johndoe}/{@code secret} (plain user) and {@code admin_legacy}/{@code hashsecret}
 * (legacy superuser, realm role {@code admin}).
 *
 * <p>Every HTTP call demo-api itself makes goes through an {@link ApiEgressProxy} (JDK proxy properties in
 * {@code JAVA_TOOL_OPTIONS}), which records it: that is how the test proves demo-api asks Keycloak for nothing but
 * the discovery document (once) and the JWKS (once). The shared Keycloak's access log cannot be switched on for one
 * test class, so the counting is done on the API's side.
 */
@DisplayName("Given demo-api running as a process that trusts the shared Keycloak, and real tokens of legacy users")
class ResourceApiIT {

    private static final String JOHN = "johndoe";
    private static final String JOHN_PASSWORD = "secret";
    private static final String ADMIN = "admin_legacy";
    private static final String ADMIN_PASSWORD = "hashsecret";
    private static final String CLIENT = "demo-cli";
    private static final String DISCOVERY = "/realms/demo/.well-known/openid-configuration";
    private static final String JWKS = "/realms/demo/protocol/openid-connect/certs";

    private static KeycloakEnvironment keycloak;
    private static ApiEgressProxy egress;
    private static ApiServer api;
    /** What demo-api had fetched when it was ready, before it saw any token. */
    private static List<ApiEgressProxy.Request> egressAtStart;
    /** johndoe, {@code scope=openid read:posts write:posts}: access, refresh and ID token. */
    private static TokenClient.TokenResponse john;
    /** johndoe without a {@code scope} parameter: the client's default scopes only, no read:posts/write:posts. */
    private static TokenClient.TokenResponse johnDefaultScopes;
    /** admin_legacy, {@code scope=read:posts write:posts}. */
    private static TokenClient.TokenResponse admin;

    @BeforeAll
    static void startApiAndLogIn() {
        keycloak = SharedKeycloak.get();
        egress = ApiEgressProxy.start();
        ApiServer launched = ApiServer.launch("resource-api", keycloak.issuer(), Map.of(
                "JAVA_TOOL_OPTIONS", egress.javaToolOptions(),
                // RateLimitedJwkSetCache logs each JWKS fetch at DEBUG: a second, independent count.
                "LOGGING_LEVEL_DEV_LEGACYBRIDGE_API_CONFIG", "DEBUG"));
        try {
            // Log in while the API starts (it fetches nothing before the first token).
            TokenClient tokens = keycloak.tokens();
            john = tokens.passwordGrant(keycloak.realm(), CLIENT, JOHN, JOHN_PASSWORD, "openid read:posts write:posts");
            johnDefaultScopes = tokens.passwordGrant(keycloak.realm(), CLIENT, JOHN, JOHN_PASSWORD, null);
            admin = tokens.passwordGrant(keycloak.realm(), CLIENT, ADMIN, ADMIN_PASSWORD, "read:posts write:posts");
            api = launched.awaitReady();
        } catch (RuntimeException | Error e) {
            launched.close();
            throw e;
        }
        egressAtStart = egress.requests();
        assertThat(john.ok()).as("johndoe logs in through the provider: %s", john).isTrue();
        assertThat(johnDefaultScopes.ok()).as("johndoe without scope: %s", johnDefaultScopes).isTrue();
        assertThat(admin.ok()).as("admin_legacy logs in through the provider: %s", admin).isTrue();
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
        if (egress != null) {
            egress.close();
        }
    }

    // ---- /users/me ----

    @Test
    @DisplayName("Given johndoe's token, then GET /users/me returns username, email, full name, realm roles and scopes from it")
    void meWhenJohndoeTokenThenProfileFromTokenClaims() {
        JsonNode claims = john.claims();
        assertThat(claims.path("iss").asText()).isEqualTo(keycloak.issuer());
        assertThat(claims.path("sub").asText()).as("johndoe's permanent id: legacy row 1 of the demo component")
                .isEqualTo(dev.legacybridge.keycloak.migration.LegacyIdentity.keycloakId(DemoRealm.LEGACY_COMPONENT_ID,
                        "1"));

        ApiServer.ApiResponse r = api.get("/users/me", john.accessToken());

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode me = r.json();
        assertThat(me.path("sub").asText()).isEqualTo(claims.path("sub").asText());
        assertThat(me.path("username").asText()).isEqualTo(JOHN);
        assertThat(me.path("email").asText()).isEqualTo("johndoe@example.com");
        assertThat(me.path("full_name").asText()).isEqualTo("John Doe");
        // A federated user gets the default role's composites (offline_access, uma_authorization), not
        // default-roles-demo itself: Keycloak's AbstractUserAdapterFederatedStorage appends
        // realm.getDefaultRole().getCompositesStream().
        assertThat(texts(me.path("roles"))).containsExactlyElementsOf(john.realmRoles())
                .contains("offline_access").doesNotContain("admin", "staff");
        assertThat(texts(me.path("scopes"))).containsExactlyInAnyOrderElementsOf(john.scopes())
                .contains("openid", "read:posts", "write:posts", "profile", "email");
    }

    @Test
    @DisplayName("Given the legacy superuser's token, then GET /users/me lists the realm role admin mapped from is_superuser")
    void meWhenLegacySuperuserTokenThenRolesIncludeAdmin() {
        ApiServer.ApiResponse r = api.get("/users/me", admin.accessToken());

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().path("username").asText()).isEqualTo(ADMIN);
        assertThat(r.json().path("full_name").asText()).isEqualTo("Ada Admin");
        assertThat(texts(r.json().path("roles"))).contains("admin", "staff");
        assertThat(texts(r.json().path("scopes"))).contains("read:posts", "write:posts").doesNotContain("openid");
    }

    @Test
    @DisplayName("Given johndoe wrote a post, then GET /users/me/items lists the tutorial item Foo first and the post as post-<id>")
    void itemsWhenJohndoeWrotePostThenTutorialItemAndPostItem() {
        String id = createPost(john.accessToken(), "Items", "Listed as an item").json().path("id").asText();

        ApiServer.ApiResponse r = api.get("/users/me/items", john.accessToken());

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode items = r.json();
        assertThat(items.get(0).path("item_id").asText()).isEqualTo("Foo");
        assertThat(items.get(0).path("owner").asText()).isEqualTo(JOHN);
        List<String> ids = new ArrayList<>();
        items.forEach(i -> {
            ids.add(i.path("item_id").asText());
            assertThat(i.path("owner").asText()).isEqualTo(JOHN);
        });
        assertThat(ids).contains("post-" + id);
    }

    // ---- GET /posts ----

    @Test
    @DisplayName("Given a token with scope read:posts, then GET /posts is 200 with a JSON array")
    void listPostsWhenReadScopeThenOk() {
        ApiServer.ApiResponse r = api.get("/posts", john.accessToken());

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().isArray()).isTrue();
    }

    @Test
    @DisplayName("Given a real token without read:posts, then GET /posts is 403 with the insufficient_scope challenge and a problem body")
    void listPostsWhenNoReadScopeThenForbiddenInsufficientScope() {
        assertThat(johnDefaultScopes.scopes()).doesNotContain("read:posts", "write:posts");

        ApiServer.ApiResponse r = api.get("/posts", johnDefaultScopes.accessToken());

        assertThat(r.status()).as(r.toString()).isEqualTo(403);
        assertThat(r.wwwAuthenticate()).isEqualTo("Bearer realm=\"demo-api\", error=\"insufficient_scope\", "
                + "error_description=\"The request requires scope read:posts\", scope=\"read:posts\"");
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().path("status").asInt()).isEqualTo(403);
        assertThat(r.json().path("detail").asText()).isEqualTo("Permission denied");
        assertThat(r.json().path("error").asText()).isEqualTo("insufficient_scope");
        assertThat(texts(r.json().path("required_scopes"))).containsExactly("read:posts");
    }

    // ---- POST /posts ----

    @Test
    @DisplayName("Given a token with write:posts, then POST /posts is 201 with Location, the author is the token's user, and it can be read back")
    void createPostWhenWriteScopeThenCreatedByTokenUser() {
        ApiServer.ApiResponse created = createPost(john.accessToken(), "Hello", "First post");

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().path("id").asText();
        assertThat(created.header("Location")).endsWith("/posts/" + id);
        assertThat(created.json().path("author").asText()).isEqualTo(JOHN);
        ApiServer.ApiResponse read = api.get("/posts/" + id, john.accessToken());
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().path("title").asText()).isEqualTo("Hello");
        assertThat(read.json().path("author").asText()).isEqualTo(JOHN);
    }

    @Test
    @DisplayName("Given a token with write:posts and an invalid body, then POST /posts is 400 problem+json with one error per field, sorted")
    void createPostWhenInvalidBodyThenBadRequestWithFieldErrors() {
        ApiServer.ApiResponse r = createPost(john.accessToken(), " ", "");

        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        List<String> fields = new ArrayList<>();
        r.json().path("errors").forEach(e -> {
            fields.add(e.path("field").asText());
            assertThat(e.path("message").asText()).isEqualTo("must not be blank");
        });
        assertThat(fields).containsExactly("body", "title");
    }

    // ---- DELETE /posts/{id} ----

    @Test
    @DisplayName("Given the legacy superuser's token with write:posts, then DELETE /posts/{id} is 204 and the post is gone")
    void deletePostWhenAdminWithWriteScopeThenNoContent() {
        String id = createPost(john.accessToken(), "Doomed", "To be deleted").json().path("id").asText();

        ApiServer.ApiResponse r = api.delete("/posts/" + id, admin.accessToken());

        assertThat(r.status()).as(r.toString()).isEqualTo(204);
        assertThat(api.get("/posts/" + id, john.accessToken()).status()).isEqualTo(404);
    }

    @Test
    @DisplayName("Given johndoe's token with write:posts but no admin role, then DELETE /posts/{id} is 403 naming the role, and the post stays")
    void deletePostWhenNoAdminRoleThenForbiddenNamingRole() {
        String id = createPost(john.accessToken(), "Kept", "Not deletable by johndoe").json().path("id").asText();

        ApiServer.ApiResponse r = api.delete("/posts/" + id, john.accessToken());

        assertThat(r.status()).as(r.toString()).isEqualTo(403);
        assertThat(r.wwwAuthenticate()).isEqualTo("Bearer realm=\"demo-api\", error=\"insufficient_scope\", "
                + "error_description=\"The request requires realm role admin\"");
        assertThat(r.json().path("detail").asText()).isEqualTo("Permission denied");
        assertThat(texts(r.json().path("required_roles"))).containsExactly("admin");
        assertThat(api.get("/posts/" + id, john.accessToken()).status()).isEqualTo(200);
    }

    // ---- no token, wrong token kinds, token in the query ----

    @Test
    @DisplayName("Given no token, then 401 with the bare Bearer challenge and detail Not authenticated")
    void meWhenNoTokenThenUnauthorizedWithBareChallenge() {
        ApiServer.ApiResponse r = api.get("/users/me", null);

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.wwwAuthenticate()).isEqualTo("Bearer realm=\"demo-api\"");
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().path("detail").asText()).isEqualTo("Not authenticated");
    }

    @Test
    @DisplayName("Given the refresh token (HS512, typ Refresh) as bearer token, then 401 invalid_token")
    void meWhenRefreshTokenAsBearerThenInvalidToken() {
        String refresh = john.body().path("refresh_token").asText();
        assertThat(Jwt.header(refresh).path("alg").asText()).isEqualTo("HS512");
        assertThat(Jwt.claims(refresh).path("typ").asText()).isEqualTo("Refresh");

        ApiServer.ApiResponse r = api.get("/users/me", refresh);

        assertInvalidToken(r);
    }

    @Test
    @DisplayName("Given the ID token (scope openid, typ ID) as bearer token, then 401 invalid_token")
    void meWhenIdTokenAsBearerThenInvalidToken() {
        String idToken = john.body().path("id_token").asText();
        assertThat(Jwt.header(idToken).path("alg").asText()).isEqualTo("RS256");
        assertThat(Jwt.claims(idToken).path("typ").asText()).isEqualTo("ID");

        ApiServer.ApiResponse r = api.get("/users/me", idToken);

        assertInvalidToken(r);
        assertThat(r.wwwAuthenticate()).contains("claim is not valid");
    }

    @Test
    @DisplayName("Given a valid token in the access_token query parameter, then 400 invalid_request (RFC 6750 §3.1), not an anonymous request")
    void meWhenTokenInQueryThenBadRequestInvalidRequest() {
        ApiServer.ApiResponse r = api.get("/users/me?access_token=" + john.accessToken(), null);

        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.wwwAuthenticate()).startsWith("Bearer realm=\"demo-api\", error=\"invalid_request\", "
                + "error_description=\"Send the access token in the Authorization header;");
        assertThat(r.json().path("error").asText()).isEqualTo("invalid_request");
    }

    @Test
    @DisplayName("Given a valid token in the header and also in the query, then still 400 invalid_request")
    void listPostsWhenTokenInHeaderAndQueryThenBadRequest() {
        ApiServer.ApiResponse r = api.get("/posts?access_token=" + john.accessToken(), john.accessToken());

        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.json().path("error").asText()).isEqualTo("invalid_request");
    }

    // ---- a real token, misused: other spellings, another scheme, oversized headers ----

    @Test
    @DisplayName("Given johndoe's real token spelled another way (padding, standard base64, non-canonical last character), then 401 malformed, while the token itself is 200")
    void listPostsWhenRealTokenSpelledAnotherWayThenInvalidTokenMalformed() {
        String token = john.accessToken();
        String[] parts = token.split("\\.");
        String signature = parts[2];
        assertThat(signature.length() % 4).as("RS256 signature of 256 bytes: 4 unused bits in the last character")
                .isEqualTo(2);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char last = signature.charAt(signature.length() - 1);
        List<String> spellings = new ArrayList<>(List.of(token + "=", token + "==", token + "=".repeat(7),
                parts[0] + "." + parts[1] + "." + signature.substring(0, signature.length() - 1)
                        + alphabet.charAt(alphabet.indexOf(last) | 0x0F)));
        String standard = signature.replace('-', '+').replace('_', '/');
        if (!standard.equals(signature)) {
            spellings.add(parts[0] + "." + parts[1] + "." + standard);
        }
        assertThat(api.get("/posts", token).status()).isEqualTo(200);

        for (String spelling : spellings) {
            ApiServer.ApiResponse r = api.get("/posts", spelling);

            assertInvalidToken(r);
            assertThat(r.wwwAuthenticate()).contains("Bearer token is malformed: not a signed JWT in canonical "
                    + "base64url");
        }
    }

    @Test
    @DisplayName("Given johndoe's real token sent with the DPoP scheme, then 401 problem+json with the Bearer challenge: DPoP is not supported")
    void listPostsWhenDpopSchemeThenInvalidTokenWithBearerChallenge() {
        ApiServer.ApiResponse r = ApiServer.send(api.request("/posts")
                .header("Authorization", "DPoP " + john.accessToken())
                .header("DPoP", john.accessToken()).GET().build());

        assertInvalidToken(r);
        assertThat(r.wwwAuthenticate()).isEqualTo("Bearer realm=\"demo-api\", error=\"invalid_token\", "
                + "error_description=\"The DPoP authorization scheme is not supported: send the access token as "
                + "Authorization: Bearer\"");
    }

    @Test
    @DisplayName("Given a real token and request headers over 32 KB, then 400 problem+json with an invalid_request challenge, not Tomcat's HTML page")
    void listPostsWhenHeadersOverTheLimitThenBadRequestProblem() {
        ApiServer.ApiResponse r = ApiServer.send(api.request("/posts")
                .header("Authorization", "Bearer " + john.accessToken())
                .header("X-Padding", "p".repeat(40 * 1024)).GET().build());

        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.wwwAuthenticate()).startsWith("Bearer realm=\"demo-api\", error=\"invalid_request\", "
                + "error_description=\"The request could not be read:");
        assertThat(r.json().path("status").asInt()).isEqualTo(400);
        assertThat(r.json().path("error").asText()).isEqualTo("invalid_request");
        assertThat(r.body()).doesNotContain("<html");
    }

    // ---- what demo-api asks Keycloak ----

    @Test
    @DisplayName("Given many requests with several users' tokens, then demo-api called Keycloak only for discovery once and the JWKS once, nothing before the first token")
    void requestsWhenManyTokensThenKeycloakAskedOnlyForDiscoveryAndJwksOnce() {
        for (int i = 0; i < 20; i++) {
            assertThat(api.get("/users/me", john.accessToken()).status()).isEqualTo(200);
            assertThat(api.get("/users/me", admin.accessToken()).status()).isEqualTo(200);
            assertThat(api.get("/posts", john.accessToken()).status()).isEqualTo(200);
            assertThat(api.get("/posts", johnDefaultScopes.accessToken()).status()).isEqualTo(403);
        }

        assertThat(egressAtStart).as("nothing fetched before the first token (lazy start)").isEmpty();
        List<ApiEgressProxy.Request> calls = egress.requests();
        assertThat(calls).as("every outbound call of demo-api during this class").hasSize(2);
        assertThat(calls).extracting(ApiEgressProxy.Request::method).containsOnly("GET");
        assertThat(calls).extracting(ApiEgressProxy.Request::pathAndQuery).containsExactly(DISCOVERY, JWKS);
        assertThat(calls).extracting(ApiEgressProxy.Request::authority)
                .containsOnly(keycloak.baseUrl().replaceFirst("^https?://", ""));
        String log = api.log();
        assertThat(count(log, "Verifying access tokens of issuer \\[" + Pattern.quote(keycloak.issuer()) + "\\]"))
                .as("decoder built once, from discovery").isEqualTo(1);
        assertThat(count(log, "Fetched JWK set from \\[")).as("JWKS fetches in demo-api's own DEBUG log").isEqualTo(1);
    }

    // ---- helpers ----

    private static ApiServer.ApiResponse createPost(String token, String title, String body) {
        String json = Http.write(Map.of("title", title, "body", body));
        return api.postJson("/posts", token, json);
    }

    static void assertInvalidToken(ApiServer.ApiResponse r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(401);
        assertThat(r.wwwAuthenticate()).startsWith("Bearer realm=\"demo-api\", error=\"invalid_token\", error_description=\"");
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().path("detail").asText()).isEqualTo("Could not validate credentials");
        assertThat(r.json().path("error").asText()).isEqualTo("invalid_token");
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static int count(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
