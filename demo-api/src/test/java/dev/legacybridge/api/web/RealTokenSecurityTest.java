package dev.legacybridge.api.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import com.nimbusds.jose.jwk.RSAKey;
import dev.legacybridge.api.config.SecurityConfiguration;
import dev.legacybridge.api.posts.PostsConfiguration;
import dev.legacybridge.api.testing.TestRealm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The filter chain with the real decoder: RS256 tokens signed by {@link TestRealm}, keys fetched from its JWKS
 * endpoint (issuer-uri for {@code iss} + jwk-set-uri, the docker-compose shape). Each way a token can be wrong ends
 * in 401 {@code invalid_token} with a description.
 */
@WebMvcTest(controllers = {UserController.class, PostController.class})
@Import({SecurityConfiguration.class, PostsConfiguration.class})
class RealTokenSecurityTest {

    static final TestRealm REALM = TestRealm.start();

    @Autowired
    MockMvc mvc;

    @DynamicPropertySource
    static void realm(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", REALM::issuer);
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", REALM::jwkSetUri);
    }

    @AfterAll
    static void stopRealm() {
        REALM.close();
    }

    static Stream<Arguments> invalidTokens() {
        RSAKey foreign = TestRealm.newSigningKey();
        Instant now = Instant.now();
        return Stream.of(
                invalid("expired", token -> token.claim("iat", now.minusSeconds(400))
                        .claim("exp", now.minusSeconds(100)).sign(), "Jwt expired at"),
                invalid("nbf in the future", token -> token.claim("nbf", now.plusSeconds(120)).sign(),
                        "Jwt used before"),
                invalid("wrong issuer", token -> token.claim("iss", "http://localhost:8080/realms/other").sign(),
                        "The iss claim is not valid"),
                invalid("wrong audience", token -> token.claim("aud", List.of("account")).sign(),
                        "The aud claim is not valid"),
                invalid("ID token", token -> token.claim("typ", "ID").sign(), "The typ claim is not valid"),
                invalid("refresh token typ", token -> token.claim("typ", "Refresh").sign(),
                        "The typ claim is not valid"),
                invalid("refresh token HS512", token -> token.claim("typ", "Refresh").hs512(new byte[64]),
                        "Another algorithm expected, or no matching key(s) found"),
                invalid("alg none", TestRealm.Token::unsigned, "Unsupported algorithm of none"),
                invalid("HS256 with the public key", TestRealm.Token::hs256WithPublicKeyAsSecret,
                        "Another algorithm expected, or no matching key(s) found"),
                invalid("tampered payload", TestRealm.Token::tampered, "Invalid signature"),
                invalid("unknown kid", token -> token.signedWith(foreign, UUID.randomUUID().toString()).sign(),
                        "no matching key(s) found"),
                invalid("known kid, foreign key", token -> token.signedWith(foreign,
                        REALM.signingKey().getKeyID()).sign(), "Invalid signature"),
                invalid("no user", token -> token.without("sub").without("preferred_username").sign(),
                        "names no user"),
                invalid("garbage", token -> "garbage", "Bearer token is malformed"),
                invalid("three garbage segments", token -> "a.b.c", "Bearer token is malformed"));
    }

    private static Arguments invalid(String name, Function<TestRealm.Token, String> token, String description) {
        return Arguments.of(name, token.apply(REALM.accessToken()), description);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidTokens")
    void requestWhenTokenInvalidThenUnauthorizedWithInvalidTokenChallenge(String name, String token,
            String description) throws Exception {
        this.mvc.perform(get("/users/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE,
                        startsWith("Bearer realm=\"demo-api\", error=\"invalid_token\", error_description=\"")))
                .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE,
                        org.hamcrest.Matchers.containsString(description)))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(401))
                .andExpect(jsonPath("$.detail").value("Could not validate credentials"))
                .andExpect(jsonPath("$.error").value("invalid_token"))
                .andExpect(jsonPath("$.error_description", org.hamcrest.Matchers.containsString(description)));
    }

    @Test
    void requestWhenBearerEmptyThenUnauthorizedMalformed() throws Exception {
        this.mvc.perform(get("/users/me").header(HttpHeaders.AUTHORIZATION, "Bearer "))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"demo-api\", "
                        + "error=\"invalid_token\", error_description=\"Bearer token is malformed\""))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void requestWhenOtherAuthorizationSchemeThenUnauthorizedAsWithoutToken() throws Exception {
        this.mvc.perform(get("/users/me").header(HttpHeaders.AUTHORIZATION, "Basic YWxpY2U6c2VjcmV0"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, SecurityRulesTest.NO_TOKEN_CHALLENGE));
    }

    @Test
    void meWhenValidTokenThenProfileAndAuthoritiesFromRealClaims() throws Exception {
        String token = REALM.accessToken().roles("admin", "default-roles-demo").sign();
        this.mvc.perform(get("/users/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.username").value("alice"))
                .andExpect(jsonPath("$.full_name").value("Alice Liddell"))
                .andExpect(jsonPath("$.roles[0]").value("admin"))
                .andExpect(jsonPath("$.scopes[3]").value("read:posts"));
    }

    @Test
    void postsWhenRealTokensThenScopesAndRolesEnforced() throws Exception {
        String writer = REALM.accessToken().scope("openid write:posts").sign();
        String reader = REALM.accessToken().username("bob").scope("openid read:posts").sign();
        String admin = REALM.accessToken().username("root").scope("openid write:posts").roles("admin").sign();

        String location = this.mvc.perform(post("/posts").header(HttpHeaders.AUTHORIZATION, "Bearer " + writer)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"title\":\"Hi\",\"body\":\"there\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.author").value("alice"))
                .andReturn().getResponse().getHeader(HttpHeaders.LOCATION);
        this.mvc.perform(get(location).header(HttpHeaders.AUTHORIZATION, "Bearer " + reader))
                .andExpect(status().isOk());
        this.mvc.perform(get(location).header(HttpHeaders.AUTHORIZATION, "Bearer " + writer))
                .andExpect(status().isForbidden());
        this.mvc.perform(delete(location).header(HttpHeaders.AUTHORIZATION, "Bearer " + writer))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.required_roles[0]").value("admin"));
        this.mvc.perform(delete(location).header(HttpHeaders.AUTHORIZATION, "Bearer " + admin))
                .andExpect(status().isNoContent());
    }
}
