package dev.legacybridge.keycloak.pool;

import dev.legacybridge.hash.LegacyPasswordVerifier;
import dev.legacybridge.hash.StoredPassword;
import dev.legacybridge.keycloak.config.FormatSettings;
import dev.legacybridge.keycloak.config.LegacyStoreConfig;
import dev.legacybridge.keycloak.metrics.ComponentMetrics;
import dev.legacybridge.keycloak.timing.FailureFloor;
import dev.legacybridge.store.LegacyUserRepository;
import io.agroal.api.AgroalDataSource;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * The legacy database as one component configured it: the parsed configuration, the connection pool, the repository
 * over it, the verifier for the component's hash policy and the {@link FailureFloor} of its table. Long-lived: created by {@link LegacyDataSourceRegistry} per component and reused by every session
 * until the component's configuration changes or it is removed.
 */
public final class ComponentDatabase implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ComponentDatabase.class);
    private static final Duration DUMMY_HASH_REFRESH = Duration.ofMinutes(10);

    /**
     * Used for the dummy verification when the legacy table has no hash to imitate: Django's default-cost bcrypt of a
     * random string (cost 12, as Django and the FastAPI tutorial use).
     */
    static final String FALLBACK_DUMMY_HASH = "$2b$12$RoFZxTbgJ3RhLcq4J8ue0eWuNDRyGtJJhXWoZhwPgmSM0rJsIFr5q";

    private final String componentId;
    private final LegacyStoreConfig config;
    private final ConnectionSettings settings;
    private final AgroalDataSource pool;
    private final LegacyUserRepository repository;
    private final LegacyPasswordVerifier verifier;
    private final FormatSettings formats;
    private final AtomicReference<DummyHash> dummyHash = new AtomicReference<>();
    private final FailureFloor failureFloor;
    private final ScheduledExecutorService surveys;
    private final AtomicReference<ScheduledFuture<?>> survey = new AtomicReference<>();
    private final ComponentMetrics metrics;

    private record DummyHash(StoredPassword hash, long loadedAtNanos) {
    }

    /**
     * @param surveys runs the {@link FailureFloor} survey of the table, from the first failed login on and then every
     *                {@link #SURVEY_INTERVAL}; null for none (tests)
     */
    ComponentDatabase(String componentId, LegacyStoreConfig config, FormatSettings formats,
                      ConnectionSettings settings, AgroalDataSource pool, ScheduledExecutorService surveys) {
        this(componentId, config, formats, settings, pool, surveys, ComponentMetrics.NONE);
    }

    /** @param metrics the component's series: statements, pool gauges, logins, migrations */
    ComponentDatabase(String componentId, LegacyStoreConfig config, FormatSettings formats,
                      ConnectionSettings settings, AgroalDataSource pool, ScheduledExecutorService surveys,
                      ComponentMetrics metrics) {
        this.componentId = componentId;
        this.metrics = metrics;
        this.config = config;
        this.settings = settings;
        this.pool = pool;
        this.repository = new LegacyUserRepository(pool, config.schema(), settings.url().kind().dialect(),
                config.queryTimeout(),
                StorageTimeLimit.clearingInterrupts(componentId, metrics.queryObserver()));
        metrics.bindPool(pool, settings.maxPoolSize());
        this.formats = formats;
        this.verifier = new LegacyPasswordVerifier(config.hashPolicy(), formats.configuration());
        this.failureFloor = new FailureFloor(verifier);
        this.surveys = surveys;
    }

    /** How often the table is surveyed again for the costliest hash (new rows are learned from logins meanwhile). */
    static final Duration SURVEY_INTERVAL = Duration.ofHours(6);

    private void survey() {
        try {
            failureFloor.survey(repository, componentId);
        } catch (RuntimeException e) {
            LOG.debugf("Cost survey of legacy user storage [%s] failed (retried later): %s", componentId,
                    e.getMessage());
        }
    }

    /** What a failed login against this table must cost; see {@link FailureFloor}. */
    public FailureFloor failureFloor() {
        return failureFloor;
    }

    /**
     * Starts the background survey of the table's costliest hash, once: called by the first failed login, so a
     * component that only serves successful logins or admin lists never reads its whole table for it.
     */
    public void surveyNeeded() {
        if (surveys != null && survey.get() == null) {
            ScheduledFuture<?> scheduled = surveys.scheduleWithFixedDelay(this::survey, 0, SURVEY_INTERVAL.toMinutes(),
                    TimeUnit.MINUTES);
            if (!survey.compareAndSet(null, scheduled)) {
                scheduled.cancel(false);
            }
        }
    }

    public String componentId() {
        return componentId;
    }

    public LegacyStoreConfig config() {
        return config;
    }

    ConnectionSettings settings() {
        return settings;
    }

    public LegacyUserRepository repository() {
        return repository;
    }

    public LegacyPasswordVerifier verifier() {
        return verifier;
    }

    /** This component's metrics ({@link ComponentMetrics#NONE} when Keycloak's metrics are off). */
    public ComponentMetrics metrics() {
        return metrics;
    }

    /** The component's password format settings (resolved), for the encoder: Devise's pepper. */
    public FormatSettings formats() {
        return formats;
    }

    /** New legacy hash of {@code password} in the component's write-back format (WRITABLE, upgrades). */
    public String encode(String password) {
        return dev.legacybridge.hash.PasswordEncoders.encode(config.passwordFormat(), password,
                formats.configuration());
    }

    /** Connections currently open in this pool (active and idle), for tests and diagnostics. */
    public long openConnections() {
        var metrics = pool.getMetrics();
        return metrics.activeCount() + metrics.availableCount();
    }

    /**
     * A stored hash that costs what a real login against this table costs: the newest row's hash (the format and cost
     * the legacy application writes today), refreshed every ten minutes. Verifying a random password against it makes
     * a login with an unknown username take as long as one with a wrong password.
     */
    public StoredPassword dummyHash() {
        DummyHash current = dummyHash.get();
        long now = System.nanoTime();
        if (current != null && now - current.loadedAtNanos() < DUMMY_HASH_REFRESH.toNanos()) {
            return current.hash();
        }
        StoredPassword hash = StoredPassword.of(FALLBACK_DUMMY_HASH);
        try {
            Optional<StoredPassword> newest = repository.lookups().newestPassword()
                    .map(row -> new StoredPassword(row.hash(), row.salt()));
            if (newest.isPresent() && verifier.inspect(newest.get()).status()
                    == dev.legacybridge.hash.HashInspection.Status.USABLE) {
                hash = newest.get();
            }
        } catch (RuntimeException e) {
            // Keep the previous or fallback hash; the lookup that called us will report the database problem itself.
            LOG.debugf("Could not read a dummy hash for component [%s]: %s", componentId, e.getMessage());
            if (current != null) {
                return current.hash();
            }
        }
        dummyHash.set(new DummyHash(hash, now));
        return hash;
    }

    @Override
    public void close() {
        ScheduledFuture<?> scheduled = survey.get();
        if (scheduled != null) {
            scheduled.cancel(true);
        }
        metrics.close();
        try {
            pool.close();
        } catch (RuntimeException e) {
            LOG.warnf("Closing the legacy database pool of component [%s] failed: %s", componentId, e.getMessage());
        }
    }
}
