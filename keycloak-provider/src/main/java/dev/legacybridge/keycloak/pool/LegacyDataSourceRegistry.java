package dev.legacybridge.keycloak.pool;

import dev.legacybridge.keycloak.config.FormatSettings;
import dev.legacybridge.keycloak.config.LegacyStoreConfig;
import dev.legacybridge.keycloak.config.LegacyStoreConfigProperties;
import dev.legacybridge.keycloak.metrics.ComponentMetrics;
import dev.legacybridge.keycloak.metrics.LegacyMetrics;
import dev.legacybridge.store.jdbc.JdbcUrlPolicy;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.AgroalConnectionPoolConfiguration.ConnectionValidator;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import java.sql.Driver;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.jboss.logging.Logger;
import org.keycloak.common.util.MultivaluedHashMap;

/**
 * Owns one {@link ComponentDatabase} (connection pool) per component id. Held by the provider factory, so pools live as
 * long as Keycloak and are shared by all sessions; a component whose configuration (or resolved vault password)
 * changed gets a new pool and the old one is closed, on every cluster node, because the check runs on each use rather
 * than only in the node that handled the admin's update.
 *
 * <p>The pool is Agroal, which Keycloak already ships; it is deliberately not a Keycloak-managed datasource, which
 * would join Keycloak's JTA transactions (XA) for nothing. Connections are validated on borrow and a connection-class
 * SQL error (SQLState 08xxx, PostgreSQL's 57P0x shutdown states) destroys the connection, so logins recover by
 * themselves when the database comes back.
 */
