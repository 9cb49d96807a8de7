package dev.legacybridge.api.fastpath;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import dev.legacybridge.api.testing.TestRealm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.util.ReflectionTestUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged application with {@code demo-api.fast-path.enabled=true}, in a real Tomcat against {@link TestRealm}:
 * the verified-token cache is the decoder, the regex-free firewall is the one in use, and tokens are accepted and
 * refused exactly as on the default path (same statuses, same challenges).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "demo-api.fast-path.enabled=true")
class FastPathTest {

    static final TestRealm REALM = TestRealm.start();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void realm(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", REALM::issuer);
    }

    @AfterAll
    static void stopRealm() {
        REALM.close();
    }

    @Test
    void decoderWhenFastPathThenVerifiedTokenCacheAndSecondUseIsAHit(@Autowired JwtDecoder decoder) throws Exception {
        assertThat(decoder).isInstanceOf(VerifiedTokenCache.class);
        VerifiedTokenCache cache = (VerifiedTokenCache) decoder;
        get("/users/me", REALM.accessToken().sign());   // the first token ever loads the key set: not cached
        String token = REALM.accessToken().claim("jti", UUID.randomUUID().toString()).sign();
        long hits = cache.hits();

        assertThat(get("/users/me", token).statusCode()).isEqualTo(200);
        assertThat(get("/users/me", token).statusCode()).isEqualTo(200);

        assertThat(cache.hits()).isEqualTo(hits + 1);
    }

    @Test
    void filterChainProxyWhenFastPathThenUsesTheRegexFreeFirewallBean(@Autowired FilterChainProxy filterChainProxy,
            @Autowired HttpFirewall firewall) throws Exception {
        // The bean is Spring MVC's CompositeFilterChainProxy; the FilterChainProxy WebSecurity built is inside it.
        Object built = ReflectionTestUtils.getField(filterChainProxy, "springSecurityFilterChain");
        assertThat(ReflectionTestUtils.getField(built, "firewall")).isSameAs(firewall);
        assertThat(get("/users/me", REALM.accessToken().sign()).statusCode()).isEqualTo(200);
    }

    @Test
    void rulesWhenFastPathThenSameAnswersAsTheDefaultPath() throws Exception {
        String reader = REALM.accessToken().scope("openid read:posts").sign();
        String noScope = REALM.accessToken().scope("openid").sign();
        for (int i = 0; i < 3; i++) {   // first use, then hits
            assertThat(get("/posts", reader).statusCode()).isEqualTo(200);
            HttpResponse<String> forbidden = get("/posts", noScope);
            assertThat(forbidden.statusCode()).isEqualTo(403);
            assertThat(forbidden.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"demo-api\", "
                    + "error=\"insufficient_scope\", error_description=\"The request requires scope read:posts\", "
                    + "scope=\"read:posts\"");
        }
        for (String bad : List.of(REALM.accessToken().claim("typ", "ID").sign(),
                REALM.accessToken().claim("aud", List.of("account")).sign(), REALM.accessToken().tampered(),
                REALM.accessToken().unsigned(), REALM.accessToken().sign() + "=")) {
            for (int i = 0; i < 2; i++) {
                HttpResponse<String> response = get("/users/me", bad);
                assertThat(response.statusCode()).as(bad).isEqualTo(401);
                assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(challenge ->
                        assertThat(challenge).startsWith("Bearer realm=\"demo-api\", error=\"invalid_token\""));
            }
        }
        assertThat(get("/users/me", null).headers().firstValue("WWW-Authenticate"))
                .hasValue("Bearer realm=\"demo-api\"");
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
