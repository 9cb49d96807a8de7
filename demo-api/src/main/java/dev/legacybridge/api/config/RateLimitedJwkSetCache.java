package dev.legacybridge.api.config;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cache.Cache;
import org.springframework.cache.support.SimpleValueWrapper;

/**
 * The cache of the realm's JWK set that Spring Security's decoder is given
 * ({@code NimbusJwtDecoder.JwkSetUriJwtDecoderBuilder.cache}), with a limit on refetches.
 *
 * <p>Why: Spring Security 7.0 builds its JWK source with Nimbus's rate limit switched off, so every token whose
 * {@code kid} is not in the cached set makes the decoder fetch the JWK set again. A client sending tokens with random
 * {@code kid}s would turn each of its requests into a request to Keycloak, on a request thread. Nimbus itself, the
 * OpenID Connect "rotate signing keys" advice and most other JOSE libraries limit that refetch; this class does it
 * through the one extension point Spring Security offers, its {@link Cache}.
 *
 * <p>How the decoder uses a {@link Cache}: it reads the set's JSON with {@link #get(Object, Callable)}, and when a
 * {@code kid} is unknown it calls {@link #invalidate()} first, then reads again. So:
 * <ul>
 * <li>{@link #get(Object, Callable)} answers from the cache while the set is younger than {@code timeToLive} and no
 * refetch is pending, and fetches otherwise;</li>
 * <li>{@link #invalidate()} (an unknown {@code kid}) asks for a refetch at most once per {@code minRefreshInterval};
 * further requests within the interval are ignored, so such a token is answered from the cached set: no matching key,
 * 401. A rotated signing key is therefore accepted at once, except right after a burst of unknown kids, when it may be
 * refused for at most one interval;</li>
 * <li>a refetch that fails while the cached set is still within {@code timeToLive} keeps that set in use (known keys
 * keep working while Keycloak is briefly unreachable); a fetch that fails with no usable set fails the decode, which
 * the API answers with 503.</li>
 * </ul>
 * Every successful fetch gets a new {@link #freshGeneration() generation} number; the opt-in verified-token cache
 * ({@code fastpath.VerifiedTokenCache}) serves a token only under the generation it was verified with.
 */
public final class RateLimitedJwkSetCache implements Cache {

    private static final Logger log = LoggerFactory.getLogger(RateLimitedJwkSetCache.class);

    private final Duration timeToLive;
    private final Duration minRefreshInterval;
    private final Clock clock;
    private volatile @Nullable Entry entry;
    /** When the last refetch was granted; {@code Long.MIN_VALUE / 2}: never. */
    private long lastRefetchGranted = Long.MIN_VALUE / 2;
    private long generations;

    public RateLimitedJwkSetCache(Duration timeToLive, Duration minRefreshInterval, Clock clock) {
        if (timeToLive.isNegative() || timeToLive.isZero()) {
            throw new IllegalArgumentException("The JWK set cache time-to-live must be positive");
        }
        this.timeToLive = timeToLive;
        this.minRefreshInterval = minRefreshInterval;
        this.clock = clock;
    }

    @Override
    public String getName() {
        return "jwk-set";
    }

    @Override
    public Object getNativeCache() {
        return this;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> @Nullable T get(Object key, Callable<T> valueLoader) {
        long now = this.clock.millis();
        Entry current = this.entry;
        if (current != null && current.usable(key, now) && !current.refetchRequested()) {
            return (T) current.value();
        }
        synchronized (this) {
            current = this.entry;
            if (current != null && current.usable(key, now) && !current.refetchRequested()) {
                return (T) current.value();
            }
            T value;
            try {
                value = valueLoader.call();
            }
            catch (Exception ex) {
                if (current != null && current.usable(key, now)) {
                    log.warn("Could not fetch the JWK set from [{}] again, keeping the cached one: {}", key,
                            ex.getMessage());
                    this.entry = current.withRefetchRequested(false);
                    return (T) current.value();
                }
                log.warn("Could not fetch the JWK set from [{}]: {}", key, ex.getMessage());
                throw new ValueRetrievalException(key, valueLoader, ex);
            }
            this.generations++;
            this.entry = new Entry(key, value, now + this.timeToLive.toMillis(), this.generations, false);
            log.debug("Fetched JWK set from [{}] (generation {})", key, this.generations);
            return value;
        }
    }

    /**
     * A {@code kid} was not found in the cached set: ask for a refetch, unless one was granted less than
     * {@code minRefreshInterval} ago.
     *
     * @return whether the next read fetches the set again
     */
    @Override
    public synchronized boolean invalidate() {
        Entry current = this.entry;
        if (current == null || current.refetchRequested()) {
            return true;
        }
        long now = this.clock.millis();
        if (now - this.lastRefetchGranted < this.minRefreshInterval.toMillis()) {
            log.debug("Unknown kid: JWK set refetch refused, the last one was less than {} ago",
                    this.minRefreshInterval);
            return false;
        }
        this.lastRefetchGranted = now;
        this.entry = current.withRefetchRequested(true);
        return true;
    }

    @Override
    public void clear() {
        invalidate();
    }

    @Override
    public void evict(Object key) {
        invalidate();
    }

    @Override
    public @Nullable ValueWrapper get(Object key) {
        Entry current = this.entry;
        return current != null && current.usable(key, this.clock.millis())
                ? new SimpleValueWrapper(current.value()) : null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> @Nullable T get(Object key, @Nullable Class<T> type) {
        ValueWrapper wrapper = get(key);
        Object value = wrapper != null ? wrapper.get() : null;
        if (value != null && type != null && !type.isInstance(value)) {
            throw new IllegalStateException("Cached JWK set is not of type " + type.getName());
        }
        return (T) value;
    }

    @Override
    public synchronized void put(Object key, @Nullable Object value) {
        if (value != null) {
            this.generations++;
            this.entry = new Entry(key, value, this.clock.millis() + this.timeToLive.toMillis(), this.generations,
                    false);
        }
    }

    /**
     * The generation of the set a decode would verify with right now, or {@code -1} when the cache has no set within
     * its time-to-live (then the next decode fetches one). Generations only grow.
     */
    public long freshGeneration() {
        Entry current = this.entry;
        return current != null && this.clock.millis() < current.expiresAt() ? current.generation() : -1;
    }

    private record Entry(Object key, Object value, long expiresAt, long generation, boolean refetchRequested) {

        boolean usable(Object requested, long now) {
            return now < this.expiresAt && Objects.equals(this.key, requested);
        }

        Entry withRefetchRequested(boolean requested) {
            return new Entry(this.key, this.value, this.expiresAt, this.generation, requested);
        }
    }
}
