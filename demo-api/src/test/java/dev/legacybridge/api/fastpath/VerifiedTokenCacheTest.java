package dev.legacybridge.api.fastpath;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import java.util.concurrent.atomic.AtomicLong;

import dev.legacybridge.api.config.RateLimitedJwkSetCache;
import dev.legacybridge.api.testing.TestRealm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The verified-token cache: first in front of a real decoder as the fast path builds it (Spring Security's
 * {@code NimbusJwtDecoder} with the API's {@link RateLimitedJwkSetCache}, {@link TestRealm}: real RS256 tokens, a real
 * JWKS endpoint), next to the same decoder without the cache; then on its own with a fake verifier for concurrency and
 * the memory bound.
 */
class VerifiedTokenCacheTest {

    private static final Duration CLOCK_SKEW = Duration.ofSeconds(30);
    private static final Duration DEFAULT_JWKS_TTL = Duration.ofMinutes(5);
    /** A JWKS cache of one second, to see what happens at its expiry. */
    private static final Duration SHORT_JWKS_TTL = Duration.ofSeconds(1);

    private TestRealm realm;
    /** What the cache compares deadlines with. */
    private final MutableClock cacheClock = new MutableClock();
    /** What the exp/nbf validator compares with. */
    private final MutableClock validatorClock = new MutableClock();

    @BeforeEach
    void startRealm() {
        this.realm = TestRealm.start();
    }

    @AfterEach
    void stopRealm() {
        this.realm.close();
    }

    // ---- through the real decoder chain

    @Test
    void decodeWhenSameTokenAgainThenHitSkipsVerificationAndReturnsSameClaims() {
        JwtDecoder decoder = cached(DEFAULT_JWKS_TTL);
        decoder.decode(this.realm.accessToken().sign());   // loads the key set
        String token = this.realm.accessToken().sign();

        Jwt first = decoder.decode(token);
        Jwt second = decoder.decode(token);

        VerifiedTokenCache cache = cacheOf(decoder);
        assertThat(cache.misses()).isEqualTo(2);
        assertThat(cache.hits()).isEqualTo(1);
        assertThat(cache.size()).isEqualTo(1);
        assertThat(second.getTokenValue()).isEqualTo(token);
        assertThat(second.getClaims()).isEqualTo(first.getClaims());
        assertThat(second.getHeaders()).isEqualTo(first.getHeaders());
        assertThat(second.getExpiresAt()).isEqualTo(first.getExpiresAt());
        assertThat(second.getIssuedAt()).isEqualTo(first.getIssuedAt());
        assertThat(this.realm.jwksRequests()).isEqualTo(1);
    }

    @Test
    void decodeWhenFirstTokenEverThenVerifiedButNotCachedBecauseKeySetWasLoadedMeanwhile() {
        JwtDecoder decoder = cached(DEFAULT_JWKS_TTL);
        String token = this.realm.accessToken().sign();
        decoder.decode(token);
        assertThat(cacheOf(decoder).size()).isZero();
        decoder.decode(token);
        decoder.decode(token);
        assertThat(cacheOf(decoder).hits()).isEqualTo(1);
    }

    @Test
    void hitWhenTokenHasExpiredSinceThenRefusedByTheValidatorAtOnce() {
        JwtDecoder decoder = cached(DEFAULT_JWKS_TTL);
        Instant now = Instant.now();
        this.cacheClock.set(now);
        this.validatorClock.set(now);
        String token = this.realm.accessToken().claim("exp", now.plusSeconds(60)).sign();
        cached(decoder, token);

        // The cache still holds the entry (its clock stands still); the exp check runs anyway and refuses.
        this.validatorClock.set(now.plusSeconds(60).plus(CLOCK_SKEW).plusSeconds(1));
        long hitsBefore = cacheOf(decoder).hits();
        assertThatThrownBy(() -> decoder.decode(token))
                .isInstanceOf(JwtValidationException.class)
                .hasMessageStartingWith("An error occurred while attempting to decode the Jwt: Jwt expired at");
        assertThat(cacheOf(decoder).hits()).isEqualTo(hitsBefore + 1);
    }