public final class LegacyDataSourceRegistry implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LegacyDataSourceRegistry.class);

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final JdbcUrlPolicy policy;
    private final ScheduledExecutorService surveys;
    private final LegacyMetrics metrics;

    /** @param policy what every JDBC URL must pass before a pool is opened for it */
    public LegacyDataSourceRegistry(JdbcUrlPolicy policy) {
        this(policy, true, LegacyMetrics.none());
    }

    /** @param metrics where each component's series go (labels fixed when its pool opens) */
    public LegacyDataSourceRegistry(JdbcUrlPolicy policy, LegacyMetrics metrics) {
        this(policy, true, metrics);
    }

    /** @param surveys whether to run the background cost surveys of {@link ComponentDatabase} (off in unit tests) */
    LegacyDataSourceRegistry(JdbcUrlPolicy policy, boolean surveys) {
        this(policy, surveys, LegacyMetrics.none());
    }

    private LegacyDataSourceRegistry(JdbcUrlPolicy policy, boolean surveys, LegacyMetrics metrics) {
        this.policy = policy;
        this.metrics = metrics;
        this.surveys = surveys ? Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "legacy-bridge-cost-survey");
            thread.setDaemon(true);
            thread.setPriority(Thread.MIN_PRIORITY);
            return thread;
        }) : null;
    }

    /** A pool and what it was opened for: the component's own settings and the values its vault references had. */
    private record Entry(String fingerprint, String resolvedUrl, String resolvedPassword, String formatsFingerprint,
                         ComponentDatabase database) {
        boolean current(String fingerprint, String url, String password, String formats) {
            return this.fingerprint.equals(fingerprint) && Objects.equals(resolvedUrl, url)
                    && Objects.equals(resolvedPassword, password) && Objects.equals(formatsFingerprint, formats);
        }
    }

    /**
     * The database of a component, created on first use or when its configuration or the value of a vault reference
     * in it changed. Every new pool's URL passes the {@link JdbcUrlPolicy} first: a component saved before a policy
     * change, imported with a realm, or whose vault entry now holds another URL, connects only if it passes now.
     *
     * @param rawConfig     the component's config map
     * @param resolveSecret resolves {@code ${vault.x}} references (identity for literals)
     * @throws LegacyStoreConfig.InvalidConfigException when the configuration cannot be used
     * @throws dev.legacybridge.store.jdbc.RefusedJdbcUrlException when the policy refuses the URL
     */
    public ComponentDatabase obtain(String componentId, MultivaluedHashMap<String, String> rawConfig,
                                 UnaryOperator<String> resolveSecret) {
        return obtain(componentId, () -> new MetricLabels(null, componentId), rawConfig, resolveSecret);
    }

    /** The realm's and the component's names, the labels of a component's metrics. */
    public record MetricLabels(String realm, String component) {
    }

    /**
     * As {@link #obtain(String, MultivaluedHashMap, UnaryOperator)}, with the labels of the component's metrics, asked
     * for only when a pool is opened.
     */
    public ComponentDatabase obtain(String componentId, Supplier<MetricLabels> labels,
                                    MultivaluedHashMap<String, String> rawConfig, UnaryOperator<String> resolveSecret) {
        String fingerprint = LegacyStoreConfigProperties.fingerprint(rawConfig);
        Entry current = entries.get(componentId);
        if (current != null && current.fingerprint().equals(fingerprint)) {
            LegacyStoreConfig config = current.database().config();
            if (current.current(fingerprint, resolve(config.jdbcUrl(), resolveSecret),
                    resolve(config.jdbcPasswordReference(), resolveSecret),
                    FormatSettings.of(config, resolveSecret).fingerprint())) {
                return current.database();
            }
        }
        Entry created = entries.compute(componentId, (id, existing) -> {
            LegacyStoreConfig config = existing != null && existing.fingerprint().equals(fingerprint)
                    ? existing.database().config() : LegacyStoreConfig.from(rawConfig);
            String url = resolve(config.jdbcUrl(), resolveSecret);
            String password = resolve(config.jdbcPasswordReference(), resolveSecret);
            FormatSettings formats = FormatSettings.of(config, resolveSecret);
            if (existing != null && existing.current(fingerprint, url, password, formats.fingerprint())) {
                return existing;
            }
            ConnectionSettings settings = ConnectionSettings.of(config, url, password, policy);
            MetricLabels names = metrics.enabled() ? labels.get() : new MetricLabels(null, id);
            ComponentMetrics componentMetrics = metrics.forComponent(names.realm(), names.component());
            ComponentDatabase database = new ComponentDatabase(id, config, formats, settings,
                    openPool(settings, metrics.enabled()), surveys, componentMetrics);
            if (existing != null) {
                LOG.infof("Configuration of legacy user storage [%s] changed; replacing its connection pool", id);
                existing.database().close();
            } else {
                LOG.debugf("Opened connection pool for legacy user storage [%s]: %s", id, settings);
            }
            return new Entry(fingerprint, url, password, formats.fingerprint(), database);
        });
        return created.database();
    }

    private static String resolve(String reference, UnaryOperator<String> resolveSecret) {
        return reference == null ? null : resolveSecret.apply(reference);
    }

    /** Closes and forgets the pool of a component (updated or removed). */
    public void close(String componentId) {
        Entry removed = entries.remove(componentId);
        if (removed != null) {
            removed.database().close();
        }
    }

    @Override
    public void close() {
        entries.keySet().forEach(this::close);
        if (surveys != null) {
            surveys.shutdownNow();
        }
    }

    static AgroalDataSource openPool(ConnectionSettings settings) {
        return openPool(settings, false);
    }

    /** @param poolMetrics whether Agroal counts connections in use and waiting (for the pool gauges) */
    static AgroalDataSource openPool(ConnectionSettings settings, boolean poolMetrics) {
        Driver driver;
        try {
            driver = settings.url().loadDriver(LegacyDataSourceRegistry.class.getClassLoader());
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        Duration timeout = settings.connectTimeout();
        AgroalDataSourceConfigurationSupplier supplier = new AgroalDataSourceConfigurationSupplier()
                .metricsEnabled(poolMetrics)
                .connectionPoolConfiguration(pool -> pool
                        .initialSize(0)
                        .minSize(0)
                        .maxSize(settings.maxPoolSize())
                        .acquisitionTimeout(timeout)
                        .validateOnBorrow(true)
                        .connectionValidator(ConnectionValidator.defaultValidatorWithTimeout((int) timeout.toSeconds()))
                        .exceptionSorter(LegacyDataSourceRegistry::isFatal)
                        .idleValidationTimeout(Duration.ofSeconds(30))
                        .reapTimeout(Duration.ofMinutes(5))
                        .maxLifetime(Duration.ofMinutes(30))
                        .connectionFactoryConfiguration(factory -> {
                            factory.jdbcUrl(settings.url().url())
                                    .connectionProviderClass(driver.getClass())
                                    .loginTimeout(timeout)
                                    .autoCommit(true);
                            if (settings.user() != null) {
                                factory.principal(new NamePrincipal(settings.user()));
                            }
                            if (settings.password() != null) {
                                factory.credential(new SimplePassword(settings.password()));
                            }
                            settings.driverProperties().forEach((k, v) -> {
                                if (!"user".equals(k) && !"password".equals(k)) {
                                    factory.jdbcProperty((String) k, (String) v);
                                }
                            });
                            return factory;
                        }));
        try {
            return AgroalDataSource.from(supplier);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the legacy database pool: " + e.getMessage(), e);
        }
    }

    /** Connection-class errors mean the connection is dead: destroy it instead of returning it to the pool. */
    static boolean isFatal(SQLException e) {
        String state = e.getSQLState();
        return state == null || state.startsWith("08") || state.startsWith("57P");
    }
}
