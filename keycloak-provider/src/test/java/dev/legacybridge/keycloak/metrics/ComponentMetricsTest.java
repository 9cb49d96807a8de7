package dev.legacybridge.keycloak.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.legacybridge.keycloak.pool.ComponentDatabase;
import dev.legacybridge.keycloak.pool.LegacyDataSourceRegistry;
import dev.legacybridge.store.LegacyStoreException;
import dev.legacybridge.store.UserSearch;
import dev.legacybridge.store.jdbc.JdbcUrlPolicy;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keycloak.common.util.MultivaluedHashMap;

/**
 * The provider's series on a real pool over SQLite: statements timed by operation and failures counted, pool gauges
 * bound to the live pool and removed with it, labels realm and component on every series and no user data anywhere.
 */
class ComponentMetricsTest {

    @TempDir
    Path dir;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private LegacyDataSourceRegistry registry;

    @AfterEach
    void close() {
        if (registry != null) {
            registry.close();
        }
    }

    private ComponentDatabase database() throws Exception {
        Path file = dir.resolve("users.sqlite3");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE auth_user (id INTEGER PRIMARY KEY, username TEXT, password TEXT)");
            s.execute("INSERT INTO auth_user VALUES (1, 'johndoe', 'x'), (2, 'janedoe', 'y')");
        }
        registry = new LegacyDataSourceRegistry(JdbcUrlPolicy.unrestricted(), LegacyMetrics.into(meters));
        MultivaluedHashMap<String, String> config = new MultivaluedHashMap<>();
        config.put("jdbcUrl", List.of("jdbc:sqlite:" + file));
        return registry.obtain("c1", () -> new LegacyDataSourceRegistry.MetricLabels("demo", "legacy-db"), config,
                v -> v);
    }

    @Test
    void queryObserverWhenStatementsRunThenTimedByOperationAndFailuresCounted() throws Exception {
        ComponentDatabase database = database();

        database.repository().searches().count(UserSearch.all());
        database.repository().searches().count(UserSearch.all());
        // The minimal table has none of Django's other columns: the lookup fails with an SQL error.
        assertThatThrownBy(() -> database.repository().lookups().findByUsername("johndoe", true))
                .isInstanceOf(LegacyStoreException.class);

        Timer count = meters.find(MeterNames.DB_QUERY).tags("operation", "count users").timer();
        assertThat(count.count()).isEqualTo(2);
        assertThat(count.getId().getTags()).contains(Tag.of("realm", "demo"), Tag.of("component", "legacy-db"));
        assertThat(meters.find(MeterNames.DB_QUERY).tags("operation", "find user by username").timer().count())
                .isEqualTo(1);
        assertThat(meters.find(MeterNames.DB_ERRORS).tags("operation", "find user by username").counter().count())
                .isEqualTo(1);
        assertThat(meters.find(MeterNames.DB_ERRORS).tags("operation", "count users").counter().count())
                .as("registered at 0 with the operation's first statement, so that rate() sees its first error")
                .isZero();
    }

    @Test
    void bindPoolWhenPoolOpenThenGaugesReadItAndCloseRemovesThem() throws Exception {
        database();
        assertThat(meters.find(MeterNames.POOL_MAX).gauge()).as("the registry's pool is bound").isNotNull();
        registry.close("c1");
        assertThat(meters.find(MeterNames.POOL_IN_USE).gauge()).isNull();
        assertThat(meters.find(MeterNames.POOL_MAX).gauge()).isNull();

        ComponentMetrics metrics = LegacyMetrics.into(meters).forComponent("demo", "legacy-db");
        try (AgroalDataSource pool = AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                .metricsEnabled(true)
                .connectionPoolConfiguration(p -> p.maxSize(3).connectionFactoryConfiguration(f -> f
                        .jdbcUrl("jdbc:sqlite:" + dir.resolve("pool.sqlite3"))
                        .connectionProviderClass(org.sqlite.JDBC.class))))) {
            metrics.bindPool(pool, 3);
            assertThat(meters.find(MeterNames.POOL_MAX).gauge().value()).isEqualTo(3.0);
            try (Connection borrowed = pool.getConnection()) {
                assertThat(meters.find(MeterNames.POOL_IN_USE).gauge().value()).isEqualTo(1.0);
                assertThat(meters.find(MeterNames.POOL_IDLE).gauge().value()).isZero();
            }
            assertThat(meters.find(MeterNames.POOL_IN_USE).gauge().value()).isZero();
            assertThat(meters.find(MeterNames.POOL_IDLE).gauge().value()).isEqualTo(1.0);
            assertThat(meters.find(MeterNames.POOL_WAITING).gauge().value()).isZero();
            metrics.close();
        }
        assertThat(meters.find(MeterNames.POOL_IN_USE).gauge()).isNull();
        assertThat(meters.find(MeterNames.DB_QUERY).timer()).as("counters and timers stay").isNull();
    }

    @Test
    void loginAndBulkSeriesWhenRecordedThenCountedWithFixedLabelsOnly() throws Exception {
        ComponentMetrics metrics = database().metrics();

        metrics.credentialCheck("bcrypt", "match");
        metrics.credentialCheck("bcrypt", "match");
        metrics.credentialCheck("django_md5", "not_allowed");
        metrics.migrated(ComponentMetrics.Via.LOGIN, 1);
        metrics.bulkBatch(480, 15, 5, 3, 2_000_000_000L);
        metrics.hashUpgraded("django_sha1", "django_pbkdf2_sha256");
        metrics.passwordWrittenBack("django_pbkdf2_sha256");

        assertThat(meters.find(MeterNames.CREDENTIAL_CHECKS).tags("scheme", "bcrypt", "outcome", "match").counter()
                .count()).isEqualTo(2);
        assertThat(meters.find(MeterNames.USERS_MIGRATED).tags("via", "login").counter().count()).isEqualTo(1);
        assertThat(meters.find(MeterNames.USERS_MIGRATED).tags("via", "bulk").counter().count()).isEqualTo(480);
        assertThat(meters.find(MeterNames.BULK_ROWS).tags("result", "failed").counter().count()).isEqualTo(5);
        assertThat(meters.find(MeterNames.BULK_ROWS).tags("result", "deferred").counter().count()).isEqualTo(3);
        assertThat(meters.find(MeterNames.BULK_BATCH).timer().totalTime(java.util.concurrent.TimeUnit.SECONDS))
                .isEqualTo(2.0);
        assertThat(meters.find(MeterNames.HASH_UPGRADES).counter().count()).isEqualTo(1);
        assertThat(meters.find(MeterNames.PASSWORD_WRITEBACKS).counter().count()).isEqualTo(1);

        Set<String> labelNames = meters.getMeters().stream().map(Meter::getId)
                .flatMap(id -> id.getTags().stream()).map(Tag::getKey).collect(Collectors.toSet());
        // "le": the histogram buckets SimpleMeterRegistry shows as gauges
        assertThat(labelNames).isSubsetOf("realm", "component", "scheme", "outcome", "operation", "via", "result",
                "from_scheme", "to_scheme", "le");
    }

    @Test
    void forComponentWhenMetricsOffThenNothingRegistered() {
        assertThat(LegacyMetrics.none().forComponent("demo", "legacy-db")).isSameAs(ComponentMetrics.NONE);
        assertThat(LegacyMetrics.fromKeycloakConfig(null).enabled()).isFalse();
    }
}
