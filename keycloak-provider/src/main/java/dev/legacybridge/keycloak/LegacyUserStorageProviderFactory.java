package dev.legacybridge.keycloak;

import dev.legacybridge.keycloak.config.FormatSettings;
import dev.legacybridge.keycloak.config.LegacyGroupsAs;
import dev.legacybridge.keycloak.config.LegacyStoreConfig;
import dev.legacybridge.keycloak.config.LegacyStoreConfigProperties;
import dev.legacybridge.keycloak.config.OperatorOptions;
import dev.legacybridge.store.jdbc.RefusedJdbcUrlException;
import dev.legacybridge.keycloak.migration.LegacyUserImporter;
import dev.legacybridge.keycloak.migration.MigratedUserProfile;
import dev.legacybridge.keycloak.metrics.LegacyMetrics;
import dev.legacybridge.keycloak.pool.ConnectionSettings;
import dev.legacybridge.keycloak.pool.DriverDataSource;
import dev.legacybridge.keycloak.pool.LegacyDataSourceRegistry;
import dev.legacybridge.keycloak.pool.ComponentDatabase;
import dev.legacybridge.store.LegacyStoreException;
import dev.legacybridge.store.LegacyUserRepository;
import java.sql.SQLException;
import dev.legacybridge.keycloak.config.LegacyEditMode;
import dev.legacybridge.keycloak.migration.BulkMigration;
import dev.legacybridge.keycloak.migration.CoexistenceSync;
import java.util.Date;
import java.util.List;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.storage.UserStorageProviderModel;
import org.keycloak.storage.user.ImportSynchronization;
import org.keycloak.storage.user.SynchronizationResult;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.component.ComponentModel;
import org.keycloak.component.ComponentValidationException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.storage.UserStorageProviderFactory;
import org.keycloak.vault.VaultStringSecret;

/**
 * Registers the "legacy-database" user federation provider: Admin console, User federation, Add Legacy-database
 * providers.
 *
 * <p>Owns the long-lived state, as Keycloak's LDAP factory does: one connection pool per component, in a
 * {@link LegacyDataSourceRegistry}, closed when the component is updated or removed and when Keycloak stops. Providers
 * are created per session and hold nothing.
 *
 * <p>{@link #validateConfiguration} runs when an admin saves the form (and on realm import): it checks every field,
 * connects with the given credentials, and checks that the table and every mapped column exist, answering with a
 * message the admin console shows as is.
 */
