package dev.legacybridge.api.config;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Numbers the contents of the realm's JWK set: sits between Nimbus's {@code CachingJWKSetSource} and the
 * {@code JWKSetBasedJWKSource} that selects verification keys, so every set a signature check uses passes through
 * {@link #getJWKSet} first. Whenever a set's content (the JSON of all its keys) differs from the last one seen, the
 * epoch goes up by one and the change listener runs ({@link VerifiedTokenCache#clear()}).
 *
 * <p>What {@link VerifiedTokenCache} builds on:
 * <ul>
 * <li>the epoch only grows, and each value stands for exactly one key-set content;
 * <li>a set is numbered before any signature check can use it (it is numbered on its way out of the cache layer);
 * <li>{@link #currentEpoch()} asks the cache layer exactly as a decode does ({@code noRefresh} evaluator, the current
 * time), so an expired set is re-fetched there, and a realm that is down after the cache TTL fails there too.
 * </ul>
 */
final class KeySetEpochs implements JWKSetSource<SecurityContext> {

    private static final Logger log = LoggerFactory.getLogger(KeySetEpochs.class);

    private final JWKSetSource<SecurityContext> source;
    private volatile Observed last = new Observed(null, Set.of(), List.of(), 0);
    private volatile Runnable onChange = () -> {
    };

    KeySetEpochs(JWKSetSource<SecurityContext> source) {
        this.source = Objects.requireNonNull(source);
    }

    /** Runs, in the thread that saw the new set, after the epoch went up. */
    void onChange(Runnable listener) {
        this.onChange = Objects.requireNonNull(listener);
    }

    @Override
    public JWKSet getJWKSet(JWKSetCacheRefreshEvaluator refreshEvaluator, long currentTime,
            @Nullable SecurityContext context) throws KeySourceException {
        JWKSet set = this.source.getJWKSet(refreshEvaluator, currentTime, context);
        observe(set);
        return set;
    }

    /**
     * The epoch of the set a decode would verify with right now. Consults the source like a decode: loads the set on
     * first use and again once the cache TTL has passed, and fails like a decode when that is not possible.
     */
    long currentEpoch() throws KeySourceException {
        return observe(getJWKSet(JWKSetCacheRefreshEvaluator.noRefresh(), System.currentTimeMillis(), null));
    }

    /** The epoch of the last set seen, without asking the source (0 before the first set). */
    long lastEpoch() {
        return this.last.epoch();
    }

    private long observe(JWKSet set) {
        Observed seen = this.last;
        if (seen.instance() == set) {
            return seen.epoch();
        }
        Observed changed;
        synchronized (this) {
            seen = this.last;
            if (seen.instance() == set) {
                return seen.epoch();
            }
            Set<Map<String, Object>> content = new HashSet<>();
            List<String> kids = set.getKeys().stream().map(JWK::getKeyID).map(String::valueOf).sorted().toList();
            for (JWK key : set.getKeys()) {
                content.add(key.toJSONObject());
            }
            if (content.equals(seen.content())) {
                // Same keys, refetched after the TTL: nothing verified before becomes doubtful.
                this.last = new Observed(set, seen.content(), seen.kids(), seen.epoch());
                return seen.epoch();
            }
            changed = new Observed(set, content, kids, seen.epoch() + 1);
            this.last = changed;
        }
        if (seen.instance() != null) {
            log.info("The realm's JWK set changed (kids {} -> {})", new TreeSet<>(seen.kids()), kids(changed));
        }
        this.onChange.run();
        return changed.epoch();
    }

    private static Set<String> kids(Observed observed) {
        return new TreeSet<>(observed.kids());
    }

    @Override
    public void close() throws IOException {
        this.source.close();
    }

    private record Observed(@Nullable JWKSet instance, Set<Map<String, Object>> content, List<String> kids,
            long epoch) {
    }
}
