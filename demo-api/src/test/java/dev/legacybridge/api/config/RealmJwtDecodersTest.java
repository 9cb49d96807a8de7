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
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The realm decoder against real RS256 tokens and a real JWKS endpoint ({@link TestRealm}). Each test gets a fresh
 * realm and a fresh decoder, so JWKS request counts start at zero.
 */
class RealmJwtDecodersTest {

    private static final Duration CLOCK_SKEW = Duration.ofSeconds(30);
    private static final DemoApiProperties.Jwks DEFAULT_JWKS = new DemoApiProperties.Jwks(Duration.ofMinutes(5),
            Duration.ofSeconds(15), Duration.ofSeconds(30), Duration.ofSeconds(2), Duration.ofSeconds(3), 51200);
    private static final DemoApiProperties.TokenCache DEFAULT_TOKEN_CACHE = new DemoApiProperties.TokenCache(true,
            10_000, Duration.ofMinutes(5));

    private TestRealm realm;

    @BeforeEach
    void startRealm() {
        this.realm = TestRealm.start();
    }

    @AfterEach
    void stopRealm() {
        this.realm.close();
    }

    @Test
    void decodeWhenValidAccessTokenThenReturnsClaims() {
        Jwt jwt = decoder().decode(this.realm.accessToken().sign());

        assertThat(jwt.getIssuer()).hasToString(this.realm.issuer());
        assertThat(jwt.getAudience()).contains("demo-api");
        assertThat(jwt.getClaimAsString("preferred_username")).isEqualTo("alice");
        assertThat(this.realm.jwksRequests()).isEqualTo(1);
        assertThat(this.realm.discoveryRequests()).isZero();
    }

    @Test
    void decodeWhenManyTokensThenJwksFetchedOnce() {
        JwtDecoder decoder = decoder();
        for (int i = 0; i < 20; i++) {
            decoder.decode(this.realm.accessToken().claim("jti", UUID.randomUUID().toString()).sign());
        }
        assertThat(this.realm.jwksRequests()).isEqualTo(1);
    }

    @Test
    void decodeWhenExpiredWithinClockSkewThenAccepted() {
        String token = this.realm.accessToken().claim("iat", Instant.now().minusSeconds(310))
                .claim("exp", Instant.now().minusSeconds(10)).sign();
        assertThat(decoder().decode(token).getSubject()).isNotNull();
    }

    @Test
    void decodeWhenExpiredBeyondClockSkewThenRejected() {
        String token = this.realm.accessToken().claim("iat", Instant.now().minusSeconds(360))
                .claim("exp", Instant.now().minusSeconds(60)).sign();
        assertRejected(token, "Jwt expired at");
    }

    @Test
    void decodeWhenExpMissingThenRejected() {
        assertRejected(this.realm.accessToken().without("exp").sign(), "exp is required");
    }

    @Test
    void decodeWhenNotBeforeWithinClockSkewThenAccepted() {
        String token = this.realm.accessToken().claim("nbf", Instant.now().plusSeconds(10)).sign();
        assertThat(decoder().decode(token).getNotBefore()).isNotNull();
    }

    @Test
    void decodeWhenNotBeforeBeyondClockSkewThenRejected() {
        String token = this.realm.accessToken().claim("nbf", Instant.now().plusSeconds(120)).sign();
        assertRejected(token, "Jwt used before");
    }

    @Test
    void decodeWhenAlgNoneThenRejected() {
        assertRejected(this.realm.accessToken().unsigned(), "Unsupported algorithm of none");
    }

    @Test
    void decodeWhenHs256SignedWithPublicKeyThenRejectedWithoutJwksFetch() {
        JwtDecoder decoder = decoder();
        decoder.decode(this.realm.accessToken().sign());

        assertThatThrownBy(() -> decoder.decode(this.realm.accessToken().hs256WithPublicKeyAsSecret()))
                .isInstanceOf(BadJwtException.class)
                .hasMessageContaining("Another algorithm expected, or no matching key(s) found");
        assertThat(this.realm.jwksRequests()).isEqualTo(1);
    }

