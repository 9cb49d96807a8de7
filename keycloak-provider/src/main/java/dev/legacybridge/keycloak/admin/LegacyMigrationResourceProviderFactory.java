package dev.legacybridge.keycloak.admin;

import dev.legacybridge.keycloak.admin.ui.MigrationPage;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProvider;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProviderFactory;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * Adds {@code /admin/realms/{realm}/legacy-migration} to Keycloak's admin REST API: batch-wise bulk migration that a
 * client can drive and watch (the {@code legacy-hash migrate} command shows a progress bar with it, the admin console's
 * migration page a live panel).
 */
public final class LegacyMigrationResourceProviderFactory implements AdminRealmResourceProviderFactory {

    public static final String ID = "legacy-migration";

    /** The migration page's server side; owns the audits' background thread. */
    private final MigrationPage page = new MigrationPage();

    /**
     * A provider per request. Not the factory itself: Keycloak closes every provider at the end of its request, and
     * the factory's {@link #close()} ends the migration page's audits.
     */
    @Override
    public AdminRealmResourceProvider create(KeycloakSession session) {
        return new AdminRealmResourceProvider() {
            @Override
            public Object getResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
                                      AdminEventBuilder adminEvent) {
                return new LegacyMigrationResource(session, realm, auth, adminEvent, page);
            }

            @Override
            public void close() {
                // nothing per request
            }
        };
    }

    @Override
    public void init(Config.Scope config) {
        // the migration page needs no configuration
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        // stateless
    }

    @Override
    public void close() {
        page.close();
    }

    @Override
    public String getId() {
        return ID;
    }
}
