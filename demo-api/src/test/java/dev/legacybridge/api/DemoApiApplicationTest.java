package dev.legacybridge.api;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import dev.legacybridge.api.testing.TestRealm;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged application in a real Tomcat on a random port, with {@link TestRealm} as the realm: public endpoints,
 * the OpenAPI document Swagger UI works from, actuator exposure, and problem bodies through the servlet container
 * (including errors that only the container's {@code /error} dispatch sees).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DemoApiApplicationTest {

    static final TestRealm REALM = TestRealm.start();
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void realm(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", REALM::issuer);
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", REALM::jwkSetUri);
    }

    @AfterAll
    static void stopRealm() {
        REALM.close();
    }

    @Test
    void swaggerUiWhenAnonymousThenServedWithOAuthClientAndPkce() throws Exception {
        HttpResponse<String> page = get("/swagger-ui/index.html", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/html"));

        HttpResponse<String> initializer = get("/swagger-ui/swagger-initializer.js", null);
        assertThat(initializer.statusCode()).isEqualTo(200);
        assertThat(initializer.body()).contains("\"clientId\":\"swagger-ui\"",
                "\"usePkceWithAuthorizationCodeGrant\":true", "openid read:posts write:posts");

        assertThat(get("/swagger-ui.html", null).statusCode()).isEqualTo(302);
    }

    @Test
    void apiDocsWhenAnonymousThenOAuth2SchemeWithPasswordAndAuthorizationCodeFlowsOfTheRealm() throws Exception {
        HttpResponse<String> response = get("/v3/api-docs", null);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode docs = JSON.readTree(response.body());

        JsonNode flows = docs.at("/components/securitySchemes/keycloak/flows");
        String realm = REALM.issuer();
        assertThat(docs.at("/components/securitySchemes/keycloak/type").asString()).isEqualTo("oauth2");
        assertThat(flows.at("/password/tokenUrl").asString()).isEqualTo(realm + "/protocol/openid-connect/token");
        assertThat(flows.at("/authorizationCode/authorizationUrl").asString())
                .isEqualTo(realm + "/protocol/openid-connect/auth");
        assertThat(flows.at("/authorizationCode/tokenUrl").asString())
                .isEqualTo(realm + "/protocol/openid-connect/token");
        assertThat(flows.at("/authorizationCode/scopes").propertyNames())
                .containsExactly("openid", "read:posts", "write:posts");
        assertThat(docs.at("/components/securitySchemes/bearer/scheme").asString()).isEqualTo("bearer");
        assertThat(docs.at("/components/schemas/ProblemDetail/properties").propertyNames())
                .contains("type", "title", "status", "detail", "instance", "errors");

        assertThat(docs.at("/paths/~1posts/get/security/0/keycloak/0").asString()).isEqualTo("read:posts");
        assertThat(docs.at("/paths/~1posts/post/security/0/keycloak/0").asString()).isEqualTo("write:posts");
        assertThat(docs.at("/paths/~1posts~1{id}/delete/description").asString())
                .contains("write:posts", "realm role admin");
        for (String operation : new String[] {"/paths/~1posts/get", "/paths/~1posts/post",
            "/paths/~1posts~1{id}/delete", "/paths/~1posts~1{id}/get"}) {
            assertThat(docs.at(operation + "/responses/401/content/application~1problem+json/schema/$ref").asString())
                    .as(operation).isEqualTo("#/components/schemas/ProblemDetail");
            assertThat(docs.at(operation + "/responses/403/content/application~1problem+json/schema/$ref").asString())
                    .as(operation).isEqualTo("#/components/schemas/ProblemDetail");
        }
        assertThat(docs.at("/paths/~1posts/get/responses/200/content/application~1json/schema/items/$ref")
                .asString()).isEqualTo("#/components/schemas/Post");
        assertThat(docs.at("/paths/~1users~1me/get/responses/401").isMissingNode()).isFalse();
        assertThat(docs.at("/paths/~1bench~1posts").isMissingNode()).isTrue();
    }

    @Test
    void healthProbesWhenAnonymousThenUpWithoutDetails() throws Exception {
        for (String path : new String[] {"/actuator/health", "/actuator/health/liveness",
            "/actuator/health/readiness"}) {
            HttpResponse<String> response = get(path, null);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            JsonNode health = JSON.readTree(response.body());
            assertThat(health.get("status").asString()).isEqualTo("UP");
            assertThat(health.has("components")).as(path).isFalse();
            assertThat(health.has("details")).as(path).isFalse();
        }
    }

    @Test
    void actuatorWhenOtherEndpointsThenNotExposedEvenWithToken() throws Exception {
        String token = REALM.accessToken().roles("admin").sign();
        for (String path : new String[] {"/actuator/env", "/actuator/beans", "/actuator/info",
            "/actuator/configprops", "/actuator/heapdump"}) {
            HttpResponse<String> response = get(path, token);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertProblem(response);
        }
        assertThat(get("/actuator/env", null).statusCode()).isEqualTo(401);
    }

    @Test
    void postsWhenNoTokenThenUnauthorizedProblemWithBearerChallenge() throws Exception {
        HttpResponse<String> response = get("/posts", null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"demo-api\"");
        assertProblem(response);
        assertThat(JSON.readTree(response.body()).get("detail").asString()).isEqualTo("Not authenticated");
    }

    @Test
    void postsWhenExpiredTokenThenUnauthorizedWithInvalidTokenChallenge() throws Exception {
        String expired = REALM.accessToken().claim("iat", Instant.now().minusSeconds(600))
                .claim("exp", Instant.now().minusSeconds(300)).sign();

        HttpResponse<String> response = get("/posts", expired);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(challenge ->
                assertThat(challenge).startsWith("Bearer realm=\"demo-api\", error=\"invalid_token\", "
                        + "error_description=\"An error occurred while attempting to decode the Jwt: Jwt expired at"));
        assertProblem(response);
    }

    @Test
    void postsWhenRealTokensThenCreatedListedAndDeleted() throws Exception {
        String writer = REALM.accessToken().scope("openid write:posts read:posts").sign();
        String admin = REALM.accessToken().username("root").scope("write:posts").roles("admin").sign();

        HttpResponse<String> created = HTTP.send(request("/posts", writer)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"Hello\",\"body\":\"World\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).isEqualTo(201);
        String location = created.headers().firstValue("Location").orElseThrow();

        assertThat(get("/posts", writer).body()).contains("\"title\":\"Hello\"", "\"author\":\"alice\"");
        HttpResponse<String> forbidden = HTTP.send(request(location, writer).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertProblem(forbidden);
        assertThat(HTTP.send(request(location, admin).DELETE().build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(204);
    }

    @Test
    void requestWhenUnknownPathWithTokenThenNotFoundProblem() throws Exception {
        HttpResponse<String> response = get("/nowhere", REALM.accessToken().sign());

        assertThat(response.statusCode()).isEqualTo(404);
        assertProblem(response);
    }

    @Test
    void requestWhenFirewallRejectsUrlThenBadRequestProblemFromErrorController() throws Exception {
        HttpResponse<String> response = get("/posts;jsessionid=x", null);

        assertThat(response.statusCode()).isEqualTo(400);
        assertProblem(response);
        assertThat(response.body()).doesNotContain("Whitelabel", "RequestRejectedException", "at org.");
    }

    @Test
    void protectedResourceMetadataWhenAnonymousThenNamesRealmAndScopes() throws Exception {
        HttpResponse<String> response = get("/.well-known/oauth-protected-resource", null);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode metadata = JSON.readTree(response.body());
        assertThat(metadata.get("authorization_servers").get(0).asString()).isEqualTo(REALM.issuer());
        assertThat(metadata.get("bearer_methods_supported").get(0).asString()).isEqualTo("header");
        assertThat(metadata.get("scopes_supported").toString()).contains("read:posts", "write:posts");
    }

    @Test
    void requestsWhenTokenCheckedAndAuthorizedThenNoSpringSecurityObservationsRecorded() throws Exception {
        assertThat(get("/users/me", REALM.accessToken().sign()).statusCode()).isEqualTo(200);
        assertThat(get("/posts", REALM.accessToken().scope("openid").sign()).statusCode()).isEqualTo(403);
        assertThat(get("/posts", null).statusCode()).isEqualTo(401);

        List<String> names = this.meters.getMeters().stream().map(meter -> meter.getId().getName()).toList();
        assertThat(names).as("Boot's own request observation is still recorded").contains("http.server.requests");
        assertThat(names).as("no filter chain, authentication or authorization observations (SecurityConfiguration)")
                .noneMatch(name -> name.startsWith("spring.security"));
    }

    /**
     * {@code server.max-http-request-header-size} is 32 KB: an access token with 1,000 realm roles (about 19 KB of
     * headers, more than Tomcat's default 8 KB) still gets through.
     */
    @Test
    void usersMeWhenTokenWithAThousandRolesThenAccepted() throws Exception {
        String token = REALM.accessToken().roles(roles(1_000)).sign();
        assertThat(token.length()).as("beyond Tomcat's default limit").isGreaterThan(8 * 1024);

        HttpResponse<String> response = get("/users/me", token);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).get("roles").size()).isEqualTo(1_000);
    }

    /**
     * Header fields beyond the limit never reach Spring: Tomcat refuses them while parsing, and would answer with its
     * HTML error page. {@code ProblemErrorReportValve} answers instead.
     */
    @Test
    void usersMeWhenHeadersLargerThanTheLimitThenBadRequestProblemWithBearerChallenge() throws Exception {
        String token = REALM.accessToken().roles(roles(3_000)).sign();
        assertThat(token.length()).isGreaterThan(32 * 1024);

        HttpResponse<String> response = get("/users/me", token);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"demo-api\", "
                + "error=\"invalid_request\", error_description=\"The request could not be read: its request line or "
                + "header fields are malformed, or larger than 32 KiB in total\"");
        assertProblem(response);
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("title").asString()).isEqualTo("Bad Request");
        assertThat(problem.get("error").asString()).isEqualTo("invalid_request");
        assertThat(response.body()).doesNotContain("<html", "Tomcat");
    }

    @Test
    void requestWhenRequestLineMalformedThenBadRequestProblemNotTomcatPage() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", this.port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("GET /users/me\u0001 HTTP/1.1\r\nHost: x\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            String raw = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);

            assertThat(raw).startsWith("HTTP/1.1 400");
            assertThat(raw).contains("Content-Type: application/problem+json", "\"status\":400",
                    "WWW-Authenticate: Bearer realm=\"demo-api\", error=\"invalid_request\"");
            assertThat(raw).doesNotContain("<html");
        }
    }

    @Test
    void usersMeWhenDpopSchemeThenUnauthorizedProblemWithBearerChallenge() throws Exception {
        String token = REALM.accessToken().sign();
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + this.port + "/users/me"))
                .header("Authorization", "DPoP " + token).header("DPoP", token).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(challenge ->
                assertThat(challenge).startsWith("Bearer realm=\"demo-api\", error=\"invalid_token\"")
                        .contains("DPoP authorization scheme is not supported"));
        assertProblem(response);
    }

    private static String[] roles(int count) {
        String[] roles = new String[count];
        for (int i = 0; i < count; i++) {
            roles[i] = String.format("group-%04d", i);
        }
        return roles;
    }

    private HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        return HTTP.send(request(path, token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private static void assertProblem(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(response.statusCode());
        assertThat(problem.has("title")).isTrue();
        assertThat(response.body()).doesNotContain("trace", "exception");
    }
}