    @Test
    void decodeWhenWrongIssuerThenRejected() {
        String token = this.realm.accessToken().claim("iss", "http://localhost:8080/realms/other").sign();
        assertRejected(token, "The iss claim is not valid");
    }

    @Test
    void decodeWhenWrongAudienceThenRejected() {
        String token = this.realm.accessToken().claim("aud", List.of("account", "other-api")).sign();
        assertRejected(token, "The aud claim is not valid");
    }

    @Test
    void decodeWhenAudienceMissingThenRejected() {
        assertRejected(this.realm.accessToken().without("aud").sign(), "The aud claim is not valid");
    }

    @Test
    void decodeWhenTypIsIdThenRejected() {
        String idToken = this.realm.accessToken().claim("typ", "ID").claim("aud", List.of("demo-api")).sign();
        assertRejected(idToken, "The typ claim is not valid");
    }

    @Test
    void decodeWhenTypIsRefreshThenRejected() {
        String refreshToken = this.realm.accessToken().claim("typ", "Refresh").sign();
        assertRejected(refreshToken, "The typ claim is not valid");
    }

    @Test
    void decodeWhenTypMissingThenRejected() {
        assertRejected(this.realm.accessToken().without("typ").sign(), "The typ claim is not valid");
    }

    @Test
    void decodeWhenKeycloakStyleRefreshTokenThenRejected() {
        // HS512 with a realm secret, aud = the realm URL, typ Refresh: what Keycloak 26.7 issues as refresh token.
        String refreshToken = this.realm.accessToken().claim("typ", "Refresh").claim("aud", this.realm.issuer())
                .hs512(new byte[64]);
        assertRejected(refreshToken, "Another algorithm expected, or no matching key(s) found");
    }

    @Test
    void decodeWhenPayloadTamperedThenRejected() {
        assertRejected(this.realm.accessToken().tampered(), "Invalid signature");
    }

    @Test
    void decodeWhenKnownKidButForeignKeyThenRejected() {
        String token = this.realm.accessToken()
                .signedWith(TestRealm.newSigningKey(), this.realm.signingKey().getKeyID()).sign();
        assertRejected(token, "Invalid signature");
    }

    @Test
    void decodeWhenUnknownKidThenRejected() {
        RSAKey foreign = TestRealm.newSigningKey();
        assertRejected(this.realm.accessToken().signedWith(foreign, foreign.getKeyID()).sign(),
                "no matching key(s) found");
    }

    @Test
    void decodeWhenGarbageThenRejected() {
        JwtDecoder decoder = decoder();
        for (String garbage : TestRealm.garbage()) {
            assertThatThrownBy(() -> decoder.decode(garbage)).as(garbage).isInstanceOf(BadJwtException.class);
        }
    }

    @Test
    void decodeWhenNoUsernameAndNoSubjectThenRejected() {
        String token = this.realm.accessToken().without("preferred_username").without("sub").sign();
        assertRejected(token, "names no user");
    }

    @Test
    void decodeWhenOnlySubjectThenAccepted() {
        Jwt jwt = decoder().decode(this.realm.accessToken().without("preferred_username").sign());
        assertThat(KeycloakClaims.username(jwt)).isEqualTo(jwt.getSubject());
    }

    @Test
    void decodeWhenKeyRotatedThenNewKidAcceptedAfterOneRefetch() {
        JwtDecoder decoder = decoder();
        decoder.decode(this.realm.accessToken().sign());
        assertThat(this.realm.jwksRequests()).isEqualTo(1);

        this.realm.rotate();
        Jwt jwt = decoder.decode(this.realm.accessToken().sign());

        assertThat(jwt.getHeaders()).containsEntry("kid", this.realm.signingKey().getKeyID());
        assertThat(this.realm.jwksRequests()).isEqualTo(2);
        decoder.decode(this.realm.accessToken().sign());
        assertThat(this.realm.jwksRequests()).isEqualTo(2);
    }

