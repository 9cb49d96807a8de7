package dev.legacybridge.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.legacybridge.api.testing.TestRealm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API configured with only an {@code issuer-uri} where nothing listens, as when the stack starts demo-api before
 * Keycloak: it starts and is ready (discovery is lazy); a well-formed token gets 503 (it may be valid, the keys are
 * just not reachable), a malformed one still gets 401.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TokenVerificationUnavailableTest {

    static final String UNREACHABLE_ISSUER = TestRealm.unreachableIssuer();
    static final TestRealm TOKEN_MINT = TestRealm.start();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void unreachableRealm(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> UNREACHABLE_ISSUER);
    }

    @AfterAll
    static void stopMint() {
        TOKEN_MINT.close();
    }

    @Test
    void readinessWhenRealmUnreachableThenUp() throws Exception {
        assertThat(send(null, "/actuator/health/readiness").statusCode()).isEqualTo(200);
    }

    @Test
    void usersMeWhenWellFormedTokenAndRealmUnreachableThenServiceUnavailableProblem() throws Exception {
        String token = TOKEN_MINT.accessToken().claim("iss", UNREACHABLE_ISSUER).sign();

        HttpResponse<String> response = send(token, "/users/me");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(response.body()).contains("\"status\":503", "signing keys are unavailable")
                .doesNotContain("Exception", "at org.");
    }

    @Test
    void usersMeWhenMalformedTokenAndRealmUnreachableThenUnauthorized() throws Exception {
        HttpResponse<String> response = send("garbage", "/users/me");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(challenge ->
                assertThat(challenge).contains("error=\"invalid_token\""));
    }

    private HttpResponse<String> send(String token, String path) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