    @Test
    void hitWhenAnyClaimValidatorFailsThenRefusedWithTheFullDecodeMessage() {
        AtomicBoolean refuse = new AtomicBoolean();
        OAuth2TokenValidator<Jwt> switchable = jwt -> refuse.get()
                ? OAuth2TokenValidatorResult.failure(
                        new OAuth2Error("invalid_token", "switched off", null))
                : OAuth2TokenValidatorResult.success();
        JwtDecoder decoder = cached(DEFAULT_JWKS_TTL, 10_000, Duration.ofMinutes(5), switchable);
        String token = this.realm.accessToken().sign();
        cached(decoder, token);

        refuse.set(true);
        assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtValidationException.class)
                .hasMessage("An error occurred while attempting to decode the Jwt: switched off");
        refuse.set(false);
        assertThat(decoder.decode(token).getSubject()).isNotNull();
    }

    @Test
    void entryWhenTokenReachesExpThenDroppedAndTokenVerifiedAgainWithinSkewThenRefused() {
        JwtDecoder decoder = cached(DEFAULT_JWKS_TTL);
        Instant now = Instant.now();
        this.cacheClock.set(now);
        this.validatorClock.set(now);
        String token = this.realm.accessToken().claim("exp", now.plusSeconds(60)).sign();
        cached(decoder, token);
        VerifiedTokenCache cache = cacheOf(decoder);

        this.cacheClock.set(now.plusSeconds(61));
        this.validatorClock.set(now.plusSeconds(61));
        long missesBefore = cache.misses();
        assertThat(decoder.decode(token).getSubject()).as("past exp but within the 30 s skew").isNotNull();
        assertThat(cache.misses()).isEqualTo(missesBefore + 1);
        assertThat(cache.size()).as("a token past its exp is not cached again").isZero();

        this.cacheClock.set(now.plusSeconds(91));
        this.validatorClock.set(now.plusSeconds(91));
        assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtValidationException.class)
                .hasMessageContaining("Jwt expired at");
    }

    @Test
    void entryWhenTtlShorterThanTokenLifetimeThenVerifiedAgainAfterTtl() {
        JwtDecoder decoder = cached(DEFAULT_JWKS_TTL, 100, Duration.ofMinutes(1));
        Instant now = Instant.now();
        this.cacheClock.set(now);
        String token = this.realm.accessToken().claim("exp", now.plusSeconds(3600)).sign();
        cached(decoder, token);
        VerifiedTokenCache cache = cacheOf(decoder);

        this.cacheClock.set(now.plusSeconds(59));
        decoder.decode(token);
        long misses = cache.misses();
        this.cacheClock.set(now.plusSeconds(61));
        decoder.decode(token);
        assertThat(cache.misses()).isEqualTo(misses + 1);
        assertThat(cache.size()).as("cached again, for another minute").isEqualTo(1);
    }

    @Test
    void decodeWhenTamperedCopyOfCachedTokenThenMissAndRefused() {
        JwtDecoder decoder = cached(DEFAULT_JWKS_TTL);
        TestRealm.Token builder = this.realm.accessToken();
        String token = builder.sign();
        cached(decoder, token);
        VerifiedTokenCache cache = cacheOf(decoder);
        long hits = cache.hits();

        // Same header and signature, payload swapped for more scopes and role admin.
        String[] parts = token.split("\\.");
        String tampered = parts[0] + "." + builder.tampered().split("\\.")[1] + "." + parts[2];
        assertThatThrownBy(() -> decoder.decode(tampered)).isInstanceOf(BadJwtException.class)
                .hasMessageContaining("Invalid signature");
        // One character of the signature changed.
        char last = token.charAt(token.length() - 2);
        String flipped = token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A')
                + token.charAt(token.length() - 1);
        assertThatThrownBy(() -> decoder.decode(flipped)).isInstanceOf(BadJwtException.class);
        // The cached token with something appended.
        assertThatThrownBy(() -> decoder.decode(token + "A")).isInstanceOf(BadJwtException.class);

        assertThat(cache.hits()).isEqualTo(hits);
        assertThat(cache.size()).isEqualTo(1);
        assertThat(decoder.decode(token).getClaimAsString("scope")).doesNotContain("write:posts");
    }

    @Test
    void decodeWhenKeySetFetchedAgainThenEntriesStaleAndTokensOfTheRemovedKeyRefused() {
        JwtDecoder decoder = cached(DEFAULT_JWKS_TTL);
        List<String> oldKeyTokens = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String token = this.realm.accessToken().claim("jti", UUID.randomUUID().toString()).sign();
            cached(decoder, token);
            oldKeyTokens.add(token);
        }
        VerifiedTokenCache cache = cacheOf(decoder);
        assertThat(cache.size()).isEqualTo(3);
        long hitsBefore = cache.hits();

        this.realm.rotate();
        assertThat(decoder.decode(this.realm.accessToken().sign()).getSubject()).isNotNull();

        for (String token : oldKeyTokens) {
            assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(BadJwtException.class)
                    .hasMessageContaining("no matching key(s) found");
        }
        assertThat(cache.hits()).as("the old entries are stale after the refetch").isEqualTo(hitsBefore);
        assertThat(cache.size()).isZero();
    }

    @Test
    void hitWhenSigningKeyRemovedThenRefusedAtTheNextJwksRefreshLikeWithoutCache() {
        VerifiedTokenCache cached = cached(SHORT_JWKS_TTL);
        JwtDecoder uncached = verifierOf(cached);
        String token = this.realm.accessToken().sign();
        cached(cached, token);
        uncached.decode(token);

        this.realm.rotate();
        // Until the 1 s JWKS cache runs out, both still trust the old key; then both refetch and refuse.
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            assertThatThrownBy(() -> cached.decode(token)).isInstanceOf(BadJwtException.class);
            assertThatThrownBy(() -> uncached.decode(token)).isInstanceOf(BadJwtException.class);
        });
        assertThat(cacheOf(cached).size()).isZero();
    }

    @Test
    void hitWhenJwksExpiredAndRealmFailsThenServiceErrorLikeWithoutCache() {
        VerifiedTokenCache cached = cached(SHORT_JWKS_TTL);
        JwtDecoder uncached = verifierOf(cached);
        String token = this.realm.accessToken().sign();
        cached(cached, token);
        uncached.decode(token);

        this.realm.failJwks(true);
        // Once the 1 s JWKS cache runs out, both must refetch, fail, and say so as a service error (503), not 401.
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            for (JwtDecoder decoder : List.of(cached, uncached)) {
                assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtException.class)
                        .isNotInstanceOf(BadJwtException.class)
                        .hasMessageStartingWith("An error occurred while attempting to decode the Jwt: ");
            }
        });
        this.realm.failJwks(false);
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .ignoreExceptionsInstanceOf(JwtException.class)
                .untilAsserted(() -> assertThat(cached.decode(token).getSubject()).isNotNull());
    }

    @Test
    void constructorWhenTtlNotPositiveOrNoEntriesThenRefused() {
        JwtDecoder verifier = token -> {
            throw new UnsupportedOperationException();
        };
        assertThatThrownBy(() -> new VerifiedTokenCache(verifier, jwt -> OAuth2TokenValidatorResult.success(),
                () -> 1, 10, Duration.ZERO, Clock.systemUTC())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new VerifiedTokenCache(verifier, jwt -> OAuth2TokenValidatorResult.success(),
                () -> 1, 0, Duration.ofMinutes(5), Clock.systemUTC())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hitWhenNestedClaimsThenUnmodifiable() {
        JwtDecoder decoder = cached(DEFAULT_JWKS_TTL);
        String token = this.realm.accessToken().sign();
        cached(decoder, token);

        Jwt hit = decoder.decode(token);
        Map<String, Object> realmAccess = hit.getClaim("realm_access");
        @SuppressWarnings("unchecked")
        List<Object> roles = (List<Object>) realmAccess.get("roles");
        assertThatThrownBy(() -> roles.add("admin")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> realmAccess.put("roles", List.of("admin")))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(hit.getClaimAsStringList("aud")).contains("demo-api");
    }

    // ---- the cache alone, with a fake verifier

    @Test
    void decodeWhenTokensEndAlikeThenStillTellsThemApart() {
        Fixture f = new Fixture(10);
        String tail = "." + "s".repeat(100) + ".";
        f.cache.decode("a" + tail + 1);
        f.cache.decode("b" + tail + 1);
        f.cache.decode("a" + tail + 1);
        f.cache.decode("b" + tail + 1);
        assertThat(f.cache.size()).isEqualTo(2);
        assertThat(f.cache.hits()).isEqualTo(2);
        assertThat(f.verifications.get()).isEqualTo(2);
    }

    @Test
    void decodeWhenKeySetChangesDuringVerificationThenTokenNotCached() {
        Fixture f = new Fixture(10);
        f.duringVerification = f::changeKeySet;
        f.cache.decode(Fixture.token(1));
        assertThat(f.cache.size()).isZero();

        f.duringVerification = () -> {
        };
        f.cache.decode(Fixture.token(1));
        f.cache.decode(Fixture.token(1));
        assertThat(f.cache.hits()).isEqualTo(1);
        assertThat(f.verifications.get()).isEqualTo(2);
    }

    @Test
    void hitWhenKeySetFetchedAgainThenMiss() {
        Fixture f = new Fixture(10);
        f.cache.decode(Fixture.token(1));
        f.changeKeySet();
        f.cache.decode(Fixture.token(1));
        assertThat(f.cache.hits()).isZero();
        assertThat(f.verifications.get()).isEqualTo(2);
    }

    @Test
    void decodeWhenNoFreshKeySetThenNeverAHit() {
        Fixture f = new Fixture(10);
        f.cache.decode(Fixture.token(1));
        f.keySetGeneration.set(-1);
        f.cache.decode(Fixture.token(1));
        f.cache.decode(Fixture.token(1));
        assertThat(f.cache.hits()).isZero();
        assertThat(f.cache.size()).isZero();
    }

    @Test
    void putWhenManyDistinctTokensThenNeverMoreThanMaxEntriesAndNewTokensStillCached() {
        Fixture f = new Fixture(100);
        for (int i = 0; i < 5_000; i++) {
            f.cache.decode(Fixture.token(i));
            assertThat(f.cache.size()).isLessThanOrEqualTo(100);
        }
        f.cache.decode(Fixture.token(4_999));
        assertThat(f.cache.hits()).as("the newest token survived the sweeps").isEqualTo(1);
    }

    @Test
    void decodeWhenConcurrentWithEvictionAndKeySetChangesThenEveryCallerGetsItsOwnClaims() throws Exception {
        Fixture f = new Fixture(32);
        int threads = 8;
        int callsPerThread = 20_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
        AtomicInteger maxSeen = new AtomicInteger();
        AtomicBoolean done = new AtomicBoolean();
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int seed = t;
                workers.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < callsPerThread; i++) {
                        int n = (i * 31 + seed * 7) % 64;
                        Jwt jwt = f.cache.decode(Fixture.token(n));
                        assertThat(jwt.getSubject()).isEqualTo("user-" + n);
                        assertThat(jwt.getTokenValue()).isEqualTo(Fixture.token(n));
                        // The reservation counter is exact; ConcurrentHashMap.size() is a non-atomic sum of counter
                        // cells that a preempted reader can over-count under churn, so it cannot show the bound here.
                        maxSeen.accumulateAndGet(f.cache.reservedSlots(), Math::max);
                    }
                    return null;
                }));
            }
            Future<?> rotator = pool.submit(() -> {
                start.await();
                while (!done.get()) {
                    f.changeKeySet();
                    Thread.sleep(5);
                }
                return null;
            });
            start.countDown();
            for (Future<?> worker : workers) {
                worker.get(2, TimeUnit.MINUTES);
            }
            done.set(true);
            rotator.get(1, TimeUnit.MINUTES);
        }
        finally {
            pool.shutdownNow();
        }
        assertThat(maxSeen.get()).isLessThanOrEqualTo(32);
        assertThat(f.cache.size()).isLessThanOrEqualTo(32);
        assertThat(f.cache.size()).as("at rest, every entry holds exactly one reservation")
                .isEqualTo(f.cache.reservedSlots());
        assertThat(f.cache.hits()).isPositive();
        assertThat(f.cache.hits() + f.cache.misses()).isEqualTo((long) threads * callsPerThread);
        // Entries left from before the last change are stale: the next decode of each is a miss, never a stale hit.
        long misses = f.cache.misses();
        f.changeKeySet();
        for (int n = 0; n < 64; n++) {
            f.cache.decode(Fixture.token(n));
        }
        assertThat(f.cache.misses()).isEqualTo(misses + 64);
    }

    /**
     * Heap per entry with Keycloak-shaped claims (header + 17 claims, nested realm_access) and a token of 1,282
     * characters, the size of the demo realm's access tokens: measured around 10,000 entries. The bound is generous;
     * the figure itself is printed for docs/demo-api.md.
     */
    @Test
    void memoryWhenFullThenAFewKilobytesPerEntry() {
        Map<String, Object> claims = this.realm.accessToken().claims().toJSONObject();
        int entries = 10_000;
        Fixture f = new Fixture(entries, token -> {
            Jwt.Builder builder = Jwt.withTokenValue(token).header("alg", "RS256").header("typ", "JWT")
                    .header("kid", UUID.randomUUID().toString());
            // Fresh strings per token, as each real token brings its own.
            claims.forEach((name, value) -> builder.claim(name, value instanceof String s ? new String(s) : value));
            return builder.claim("jti", UUID.randomUUID().toString())
                    .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(300)).build();
        });
        long before = usedHeapAfterGc();
        String padding = "x".repeat(1270);
        for (int i = 0; i < entries; i++) {
            f.cache.decode(padding + String.format(".%010d", i));
        }
        long after = usedHeapAfterGc();
        assertThat(f.cache.size()).isEqualTo(entries);
        long perEntry = (after - before) / entries;
        System.out.printf("VerifiedTokenCache: about %d bytes per entry (%d entries, %.1f MB)%n", perEntry, entries,
                (after - before) / 1e6);
        assertThat(perEntry).isLessThan(16 * 1024);
    }

    // ---- helpers

    private VerifiedTokenCache cached(Duration jwksTtl) {
        return cached(jwksTtl, 10_000, Duration.ofMinutes(5));
    }

    /**
     * The fast path's decoder as {@link FastPathConfiguration} builds it (the same builder, JWK set cache and
     * validator composition as Spring Boot), the cache's clock and the exp/nbf validator's clock under test control.
     */
    @SafeVarargs
    private VerifiedTokenCache cached(Duration jwksTtl, int maxEntries, Duration ttl,
            OAuth2TokenValidator<Jwt>... extraValidators) {
        RateLimitedJwkSetCache keys = new RateLimitedJwkSetCache(jwksTtl, Duration.ofMillis(500), Clock.systemUTC());
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>(List.of(timestamps(),
                new JwtClaimValidator<Object>("typ", "Bearer"::equals)));
        validators.addAll(List.of(extraValidators));
        OAuth2TokenValidator<Jwt> validator = FastPathConfiguration.validator(this.realm.issuer(),
                List.of(TestRealm.AUDIENCE), validators);
        NimbusJwtDecoder verifier = NimbusJwtDecoder.withJwkSetUri(this.realm.jwkSetUri()).cache(keys)
                .jwsAlgorithm(SignatureAlgorithm.RS256).build();
        verifier.setJwtValidator(validator);
        return new VerifiedTokenCache(verifier, validator, keys::freshGeneration, maxEntries, ttl, this.cacheClock);
    }

    /** The same decoder without the cache in front. */
    private static JwtDecoder verifierOf(VerifiedTokenCache cache) {
        return cache.verifier();
    }

    private JwtTimestampValidator timestamps() {
        JwtTimestampValidator validator = new JwtTimestampValidator(CLOCK_SKEW);
        validator.setAllowEmptyExpiryClaim(false);
        validator.setClock(this.validatorClock);
        return validator;
    }

    /** Decodes {@code token} until it is a hit (the very first token of a decoder is verified but not cached). */
    private static void cached(JwtDecoder decoder, String token) {
        decoder.decode(token);
        VerifiedTokenCache cache = cacheOf(decoder);
        long hits = cache.hits();
        decoder.decode(token);
        if (cache.hits() == hits) {
            decoder.decode(token);
        }
        assertThat(cache.hits()).as("token cached").isGreaterThan(hits);
    }

    private static VerifiedTokenCache cacheOf(JwtDecoder decoder) {
        return (VerifiedTokenCache) decoder;
    }

    private static long usedHeapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }

    /** A cache over a fake verifier ({@code tok.<n>} → subject {@code user-<n>}) and a key-set generation to move. */
    private static final class Fixture {

        final AtomicInteger verifications = new AtomicInteger();
        final AtomicLong keySetGeneration = new AtomicLong(1);
        final VerifiedTokenCache cache;
        volatile Runnable duringVerification = () -> {
        };

        Fixture(int maxEntries) {
            this(maxEntries, token -> Jwt.withTokenValue(token).header("alg", "RS256")
                    .subject("user-" + token.substring(token.lastIndexOf('.') + 1))
                    .expiresAt(Instant.now().plusSeconds(300)).build());
        }

        Fixture(int maxEntries, JwtDecoder content) {
            JwtDecoder verifier = token -> {
                this.verifications.incrementAndGet();
                this.duringVerification.run();
                return content.decode(token);
            };
            this.cache = new VerifiedTokenCache(verifier, jwt -> OAuth2TokenValidatorResult.success(),
                    this.keySetGeneration::get, maxEntries, Duration.ofMinutes(5), Clock.systemUTC());
        }

        static String token(int n) {
            return "tok.payload." + n;
        }

        /** The decoder fetched the realm's JWK set again. */
        void changeKeySet() {
            this.keySetGeneration.incrementAndGet();
        }
    }

    private static final class MutableClock extends Clock {

        private volatile Instant now = Instant.now();

        void set(Instant instant) {
            this.now = instant;
        }

        @Override
        public Instant instant() {
            return this.now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
