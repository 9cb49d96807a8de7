package dev.legacybridge.api.fastpath;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.util.StringUtils;

/**
 * A bounded cache of access tokens whose signature was verified, in front of the realm's Nimbus decoder. A hit skips
 * only the parsing and the RS256 verification; everything else happens on every use.
 *
 * <ul>
 * <li><b>Key</b>: the token string itself (equality over the whole token; the hash is taken from its last 64
 * characters, which lie in the signature and so differ between tokens). The value is the verified {@link Jwt},
 * built once with its nested JSON frozen, since a hit hands the same object to every request with that token. So the
 * cache holds the tokens themselves, for at most {@code ttl}: the price of not hashing or rebuilding anything on a
 * hit. One token has one spelling only (the bearer token resolver refuses the others), so each token is one entry.
 * <li><b>Every use</b>: the whole validator chain (header {@code typ}, {@code exp}/{@code nbf} with the clock skew,
 * {@code iss}, {@code aud}, body {@code typ} = Bearer, identifies a user, any other validator bean) runs on a hit
 * exactly as after a full decode, with the same {@link JwtValidationException} messages. An expired token is refused
 * at once.
 * <li><b>Only verified tokens enter</b>: a token is cached after it passed the full decode, so a forged or tampered
 * token (other bytes, other hash) is a miss and fails the signature check as before, and cannot fill the cache.
 * <li><b>Entry lifetime</b>: until the token's {@code exp}, and at most {@code ttl} after it was verified; a token
 * already past {@code exp} (accepted within the clock skew) is not cached.
 * <li><b>Signing keys</b>: every successful fetch of the realm's JWK set has a generation number
 * ({@code RateLimitedJwkSetCache.freshGeneration()}), and an entry remembers the generation it was verified under. A
 * hit is served only while that generation is still the current one and within the JWK set cache's time-to-live;
 * otherwise the token goes through the full decode, which fetches the set again (or fails with 503 when the realm is
 * unreachable), exactly as without this cache. So a key the realm stops publishing stops being trusted at the next
 * JWK set fetch, as before. A token verified while the set was fetched again is not cached.
 * <li><b>Bound</b>: at most {@code maxEntries} entries, strictly (a reservation counter next to the
 * {@link ConcurrentHashMap}). When full, one thread at a time drops expired and stale entries and, if that is not
 * enough, the tenth of the entries closest to their deadline; a thread that finds the cache full while another one
 * sweeps simply does not cache its token this time. Reads never block.
 * </ul>
 */
final class VerifiedTokenCache implements JwtDecoder {

    private static final String DECODING_ERROR_MESSAGE_TEMPLATE =
            "An error occurred while attempting to decode the Jwt: %s";
    /** How many trailing characters the key hash covers: a part of the signature in a signed JWT. */
    private static final int HASHED_SUFFIX = 64;

