package dev.legacybridge.api.config;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.nimbusds.jose.jwk.RSAKey;
import dev.legacybridge.api.testing.TestRealm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The decoder the API verifies tokens with: the one Spring Boot builds from
 * {@code spring.security.oauth2.resourceserver.jwt.*} (here: issuer, audience {@code demo-api}, RS256), with
 * {@link SecurityConfiguration}'s validators and JWK set customizer, as the filter chain uses it
 * ({@link SecurityConfiguration#unreachableRealmAsUnavailable}). Real RS256 tokens and a real JWKS endpoint
 * ({@link TestRealm}); each test gets a fresh realm and a fresh application context, so JWKS request counts start at
 * zero.
 */
class RealmJwtDecoderTest {

    private TestRealm realm;

    @BeforeEach
    void startRealm() {
        this.realm = TestRealm.start();
    }

    @AfterEach
    void stopRealm() {
        this.realm.close();
    }

    // ---- what Boot builds

    @Test
    void contextWhenIssuerUriOnlyThenBootsLazyIssuerDecoderAndFetchesNothing() {
        issuerOnly().run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(JwtDecoder.class)).isInstanceOf(SupplierJwtDecoder.class);
            assertThat(this.realm.discoveryRequests()).isZero();
            assertThat(this.realm.jwksRequests()).isZero();
        });
    }

    @Test
    void contextWhenJwkSetUriThenBootsNimbusDecoder() {
        withJwkSetUri().run(context -> assertThat(context.getBean(JwtDecoder.class))
                .isInstanceOf(NimbusJwtDecoder.class));
    }

    @Test
    void contextWhenUnknownAlgorithmThenFailsToStart() {
        withJwkSetUri().withPropertyValues("spring.security.oauth2.resourceserver.jwt.jws-algorithms=RS257")
                .run(context -> assertThat(context).hasFailed());
    }

    // ---- accepted

    @Test
    void decodeWhenValidAccessTokenThenReturnsClaims() {
        withJwkSetUri().run(context -> {
            Jwt jwt = decoder(context).decode(this.realm.accessToken().sign());

            assertThat(jwt.getIssuer()).hasToString(this.realm.issuer());
            assertThat(jwt.getAudience()).contains("demo-api");
            assertThat(jwt.getClaimAsString("preferred_username")).isEqualTo("alice");
            assertThat(this.realm.jwksRequests()).isEqualTo(1);
            assertThat(this.realm.discoveryRequests()).isZero();
        });
    }

    @Test
    void decodeWhenManyTokensThenJwksFetchedOnce() {
        withJwkSetUri().run(context -> {
            JwtDecoder decoder = decoder(context);
            for (int i = 0; i < 20; i++) {
                decoder.decode(this.realm.accessToken().claim("jti", UUID.randomUUID().toString()).sign());
            }
            assertThat(this.realm.jwksRequests()).isEqualTo(1);
        });
    }

    @Test
    void decodeWhenOnlyIssuerConfiguredThenJwksDiscoveredOnFirstToken() {
        issuerOnly().run(context -> {
            JwtDecoder decoder = decoder(context);

            decoder.decode(this.realm.accessToken().sign());
            decoder.decode(this.realm.accessToken().sign());

            assertThat(this.realm.discoveryRequests()).isEqualTo(1);
            assertThat(this.realm.jwksRequests()).isEqualTo(1);
        });
    }

    @Test
    void decodeWhenExpiredWithinClockSkewThenAccepted() {
        String token = this.realm.accessToken().claim("iat", Instant.now().minusSeconds(310))
                .claim("exp", Instant.now().minusSeconds(10)).sign();
        withJwkSetUri().run(context -> assertThat(decoder(context).decode(token).getSubject()).isNotNull());
    }

    @Test
    void decodeWhenNotBeforeWithinClockSkewThenAccepted() {
        String token = this.realm.accessToken().claim("nbf", Instant.now().plusSeconds(10)).sign();
        withJwkSetUri().run(context -> assertThat(decoder(context).decode(token).getNotBefore()).isNotNull());
    }

    @Test
    void decodeWhenOnlySubjectThenAccepted() {
        withJwkSetUri().run(context -> {
            Jwt jwt = decoder(context).decode(this.realm.accessToken().without("preferred_username").sign());
            assertThat(KeycloakClaims.username(jwt)).isEqualTo(jwt.getSubject());
        });
    }

    // ---- refused, each for its own reason

    @Test
    void decodeWhenExpiredBeyondClockSkewThenRejected() {
        assertRejected(this.realm.accessToken().claim("iat", Instant.now().minusSeconds(360))
                .claim("exp", Instant.now().minusSeconds(60)).sign(), "Jwt expired at");
    }

    @Test
    void decodeWhenExpMissingThenRejected() {
        assertRejected(this.realm.accessToken().without("exp").sign(), "exp is required");
    }

    @Test
    void decodeWhenNotBeforeBeyondClockSkewThenRejected() {
        assertRejected(this.realm.accessToken().claim("nbf", Instant.now().plusSeconds(120)).sign(),
                "Jwt used before");
    }

    @Test
    void decodeWhenAlgNoneThenRejected() {
        assertRejected(this.realm.accessToken().unsigned(), "Unsupported algorithm of none");
    }

    @Test
    void decodeWhenWrongIssuerThenRejected() {
        assertRejected(this.realm.accessToken().claim("iss", "http://localhost:8080/realms/other").sign(),
                "The iss claim is not valid");
    }

    @Test
    void decodeWhenWrongAudienceThenRejected() {
        assertRejected(this.realm.accessToken().claim("aud", List.of("account", "other-api")).sign(),
                "The aud claim is not valid");
    }

    @Test
    void decodeWhenAudienceMissingThenRejected() {
        assertRejected(this.realm.accessToken().without("aud").sign(), "The aud claim is not valid");
    }

    @Test
    void decodeWhenTypIsIdThenRejected() {
        assertRejected(this.realm.accessToken().claim("typ", "ID").sign(), "The typ claim is not valid");
    }

    @Test
    void decodeWhenTypIsRefreshThenRejected() {
        assertRejected(this.realm.accessToken().claim("typ", "Refresh").sign(), "The typ claim is not valid");
    }

    /** Keycloak's DPoP-bound access tokens: {@code "typ": "DPoP"} and {@code cnf.jkt}. */
    @Test
    void decodeWhenTypIsDpopThenRejected() {
        assertRejected(this.realm.accessToken().claim("typ", "DPoP")
                .claim("cnf", java.util.Map.of("jkt", "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I")).sign(),
                "The typ claim is not valid");
    }

    @Test
    void decodeWhenTypMissingThenRejected() {
        assertRejected(this.realm.accessToken().without("typ").sign(), "The typ claim is not valid");
    }

    @Test
    void decodeWhenKeycloakStyleRefreshTokenThenRejected() {
        // HS512 with a realm secret, aud = the realm URL, typ Refresh: what Keycloak 26.7 issues as refresh token.
        assertRejected(this.realm.accessToken().claim("typ", "Refresh").claim("aud", this.realm.issuer())
                .hs512(new byte[64]), "Another algorithm expected, or no matching key(s) found");
    }

    @Test
    void decodeWhenHs256SignedWithPublicKeyThenRejectedWithoutJwksFetch() {
        withJwkSetUri().run(context -> {
            JwtDecoder decoder = decoder(context);
            decoder.decode(this.realm.accessToken().sign());

            assertThatThrownBy(() -> decoder.decode(this.realm.accessToken().hs256WithPublicKeyAsSecret()))
                    .isInstanceOf(BadJwtException.class)
                    .hasMessageContaining("Another algorithm expected, or no matching key(s) found");
            assertThat(this.realm.jwksRequests()).isEqualTo(1);
        });
    }

    @Test
    void decodeWhenPayloadTamperedThenRejected() {
        assertRejected(this.realm.accessToken().tampered(), "Invalid signature");
    }

    @Test
    void decodeWhenKnownKidButForeignKeyThenRejected() {
        assertRejected(this.realm.accessToken()
                .signedWith(TestRealm.newSigningKey(), this.realm.signingKey().getKeyID()).sign(), "Invalid signature");
    }

    @Test
    void decodeWhenUnknownKidThenRejected() {
        RSAKey foreign = TestRealm.newSigningKey();
        assertRejected(this.realm.accessToken().signedWith(foreign, foreign.getKeyID()).sign(),
                "no matching key(s) found");
    }

    @Test
    void decodeWhenNoUsernameAndNoSubjectThenRejected() {
        assertRejected(this.realm.accessToken().without("preferred_username").without("sub").sign(),
                "names no user");
    }

    @Test
    void decodeWhenGarbageThenRejected() {
        withJwkSetUri().run(context -> {
            JwtDecoder decoder = decoder(context);
            for (String garbage : TestRealm.garbage()) {
                assertThatThrownBy(() -> decoder.decode(garbage)).as(garbage).isInstanceOf(BadJwtException.class);
            }
        });
    }

    // ---- signing keys: rotation, and a bound on refetches

    @Test
    void decodeWhenKeyRotatedThenNewKidAcceptedAfterOneRefetch() {
        withJwkSetUri().run(context -> {
            JwtDecoder decoder = decoder(context);
            decoder.decode(this.realm.accessToken().sign());
            assertThat(this.realm.jwksRequests()).isEqualTo(1);

            this.realm.rotate();
            Jwt jwt = decoder.decode(this.realm.accessToken().sign());

            assertThat(jwt.getHeaders()).containsEntry("kid", this.realm.signingKey().getKeyID());
            assertThat(this.realm.jwksRequests()).isEqualTo(2);
            decoder.decode(this.realm.accessToken().sign());
            assertThat(this.realm.jwksRequests()).isEqualTo(2);
        });
    }

    @Test
    void decodeWhenBurstOfRandomKidsThenJwksFetchesBounded() {
        withJwkSetUri().run(context -> {
            JwtDecoder decoder = decoder(context);
            decoder.decode(this.realm.accessToken().sign());
            RSAKey attacker = TestRealm.newSigningKey();
            List<String> tokens = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                tokens.add(this.realm.accessToken().signedWith(attacker, UUID.randomUUID().toString()).sign());
            }

            List<Throwable> failures = decodeConcurrently(decoder, tokens);

            assertThat(failures).hasSize(200).allSatisfy(failure -> assertThat(failure)
                    .isInstanceOf(BadJwtException.class)
                    .hasMessageContaining("no matching key(s) found"));
            // The initial load and one refetch for the first unknown kid; the other 199 are answered from the cached
            // set (min-refresh-interval, 30 s). Spring Security's own builder: 201 (next test).
            assertThat(this.realm.jwksRequests()).isEqualTo(2);
            assertThat(decoder.decode(this.realm.accessToken().sign())).isNotNull();
        });
    }

    /**
     * Characterization of what the JWK set cache is for: Spring Security 7.0's {@code NimbusJwtDecoder} on its own
     * (what Boot builds without the customizer) caches the set, but every token with an unknown kid costs one JWKS
     * request.
     */
    @Test
    void springDefaultDecoderWhenRandomKidsThenOneJwksFetchPerToken() {
        JwtDecoder springDefault = NimbusJwtDecoder.withJwkSetUri(this.realm.jwkSetUri()).build();
        springDefault.decode(this.realm.accessToken().sign());
        RSAKey attacker = TestRealm.newSigningKey();
        for (int i = 0; i < 20; i++) {
            String random = this.realm.accessToken().signedWith(attacker, UUID.randomUUID().toString()).sign();
            assertThatThrownBy(() -> springDefault.decode(random)).isInstanceOf(BadJwtException.class);
        }
        assertThat(this.realm.jwksRequests()).isEqualTo(21);
    }

    @Test
    void decodeWhenRateLimitWindowPassesThenRotatedKeyAccepted() {
        withJwkSetUri().withPropertyValues("demo-api.security.jwks.min-refresh-interval=500ms").run(context -> {
            JwtDecoder decoder = decoder(context);
            decoder.decode(this.realm.accessToken().sign());
            RSAKey attacker = TestRealm.newSigningKey();
            for (int i = 0; i < 5; i++) {
                String random = this.realm.accessToken().signedWith(attacker, UUID.randomUUID().toString()).sign();
                assertThatThrownBy(() -> decoder.decode(random)).isInstanceOf(BadJwtException.class);
            }
            this.realm.rotate();
            String rotated = this.realm.accessToken().sign();

            // Right after the burst the limit may still hold (then: 401 no matching key); once the 500 ms interval
            // has passed, the unknown kid triggers one refetch and the rotated key is accepted.
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                    .ignoreExceptionsInstanceOf(BadJwtException.class)
                    .untilAsserted(() -> assertThat(decoder.decode(rotated).getSubject()).isNotNull());
        });
    }

    // ---- the realm unreachable: 503, never 401, for a token that may well be valid

    @Test
    void decodeWhenDiscoveredIssuerDiffersThenUnavailableNotBadToken() {
        this.realm.advertiseIssuer("http://keycloak:8080/realms/demo");
        issuerOnly().run(context -> assertThatThrownBy(() -> decoder(context).decode(this.realm.accessToken().sign()))
                .isInstanceOf(JwtException.class)
                .isNotInstanceOf(BadJwtException.class)
                .hasMessageContaining("could not be resolved"));
    }

    @Test
    void decodeWhenRealmUnreachableThenWellFormedTokenFailsAsUnavailableAndRetriesLater() {
        new WebApplicationContextRunner().withConfiguration(AUTO_CONFIGURATIONS)
                .withUserConfiguration(SecurityConfiguration.class)
                .withPropertyValues("spring.security.oauth2.resourceserver.jwt.issuer-uri="
                        + TestRealm.unreachableIssuer())
                .run(context -> {
                    JwtDecoder decoder = decoder(context);
                    String token = this.realm.accessToken().sign();

                    // JwtException but not BadJwtException: Spring Security turns it into
                    // AuthenticationServiceException, which the API answers with 503.
                    assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtException.class)
                            .isNotInstanceOf(BadJwtException.class).hasMessageContaining("could not be resolved");
                    assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtException.class)
                            .isNotInstanceOf(BadJwtException.class);
                });
    }

    @Test
    void decodeWhenJwksEndpointFailsThenServiceErrorNotBadToken() {
        this.realm.failJwks(true);
        withJwkSetUri().run(context -> assertThatThrownBy(() -> decoder(context).decode(
                this.realm.accessToken().sign()))
                .isInstanceOf(JwtException.class)
                .isNotInstanceOf(BadJwtException.class));
    }

    @Test
    void decodeWhenJwksFailsAfterKeysWereLoadedThenKnownKidStillAccepted() {
        withJwkSetUri().run(context -> {
            JwtDecoder decoder = decoder(context);
            decoder.decode(this.realm.accessToken().sign());
            this.realm.failJwks(true);

            assertThat(decoder.decode(this.realm.accessToken().sign())).isNotNull();
            RSAKey foreign = TestRealm.newSigningKey();
            assertThatThrownBy(() -> decoder.decode(this.realm.accessToken().signedWith(foreign, "new-kid").sign()))
                    .as("an unknown kid whose refetch fails is simply unknown")
                    .isInstanceOf(BadJwtException.class);
            assertThat(decoder.decode(this.realm.accessToken().sign())).isNotNull();
        });
    }

    @Test
    void decodeWhenJwksExpiredAndRealmFailsThenServiceError() {
        withJwkSetUri().withPropertyValues("demo-api.security.jwks.cache-ttl=300ms").run(context -> {
            JwtDecoder decoder = decoder(context);
            decoder.decode(this.realm.accessToken().sign());
            this.realm.failJwks(true);

            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThatThrownBy(() ->
                    decoder.decode(this.realm.accessToken().sign()))
                    .isInstanceOf(JwtException.class)
                    .isNotInstanceOf(BadJwtException.class));
            this.realm.failJwks(false);
            assertThat(decoder.decode(this.realm.accessToken().sign())).isNotNull();
        });
    }

    // ---- helpers

    private static final AutoConfigurations AUTO_CONFIGURATIONS = AutoConfigurations.of(
            SecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class,
            OAuth2ResourceServerAutoConfiguration.class);

    /** The local-stack shape: issuer only, the JWKS URL discovered on the first token. */
    private WebApplicationContextRunner issuerOnly() {
        return new WebApplicationContextRunner()
                .withConfiguration(AUTO_CONFIGURATIONS)
                .withUserConfiguration(SecurityConfiguration.class)
                .withPropertyValues(
                        "spring.security.oauth2.resourceserver.jwt.issuer-uri=" + this.realm.issuer(),
                        "spring.security.oauth2.resourceserver.jwt.audiences=" + TestRealm.AUDIENCE);
    }

    /** The docker-compose shape: issuer for iss, an explicit JWKS URL. */
    private WebApplicationContextRunner withJwkSetUri() {
        return issuerOnly().withPropertyValues(
                "spring.security.oauth2.resourceserver.jwt.jwk-set-uri=" + this.realm.jwkSetUri());
    }

    /** The decoder as the filter chain uses it. */
    private static JwtDecoder decoder(org.springframework.context.ApplicationContext context) {
        return SecurityConfiguration.unreachableRealmAsUnavailable(context.getBean(JwtDecoder.class));
    }

    private void assertRejected(String token, String reason) {
        withJwkSetUri().run(context -> assertThatThrownBy(() -> decoder(context).decode(token))
                .isInstanceOf(BadJwtException.class)
                .hasMessageContaining(reason));
    }

    private static List<Throwable> decodeConcurrently(JwtDecoder decoder, List<String> tokens) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Throwable>> calls = new ArrayList<>();
            for (String token : tokens) {
                calls.add(() -> {
                    try {
                        decoder.decode(token);
                        return null;
                    }
                    catch (RuntimeException ex) {
                        return ex;
                    }
                });
            }
            List<Throwable> failures = new ArrayList<>();
            for (Future<Throwable> result : pool.invokeAll(calls)) {
                if (result.get() != null) {
                    failures.add(result.get());
                }
            }
            return failures;
        }
        finally {
            pool.shutdownNow();
        }
    }
}