public final class LegacyUserStorageProviderFactory implements UserStorageProviderFactory<LegacyUserStorageProvider>,
        ImportSynchronization {

    public static final String PROVIDER_ID = "legacy-database";

    private static final Logger LOG = Logger.getLogger(LegacyUserStorageProviderFactory.class);

    private OperatorOptions operatorOptions = OperatorOptions.none();
    private LegacyDataSourceRegistry registry = new LegacyDataSourceRegistry(OperatorOptions.none().jdbcUrlPolicy());

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getHelpText() {
        return "Users of an existing application's SQL table (Django auth_user or any table of legacy password hashes: "
                + "bcrypt, Django, passlib, werkzeug, SHA-crypt), verified in place and optionally migrated into Keycloak.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return LegacyStoreConfigProperties.all();
    }

    /** The server operator's SPI options ({@link OperatorOptions}); pools are created lazily, per component. */
    @Override
    public void init(Config.Scope config) {
        operatorOptions = OperatorOptions.from(config);
        registry = new LegacyDataSourceRegistry(operatorOptions.jdbcUrlPolicy(), LegacyMetrics.fromKeycloakConfig(config));
        if (operatorOptions.restrictions().restrictsAnything() || !operatorOptions.jdbcUrlInAdminConsole()) {
            LOG.infof("Legacy-database provider: JDBC URLs restricted by the server operator: %s; JDBC URL settable "
                    + "in the admin console: %s", operatorOptions.restrictions(), operatorOptions.jdbcUrlInAdminConsole()
                    ? "yes" : "only as a vault reference");
        }
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return OperatorOptions.metadata();
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        // nothing to wire
    }

    @Override
    public LegacyUserStorageProvider create(KeycloakSession session, ComponentModel model) {
        try {
            return new LegacyUserStorageProvider(session, model, database(session, model));
        } catch (RuntimeException e) {
            // Configuration saved earlier but unusable now (a vault secret removed, a driver missing): keep Keycloak's
            // other operations working; logins of this component's users fail as "storage unavailable".
            LOG.warnf("Legacy user storage [%s] cannot be used: %s", model.getName(), e.getMessage());
            return new LegacyUserStorageProvider(session, model, e.getMessage());
        }
    }

    /** The long-lived database of a component (pool, repository, parsed configuration). */
    public ComponentDatabase database(KeycloakSession session, ComponentModel model) {
        return registry.obtain(model.getId(), () -> metricLabels(session, model), model.getConfig(),
                reference -> resolveSecret(session, reference, "Vault reference"));
    }

    /** The realm's and the component's names: the labels of the component's metrics (never user data). */
    private static LegacyDataSourceRegistry.MetricLabels metricLabels(KeycloakSession session, ComponentModel model) {
        RealmModel realm = model.getParentId() == null ? null : session.realms().getRealm(model.getParentId());
        return new LegacyDataSourceRegistry.MetricLabels(realm == null ? null : realm.getName(), model.getName());
    }

    @Override
    public void validateConfiguration(KeycloakSession session, RealmModel realm, ComponentModel model)
            throws ComponentValidationException {
        LegacyStoreConfig config;
        try {
            config = LegacyStoreConfig.from(model.getConfig());
        } catch (LegacyStoreConfig.InvalidConfigException e) {
            throw invalid(e.getMessage());
        }
        checkJdbcUrlSource(session, realm, model, config);
        try {
            FormatSettings.of(config, reference -> resolveSecret(session, reference, "Password format settings"));
        } catch (IllegalStateException | LegacyStoreConfig.InvalidConfigException e) {
            throw invalid(e.getMessage());
        }
        ConnectionSettings settings;
        try {
            String url = resolveSecret(session, config.jdbcUrl(), "JDBC URL");
            String password = config.jdbcPasswordReference() == null ? null
                    : resolveSecret(session, config.jdbcPasswordReference(), "Database password");
            settings = ConnectionSettings.of(config, url, password, operatorOptions.jdbcUrlPolicy());
        } catch (IllegalStateException e) {
            throw invalid(e.getMessage());
        } catch (RefusedJdbcUrlException e) {
            LOG.warnf("Legacy user storage [%s] in realm [%s]: JDBC URL refused: %s", model.getName(), realm.getName(),
                    e.getMessage());
            throw invalid(e.getMessage());
        }
        List<String> problems;
        try {
            DriverDataSource dataSource = DriverDataSource.of(settings);
            problems = new LegacyUserRepository(dataSource, config.schema(), settings.url().kind().dialect(),
                    config.queryTimeout()).schemaCheck().checkSchema();
        } catch (SQLException e) {
            throw invalid(e.getMessage());
        } catch (LegacyStoreException e) {
            LOG.warnf("Legacy user storage [%s] in realm [%s]: cannot connect to %s: %s", model.getName(),
                    realm.getName(), settings.url().describe(), rootMessage(e));
            throw invalid(ConnectFailures.forAdmin(settings.url(), e));
        }
        if (!problems.isEmpty()) {
            throw invalid(String.join("; ", problems));
        }
        config.roleMappings().forEach((column, role) -> {
            if (realm.getRole(role) == null) {
                LOG.warnf("Legacy user storage [%s]: realm [%s] has no role [%s] for flag column [%s]; create it or "
                        + "users will not get it", model.getName(), realm.getName(), role, column);
            }
        });
    }

    /**
     * With {@code jdbc-url-in-admin-console=false}, an admin request may set the JDBC URL only to a vault reference
     * (whose value the operator provides per realm) or leave a stored literal unchanged. Realm files imported at
     * startup run outside any HTTP request and are not affected.
     */
    private void checkJdbcUrlSource(KeycloakSession session, RealmModel realm, ComponentModel model,
                                    LegacyStoreConfig config) {
        if (operatorOptions.jdbcUrlInAdminConsole() || !isAdminRequest(session)
                || LegacyStoreConfig.isVaultReference(config.jdbcUrl())) {
            return;
        }
        ComponentModel stored = model.getId() == null ? null : realm.getComponent(model.getId());
        if (stored != null && config.jdbcUrl().equals(stored.get(LegacyStoreConfigProperties.JDBC_URL))) {
            return;
        }
        LOG.warnf("Legacy user storage [%s] in realm [%s]: refused a JDBC URL set in the admin console (the server "
                + "operator allows only vault references)", model.getName(), realm.getName());
        throw invalid("The server operator does not allow setting a JDBC URL in the admin console: enter the "
                + "${vault.<key>} reference the operator provided for this realm");
    }

    private static boolean isAdminRequest(KeycloakSession session) {
        try {
            var uri = session.getContext().getUri();
            return uri != null && uri.getPath() != null && uri.getPath().contains("/admin/");
        } catch (RuntimeException e) {
            return false; // no HTTP request: a realm import at startup or kc.sh import
        }
    }

    private static ComponentValidationException invalid(String message) {
        // The admin console runs the message through MessageFormat: pass it as a parameter so quotes survive.
        return new ComponentValidationException("{0}", message);
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        int newline = message.indexOf('\n');
        return newline >= 0 ? message.substring(0, newline) : message;
    }

    @Override
    public void onCreate(KeycloakSession session, RealmModel realm, ComponentModel model) {
        prepareRealm(session, realm, model);
    }

    @Override
    public void onUpdate(KeycloakSession session, RealmModel realm, ComponentModel oldModel, ComponentModel newModel) {
        // Keycloak also "updates" the component to record sync times; only our own settings warrant a new pool.
        if (!LegacyStoreConfigProperties.fingerprint(oldModel.getConfig())
                .equals(LegacyStoreConfigProperties.fingerprint(newModel.getConfig()))) {
            registry.close(newModel.getId());
            prepareRealm(session, realm, newModel);
        }
    }

    @Override
    public void preRemove(KeycloakSession session, RealmModel realm, ComponentModel model) {
        registry.close(model.getId());
        dev.legacybridge.keycloak.admin.ui.MigrationPage.forget(realm, model.getId());
    }

    /**
     * Prepares the realm for this component: creates the Keycloak top-level groups that legacy groups map to, so
     * memberships show up at once, and in MIGRATE mode declares the migrated attributes in the user profile. A failure
     * here must not block saving the component: it is logged and retried on the next save or synchronization.
     */
    private void prepareRealm(KeycloakSession session, RealmModel realm, ComponentModel model) {
        try {
            ComponentDatabase database = database(session, model);
            if (database.config().editMode() == LegacyEditMode.MIGRATE) {
                MigratedUserProfile.declare(session, database.config());
            }
            if (database.config().legacyGroupsAs() != LegacyGroupsAs.GROUPS) {
                return;
            }
            for (String name : database.repository().lookups().allGroupNames()) {
                LegacyUserImporter.ensureTopLevelGroup(session, realm, name);
            }
        } catch (RuntimeException e) {
            LOG.warnf("Legacy user storage [%s]: could not create the Keycloak groups for legacy groups: %s",
                    model.getName(), e.getMessage());
        }
    }

    /**
     * Resolves {@code ${vault.key}} through Keycloak's vault; literal values come back unchanged.
     *
     * @param field the form field, for the message
     * @throws IllegalStateException naming the field and key when the vault has no such secret
     */
    private static String resolveSecret(KeycloakSession session, String reference, String field) {
        try (VaultStringSecret secret = session.vault().getStringSecret(reference)) {
            return secret.get().orElseThrow(() -> new IllegalStateException(field + ": the vault has no secret for "
                    + reference));
        }
    }

    /**
     * "Sync all users" in the admin console (and periodic full sync): in MIGRATE mode, bulk-migrates every legacy user
     * into Keycloak (see {@link BulkMigration}); in the other modes there is nothing to copy, because users are read
     * live from the legacy table, so the sync only refreshes the Keycloak groups that legacy groups map to.
     */
    @Override
    public SynchronizationResult sync(KeycloakSessionFactory sessionFactory, String realmId,
                                      UserStorageProviderModel model) {
        return synchronize(sessionFactory, realmId, model, null);
    }

    /**
     * Full sync ({@code since == null}) or changed-users sync: bulk migration of rows not yet in Keycloak, then, when
     * "Keep migrated users in step" is on, the coexistence sync of migrated users ({@link CoexistenceSync}; from the
     * changed-at column when one is set, else a full pass).
     */
    private SynchronizationResult synchronize(KeycloakSessionFactory sessionFactory, String realmId,
                                              UserStorageProviderModel model, java.time.Instant since) {
        ComponentDatabase database = KeycloakModelUtils.runJobInTransactionWithResult(sessionFactory, session -> {
            RealmModel realm = session.realms().getRealm(realmId);
            session.getContext().setRealm(realm);
            prepareRealm(session, realm, model);
            return database(session, model);
        });
        SynchronizationResult result = new SynchronizationResult();
        if (database.config().editMode() != LegacyEditMode.MIGRATE) {
            LOG.infof("Legacy user storage [%s] is in mode %s: users are read live from the legacy table, there is "
                    + "nothing to synchronize (use mode MIGRATE to bulk-migrate)", model.getName(),
                    database.config().editMode());
            result.setIgnored(true);
            return result;
        }
        BulkMigration.Summary summary = BulkMigration.runAll(sessionFactory, realmId, database, model.getName());
        result.setAdded((int) Math.min(Integer.MAX_VALUE, summary.imported()));
        result.setFailed((int) Math.min(Integer.MAX_VALUE, summary.failed()));
        if (database.config().sync().enabled()) {
            CoexistenceSync.Result synced = CoexistenceSync.run(sessionFactory, realmId, database,
                    database.config().changedAtColumn() == null ? null : since);
            result.setUpdated(synced.updated());
            result.setFailed(result.getFailed() + synced.failed());
        }
        return result;
    }

    /**
     * "Periodic changed users sync": the same idempotent bulk pass as a full one (users already in Keycloak are skipped
     * quickly); the coexistence sync then reads only the rows changed since {@code lastSync} when a changed-at column
     * is configured (issue 15).
     */
    @Override
    public SynchronizationResult syncSince(Date lastSync, KeycloakSessionFactory sessionFactory, String realmId,
                                           UserStorageProviderModel model) {
        return synchronize(sessionFactory, realmId, model, lastSync == null ? null : lastSync.toInstant());
    }

    @Override
    public void close() {
        registry.close();
    }
}