    private final JwtDecoder verifier;
    private final OAuth2TokenValidator<Jwt> validator;
    private final LongSupplier keySetGeneration;
    private final int maxEntries;
    private final long ttlMillis;
    private final Clock clock;
    private final ConcurrentHashMap<Key, Entry> entries;
    /** Entries in the map plus insertions under way; never above {@link #maxEntries}. */
    private final AtomicInteger reserved = new AtomicInteger();
    private final ReentrantLock sweeping = new ReentrantLock();
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    /**
     * @param verifier the full decoder (parse, signature, claim conversion, {@code validator})
     * @param validator the same validator the verifier applies, re-run on every hit
     * @param keySetGeneration the generation of the JWK set the verifier would use now, -1 if it has none that is
     *         still fresh; a new generation for every set it fetches
     */
    VerifiedTokenCache(JwtDecoder verifier, OAuth2TokenValidator<Jwt> validator, LongSupplier keySetGeneration,
            int maxEntries, Duration ttl, Clock clock) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1");
        }
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive");
        }
        this.verifier = verifier;
        this.validator = validator;
        this.keySetGeneration = keySetGeneration;
        this.maxEntries = maxEntries;
        this.ttlMillis = ttl.toMillis();
        this.clock = clock;
        this.entries = new ConcurrentHashMap<>(Math.min(maxEntries, 1024));
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Key key = new Key(token);
        Entry entry = this.entries.get(key);
        if (entry != null) {
            if (this.clock.millis() < entry.deadline() && entry.generation() == this.keySetGeneration.getAsLong()) {
                this.hits.increment();
                return validate(entry.jwt());
            }
            remove(key, entry);
        }
        this.misses.increment();
        long generationBefore = this.keySetGeneration.getAsLong();
        Jwt jwt = this.verifier.decode(token);
        long generationAfter = this.keySetGeneration.getAsLong();
        if (generationBefore == generationAfter && generationAfter > 0) {
            // The key set was not fetched again while this token was verified: it was verified with this one.
            put(key, jwt, generationAfter);
        }
        return jwt;
    }

    /** Empties the cache. */
    void clear() {
        this.entries.forEach(this::remove);
    }

    int size() {
        return this.entries.size();
    }

    /** Entries plus insertions under way: exact at every instant, and never above {@link #maxEntries}. */
    int reservedSlots() {
        return this.reserved.get();
    }

    long hits() {
        return this.hits.sum();
    }

    long misses() {
        return this.misses.sum();
    }

    int maxEntries() {
        return this.maxEntries;
    }

    /** The decoder behind the cache. */
    JwtDecoder verifier() {
        return this.verifier;
    }

    /** What {@code NimbusJwtDecoder.validateJwt} does after a full decode. */
    private Jwt validate(Jwt jwt) {
        OAuth2TokenValidatorResult result = this.validator.validate(jwt);
        if (result.hasErrors()) {
            Collection<OAuth2Error> errors = result.getErrors();
            for (OAuth2Error error : errors) {
                if (StringUtils.hasLength(error.getDescription())) {
                    throw new JwtValidationException(
                            String.format(DECODING_ERROR_MESSAGE_TEMPLATE, error.getDescription()), errors);
                }
            }
            throw new JwtValidationException("Unable to validate Jwt", errors);
        }
        return jwt;
    }

    private void put(Key key, Jwt jwt, long generation) {
        Instant expiresAt = jwt.getExpiresAt();
        if (expiresAt == null) {
            return;
        }
        long now = this.clock.millis();
        long deadline = Math.min(expiresAt.toEpochMilli(), now + this.ttlMillis);
        if (deadline <= now) {
            return;
        }
        if (!reserve()) {
            sweep(now);
            if (!reserve()) {
                return;
            }
        }
        Jwt frozen = new Jwt(jwt.getTokenValue(), jwt.getIssuedAt(), expiresAt, freezeMap(jwt.getHeaders()),
                freezeMap(jwt.getClaims()));
        Entry entry = new Entry(frozen, deadline, generation);
        Entry previous = this.entries.putIfAbsent(key, entry);
        if (previous != null) {
            this.reserved.decrementAndGet();
            this.entries.replace(key, previous, entry);
        }
    }

    private boolean reserve() {
        while (true) {
            int n = this.reserved.get();
            if (n >= this.maxEntries) {
                return false;
            }
            if (this.reserved.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    private void remove(Key key, Entry entry) {
        if (this.entries.remove(key, entry)) {
            this.reserved.decrementAndGet();
        }
    }

    /** Drops expired and stale entries; then, if still above 90 %, the entries closest to their deadline. */
    private void sweep(long now) {
        if (!this.sweeping.tryLock()) {
            return;
        }
        try {
            long generation = this.keySetGeneration.getAsLong();
            List<Map.Entry<Key, Entry>> live = new ArrayList<>();
            for (Map.Entry<Key, Entry> e : this.entries.entrySet()) {
                if (e.getValue().deadline() <= now || e.getValue().generation() != generation) {
                    remove(e.getKey(), e.getValue());
                }
                else {
                    live.add(e);
                }
            }
            int keep = this.maxEntries - Math.max(1, this.maxEntries / 10);
            if (live.size() > keep) {
                live.sort(Comparator.comparingLong(e -> e.getValue().deadline()));
                for (Map.Entry<Key, Entry> e : live.subList(0, live.size() - keep)) {
                    remove(e.getKey(), e.getValue());
                }
            }
        }
        finally {
            this.sweeping.unlock();
        }
    }

    private static Map<String, Object> freezeMap(Map<String, Object> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((name, value) -> copy.put(name, freeze(value)));
        return Collections.unmodifiableMap(copy);
    }

    /** JSON values as unmodifiable copies: a hit hands the same objects to every request with that token. */
    private static @Nullable Object freeze(@Nullable Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((name, nested) -> copy.put(name, freeze(nested)));
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(nested -> copy.add(freeze(nested)));
            return Collections.unmodifiableList(copy);
        }
        if (value instanceof Set<?> set) {
            Set<Object> copy = new LinkedHashSet<>();
            set.forEach(nested -> copy.add(freeze(nested)));
            return Collections.unmodifiableSet(copy);
        }
        if (value instanceof Collection<?> collection) {
            List<Object> copy = new ArrayList<>(collection.size());
            collection.forEach(nested -> copy.add(freeze(nested)));
            return Collections.unmodifiableList(copy);
        }
        return value;
    }

    /** A verified token, until {@code deadline}, verified with the JWK set of {@code generation}. */
    private record Entry(Jwt jwt, long deadline, long generation) {
    }

    /** The token, compared whole, hashed over its last characters. */
    private record Key(String token) {

        @Override
        public int hashCode() {
            int end = this.token.length();
            int hash = 0;
            for (int i = Math.max(0, end - HASHED_SUFFIX); i < end; i++) {
                hash = 31 * hash + this.token.charAt(i);
            }
            return hash;
        }

        @Override
        public boolean equals(@Nullable Object other) {
            return other instanceof Key key && key.token.equals(this.token);
        }

        @Override
        public String toString() {
            return "Key[token]";
        }
    }
}