    @Test
    void decodeWhenBurstOfRandomKidsThenJwksFetchesBounded() throws Exception {
        JwtDecoder decoder = decoder();
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
        // Nimbus RateLimitedJWKSetSource: at most 2 fetches per min-refresh-interval (30 s here), the first being
        // the initial load. Without the limit (Spring Security's default builder) this would be 201.
        assertThat(this.realm.jwksRequests()).isEqualTo(2);
        assertThat(decoder.decode(this.realm.accessToken().sign())).isNotNull();
    }

    /**
     * Characterization of what this class replaces: Spring Security 7.0's {@code NimbusJwtDecoder.withJwkSetUri}
     * (what Boot builds from jwk-set-uri) caches the set but builds its source with {@code rateLimited(false)}, so
     * every token with an unknown kid costs one JWKS request.
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
        DemoApiProperties.Jwks fastWindow = new DemoApiProperties.Jwks(Duration.ofMinutes(5), Duration.ofSeconds(15),
                Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofSeconds(3), 51200);
        JwtDecoder decoder = decoder(jwkSetUriProperties(), fastWindow);
        decoder.decode(this.realm.accessToken().sign());
        RSAKey attacker = TestRealm.newSigningKey();
        for (int i = 0; i < 5; i++) {
            String random = this.realm.accessToken().signedWith(attacker, UUID.randomUUID().toString()).sign();
            assertThatThrownBy(() -> decoder.decode(random)).isInstanceOf(BadJwtException.class);
        }
        this.realm.rotate();
        String rotated = this.realm.accessToken().sign();

        // Right after the burst the limiter may still be closed (then: 401 no matching key); once the 500 ms window
        // has passed, the unknown kid triggers one refetch and the rotated key is accepted.
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .ignoreExceptionsInstanceOf(BadJwtException.class)
                .untilAsserted(() -> assertThat(decoder.decode(rotated).getSubject()).isNotNull());
    }

    @Test
    void decodeWhenOnlyIssuerConfiguredThenJwksDiscoveredOnFirstToken() {
        OAuth2ResourceServerProperties.Jwt properties = issuerOnlyProperties(this.realm.issuer());
        JwtDecoder decoder = decoder(properties, DEFAULT_JWKS);
        assertThat(this.realm.discoveryRequests()).isZero();

        decoder.decode(this.realm.accessToken().sign());
        decoder.decode(this.realm.accessToken().sign());

        assertThat(this.realm.discoveryRequests()).isEqualTo(1);
        assertThat(this.realm.jwksRequests()).isEqualTo(1);
    }

    @Test
    void decodeWhenDiscoveredIssuerDiffersThenInitializationFails() {
        this.realm.advertiseIssuer("http://keycloak:8080/realms/demo");
        JwtDecoder decoder = decoder(issuerOnlyProperties(this.realm.issuer()), DEFAULT_JWKS);

        assertThatThrownBy(() -> decoder.decode(this.realm.accessToken().sign()))
                .isInstanceOf(JwtException.class)
                .isNotInstanceOf(BadJwtException.class)
                .hasMessageContaining("does not match issuer-uri");
    }

    @Test
    void decodeWhenRealmUnreachableThenWellFormedTokenFailsAsUnavailableAndRetriesLater() {
        JwtDecoder decoder = decoder(issuerOnlyProperties(TestRealm.unreachableIssuer()), DEFAULT_JWKS);
        String token = this.realm.accessToken().sign();

        // JwtException but not BadJwtException: Spring Security turns it into AuthenticationServiceException (503).
        assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtException.class)
                .isNotInstanceOf(BadJwtException.class).hasMessageContaining("Connection refused");
        assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtException.class)
                .isNotInstanceOf(BadJwtException.class);
    }

    @Test
    void decodeWhenRealmUnreachableThenMalformedTokensStillRejectedAsBad() {
        JwtDecoder decoder = decoder(issuerOnlyProperties(TestRealm.unreachableIssuer()), DEFAULT_JWKS);

        for (String garbage : List.of("garbage", "a.b.c", this.realm.accessToken().unsigned(),
                this.realm.accessToken().hs256WithPublicKeyAsSecret())) {
            assertThatThrownBy(() -> decoder.decode(garbage)).as(garbage).isInstanceOf(BadJwtException.class);
        }
    }

    @Test
    void decodeWhenJwksEndpointFailsThenServiceErrorNotBadToken() {
        this.realm.failJwks(true);
        assertThatThrownBy(() -> decoder().decode(this.realm.accessToken().sign()))
                .isInstanceOf(JwtException.class)
                .isNotInstanceOf(BadJwtException.class);
    }

    @Test
    void decodeWhenJwksFailsAfterKeysWereLoadedThenKnownKidStillAccepted() {
        JwtDecoder decoder = decoder();
        decoder.decode(this.realm.accessToken().sign());
        this.realm.failJwks(true);

        assertThat(decoder.decode(this.realm.accessToken().sign())).isNotNull();
    }

    @Test
    void fromPropertiesWhenIssuerMissingThenFails() {
        OAuth2ResourceServerProperties.Jwt properties = new OAuth2ResourceServerProperties().getJwt();
        properties.setJwkSetUri(this.realm.jwkSetUri());

        assertThatThrownBy(() -> decoder(properties, DEFAULT_JWKS))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("issuer-uri must be set");
    }

    @Test
    void fromPropertiesWhenUnknownAlgorithmThenFails() {
        OAuth2ResourceServerProperties.Jwt properties = jwkSetUriProperties();
        properties.setJwsAlgorithms(List.of("RS257"));

        assertThatThrownBy(() -> decoder(properties, DEFAULT_JWKS))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("RS257");
    }

    @Test
    void fromPropertiesWhenRefreshIntervalNotShorterThanCacheTtlThenFails() {
        DemoApiProperties.Jwks inverted = new DemoApiProperties.Jwks(Duration.ofSeconds(30), Duration.ofSeconds(15),
                Duration.ofMinutes(1), Duration.ofSeconds(2), Duration.ofSeconds(3), 51200);

        assertThatThrownBy(() -> decoder(jwkSetUriProperties(), inverted))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("min-refresh-interval");
    }

    private JwtDecoder decoder() {
        return decoder(jwkSetUriProperties(), DEFAULT_JWKS);
    }

    private static JwtDecoder decoder(OAuth2ResourceServerProperties.Jwt properties, DemoApiProperties.Jwks jwks) {
        return RealmJwtDecoders.fromProperties(properties, jwks, DEFAULT_TOKEN_CACHE, List.of(
                AccessTokenValidators.timestamps(CLOCK_SKEW),
                AccessTokenValidators.keycloakAccessTokenType(),
                AccessTokenValidators.identifiesUser()));
    }

    /** The docker-compose shape: issuer for iss, an explicit JWKS URL, audience demo-api. */
    private OAuth2ResourceServerProperties.Jwt jwkSetUriProperties() {
        OAuth2ResourceServerProperties.Jwt properties = issuerOnlyProperties(this.realm.issuer());
        properties.setJwkSetUri(this.realm.jwkSetUri());
        return properties;
    }

    private static OAuth2ResourceServerProperties.Jwt issuerOnlyProperties(String issuer) {
        OAuth2ResourceServerProperties.Jwt properties = new OAuth2ResourceServerProperties().getJwt();
        properties.setIssuerUri(issuer);
        properties.setAudiences(List.of(TestRealm.AUDIENCE));
        return properties;
    }

    private void assertRejected(String token, String reason) {
        assertThatThrownBy(() -> decoder().decode(token))
                .isInstanceOf(BadJwtException.class)
                .hasMessageContaining(reason);
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
