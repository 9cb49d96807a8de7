package dev.legacybridge.keycloak.metrics;

import dev.legacybridge.store.QueryObserver;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.AgroalDataSourceMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * {@link ComponentMetrics} on a Micrometer registry. Meters are looked up by name and labels on first use and kept, so
 * a hot path (a statement, a login) costs a map lookup and an increment.
 */
final class MicrometerComponentMetrics implements ComponentMetrics {

    /**
     * Histogram buckets of legacy statements: a primary-key lookup takes well under a millisecond, a count of a million
     * rows tens of milliseconds, a statement held up by an exhausted pool up to the connect timeout.
     */
    private static final Duration[] QUERY_BUCKETS = {
        Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
        Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};

    /** Batch buckets: 500 users take from a few hundred milliseconds to a few seconds. */
    private static final Duration[] BATCH_BUCKETS = {
        Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30),
        Duration.ofSeconds(60)};

    private final MeterRegistry registry;
    private final Tags tags;
    private final Map<List<String>, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> queryTimers = new ConcurrentHashMap<>();
    private final List<Meter> poolGauges = new CopyOnWriteArrayList<>();
    private final Timer batchTimer;

    MicrometerComponentMetrics(MeterRegistry registry, String realm, String component) {
        this.registry = registry;
        this.tags = Tags.of(MeterNames.REALM, realm, MeterNames.COMPONENT, component);
        this.batchTimer = Timer.builder(MeterNames.BULK_BATCH)
                .description("Time per bulk-migration batch")
                .serviceLevelObjectives(BATCH_BUCKETS)
                .tags(tags)
                .register(registry);
    }

    /** A counter of this component with two more labels, created on first use. */
    private Counter counter(String name, String description, String k1, String v1, String k2, String v2) {
        return counters.computeIfAbsent(List.of(name, v1, v2 == null ? "" : v2), key -> {
            Counter.Builder builder = Counter.builder(name).description(description).tags(tags).tag(k1, v1);
            if (k2 != null) {
                builder.tag(k2, v2);
            }
            return builder.register(registry);
        });
    }

    @Override
    public void credentialCheck(String scheme, String outcome) {
        counter(MeterNames.CREDENTIAL_CHECKS, "Password checks against a legacy hash", "scheme",
                scheme == null ? "unknown" : scheme, "outcome", outcome).increment();
    }

    @Override
    public QueryObserver queryObserver() {
        return (operation, nanos, failed) -> {
            queryTimers.computeIfAbsent(operation, op -> Timer.builder(MeterNames.DB_QUERY)
                            .description("Statements against the legacy table, from borrowing a connection to the last row")
                            .serviceLevelObjectives(QUERY_BUCKETS)
                            .tags(tags).tag("operation", op)
                            .register(registry))
                    .record(nanos, TimeUnit.NANOSECONDS);
            // Registered with the operation's first statement, failed or not: a counter that is born at 1 loses that
            // first error to Prometheus's rate() and increase(), which need a previous sample.
            Counter errors = counter(MeterNames.DB_ERRORS, "Statements against the legacy table that failed",
                    "operation", operation, null, null);
            if (failed) {
                errors.increment();
            }
        };
    }

    @Override
    public void bindPool(AgroalDataSource pool, int maxSize) {
        AgroalDataSourceMetrics metrics = pool.getMetrics();
        gauge(MeterNames.POOL_IN_USE, "Connections of the legacy pool lent out", metrics, m -> m.activeCount());
        gauge(MeterNames.POOL_IDLE, "Connections of the legacy pool open and idle", metrics, m -> m.availableCount());
        gauge(MeterNames.POOL_WAITING, "Threads waiting for a legacy connection", metrics, m -> m.awaitingCount());
        gauge(MeterNames.POOL_MAX, "Maximum size of the legacy pool", metrics, m -> maxSize);
    }

    private void gauge(String name, String description, AgroalDataSourceMetrics metrics,
                       ToDoubleFunction<AgroalDataSourceMetrics> value) {
        // A pool replaced after a configuration change registers under the same labels: drop a stale gauge first, as
        // the registry would otherwise hand back the one still reading the closed pool.
        Meter stale = registry.find(name).tags(tags).meter();
        if (stale != null) {
            registry.remove(stale);
        }
        poolGauges.add(Gauge.builder(name, metrics, value).description(description).tags(tags).register(registry));
    }

    @Override
    public void migrated(Via via, long users) {
        if (users > 0) {
            counter(MeterNames.USERS_MIGRATED, "Legacy users that became Keycloak's own", "via", via.label, null, null)
                    .increment(users);
        }
    }

    @Override
    public void bulkBatch(long imported, long skipped, long failed, long deferred, long nanos) {
        counter(MeterNames.BULK_ROWS, "Legacy rows handled by bulk migration", "result", "imported", null, null)
                .increment(imported);
        counter(MeterNames.BULK_ROWS, "Legacy rows handled by bulk migration", "result", "skipped", null, null)
                .increment(skipped);
        counter(MeterNames.BULK_ROWS, "Legacy rows handled by bulk migration", "result", "failed", null, null)
                .increment(failed);
        counter(MeterNames.BULK_ROWS, "Legacy rows handled by bulk migration", "result", "deferred", null, null)
                .increment(deferred);
        batchTimer.record(nanos, TimeUnit.NANOSECONDS);
        migrated(Via.BULK, imported);
    }

    @Override
    public void hashUpgraded(String fromScheme, String toScheme) {
        counter(MeterNames.HASH_UPGRADES, "Legacy hashes rewritten at login in a stronger format", "from_scheme",
                fromScheme, "to_scheme", toScheme).increment();
    }

    @Override
    public void passwordWrittenBack(String scheme) {
        counter(MeterNames.PASSWORD_WRITEBACKS, "New passwords written back to the legacy table", "scheme", scheme,
                null, null).increment();
    }

    @Override
    public void close() {
        poolGauges.forEach(registry::remove);
        poolGauges.clear();
    }
}
