package dev.legacybridge.api.config;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.cache.Cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The JWK set cache on its own, with a hand-moved clock and a counting loader (the decoder's JWK set fetch). */
class RateLimitedJwkSetCacheTest {

    private static final String URI = "http://localhost/realms/demo/protocol/openid-connect/certs";
    private static final Duration TTL = Duration.ofMinutes(5);
    private static final Duration INTERVAL = Duration.ofSeconds(30);

    private final MovableClock clock = new MovableClock();
    private final RateLimitedJwkSetCache cache = new RateLimitedJwkSetCache(TTL, INTERVAL, this.clock);
    private final AtomicInteger fetches = new AtomicInteger();
    private final Callable<String> fetch = () -> "set-" + this.fetches.incrementAndGet();

    @Test
    void getWhenEmptyThenFetchesOnceAndAnswersFromTheCacheAfterwards() {
        assertThat(this.cache.get(URI, String.class)).isNull();
        assertThat(this.cache.freshGeneration()).isEqualTo(-1);

        assertThat(this.cache.get(URI, this.fetch)).isEqualTo("set-1");
        assertThat(this.cache.get(URI, this.fetch)).isEqualTo("set-1");

        assertThat(this.fetches).hasValue(1);
        assertThat(this.cache.get(URI, String.class)).isEqualTo("set-1");
        assertThat(this.cache.freshGeneration()).isEqualTo(1);
    }

    @Test
    void getWhenTimeToLivePassedThenFetchesAgainWithANewGeneration() {
        this.cache.get(URI, this.fetch);
        this.clock.advance(TTL.minusMillis(1));
        assertThat(this.cache.get(URI, this.fetch)).isEqualTo("set-1");

        this.clock.advance(Duration.ofMillis(1));
        assertThat(this.cache.freshGeneration()).isEqualTo(-1);
        assertThat(this.cache.get(URI, this.fetch)).isEqualTo("set-2");
        assertThat(this.cache.freshGeneration()).isEqualTo(2);
    }

    @Test
    void invalidateWhenUnknownKidsBurstThenOneRefetchPerInterval() {
        this.cache.get(URI, this.fetch);

        for (int i = 0; i < 100; i++) {
            this.cache.invalidate();
            this.cache.get(URI, this.fetch);
            this.clock.advance(Duration.ofMillis(100));
        }
        // 100 unknown kids over 10 s: the first one refetched, the other 99 were answered from the cached set.
        assertThat(this.fetches).hasValue(2);

        this.clock.advance(INTERVAL);
        assertThat(this.cache.invalidate()).isTrue();
        assertThat(this.cache.get(URI, this.fetch)).isEqualTo("set-3");
        assertThat(this.cache.invalidate()).isFalse();
        assertThat(this.cache.get(URI, this.fetch)).isEqualTo("set-3");
    }

    @Test
    void getWhenRefetchFailsWithinTimeToLiveThenTheCachedSetStaysInUse() {
        this.cache.get(URI, this.fetch);
        this.cache.invalidate();

        assertThat(this.cache.get(URI, failing())).isEqualTo("set-1");
        assertThat(this.cache.get(URI, failing())).as("no second attempt until the next unknown kid")
                .isEqualTo("set-1");
        assertThat(this.cache.freshGeneration()).isEqualTo(1);
    }

    @Test
    void getWhenFetchFailsWithoutAUsableSetThenValueRetrievalExceptionAndTriedAgainNextTime() {
        assertThatThrownBy(() -> this.cache.get(URI, failing()))
                .isInstanceOf(Cache.ValueRetrievalException.class)
                .hasRootCauseInstanceOf(IOException.class);

        assertThat(this.cache.get(URI, this.fetch)).isEqualTo("set-1");

        this.clock.advance(TTL);
        assertThatThrownBy(() -> this.cache.get(URI, failing())).isInstanceOf(Cache.ValueRetrievalException.class);
    }

    @Test
    void getWhenOtherKeyThenFetched() {
        this.cache.get(URI, this.fetch);

        assertThat(this.cache.get("http://elsewhere/certs", this.fetch)).isEqualTo("set-2");
    }

    @Test
    void constructorWhenTimeToLiveNotPositiveThenRefused() {
        assertThatThrownBy(() -> new RateLimitedJwkSetCache(Duration.ZERO, INTERVAL, this.clock))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Callable<String> failing() {
        return () -> {
            throw new IOException("Connection refused");
        };
    }

    private static final class MovableClock extends Clock {

        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration duration) {
            this.now = this.now.plus(duration);
        }

        @Override
        public Instant instant() {
            return this.now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
