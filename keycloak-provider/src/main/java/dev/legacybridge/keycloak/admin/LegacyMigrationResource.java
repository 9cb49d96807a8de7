package dev.legacybridge.keycloak.admin;

import dev.legacybridge.keycloak.LegacyUserStorageProviderFactory;
import dev.legacybridge.keycloak.config.LegacyEditMode;
import dev.legacybridge.keycloak.migration.BulkMigration;
import dev.legacybridge.keycloak.migration.ProviderDependence;
import dev.legacybridge.keycloak.pool.ComponentDatabase;
import dev.legacybridge.store.LegacyStoreException;
import dev.legacybridge.store.UserSearch;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;
import org.keycloak.storage.UserStorageProvider;

/**
 * {@code GET  /admin/realms/{realm}/legacy-migration/{componentId}}: the component's mode and legacy row count.<br>
 * {@code POST /admin/realms/{realm}/legacy-migration/{componentId}/batch?after=<legacy id>&size=<n>}: migrates the
 * next batch and returns its counts and the cursor to continue from.
 *
 * <p>Needs the realm's manage-users permission (view-users for the GET). Bulk migration itself is
 * {@link BulkMigration}; the console's "Sync all users" runs the same code in one go.
 */
public final class LegacyMigrationResource {

    private static final Logger LOG = Logger.getLogger(LegacyMigrationResource.class);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;

    LegacyMigrationResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
    }

    @GET
    @Path("{componentId}")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> status(@PathParam("componentId") String componentId) {
        auth.users().requireView();
        ComponentModel component = component(componentId);
        ComponentDatabase database = database(component);
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("componentId", component.getId());
        status.put("name", component.getName());
        status.put("mode", database.config().editMode().name());
        try {
            status.put("legacyRows", database.repository().searches().count(UserSearch.all()));
        } catch (LegacyStoreException e) {
            throw unavailable(component, e);
        }
        status.put("stillNeedProvider", stillNeedProvider(component, ((Number) status.get("legacyRows")).longValue()));
        return status;
    }

    @POST
    @Path("{componentId}/batch")
    @Produces(MediaType.APPLICATION_JSON)
    public BulkMigration.BatchResult batch(@PathParam("componentId") String componentId,
                                           @QueryParam("after") String after,
                                           @QueryParam("size") @DefaultValue("500") int size) {
        auth.users().requireManage();
        ComponentModel component = component(componentId);
        if (size < 1 || size > BulkMigration.MAX_BATCH_SIZE) {
            throw new BadRequestException("size must be between 1 and " + BulkMigration.MAX_BATCH_SIZE);
        }
        ComponentDatabase database = database(component);
        if (database.config().editMode() != LegacyEditMode.MIGRATE) {
            // Copying users into Keycloak while the component still federates them would show each user twice.
            throw new BadRequestException("Bulk migration needs the component in mode MIGRATE; it is in mode "
                    + database.config().editMode());
        }
        try {
            return BulkMigration.runBatch(session.getKeycloakSessionFactory(), realm.getId(), database,
                    after == null || after.isEmpty() ? null : after, size);
        } catch (LegacyStoreException e) {
            throw unavailable(component, e);
        }
    }

    /**
     * Who still needs the provider (see {@link ProviderDependence}): linked users, users with a {@code legacy-hash}
     * credential by scheme, and legacy rows Keycloak has no user for yet. All zero: the component can be removed and
     * the jar taken out (docs/migration.md, "Finishing the move").
     */
    private Map<String, Object> stillNeedProvider(ComponentModel component, long legacyRows) {
        ProviderDependence.Counts counts = ProviderDependence.count(session, realm, component.getId());
        long fromComponent = dev.legacybridge.keycloak.migration.LocalUsers.countFromComponent(session, realm,
                component.getId(), Map.of());
        Map<String, Object> need = new LinkedHashMap<>();
        long notInKeycloak = Math.max(0, legacyRows - fromComponent);
        need.put("total", counts.linkedUsers() + counts.legacyHashUsers() + notInKeycloak);
        need.put("linkedUsers", counts.linkedUsers());
        need.put("legacyRowsNotInKeycloak", notInKeycloak);
        need.put("legacyHashCredentials", counts.legacyHashUsers());
        need.put("legacyHashCredentialsBySchemes", counts.legacyHashBySchemes());
        return need;
    }

    private ComponentModel component(String componentId) {
        ComponentModel component = realm.getComponent(componentId);
        if (component == null || !UserStorageProvider.class.getName().equals(component.getProviderType())
                || !LegacyUserStorageProviderFactory.PROVIDER_ID.equals(component.getProviderId())) {
            throw new NotFoundException("No legacy-database user federation component with id " + componentId
                    + " in this realm");
        }
        return component;
    }

    private ComponentDatabase database(ComponentModel component) {
        LegacyUserStorageProviderFactory factory = (LegacyUserStorageProviderFactory) session.getKeycloakSessionFactory()
                .getProviderFactory(UserStorageProvider.class, LegacyUserStorageProviderFactory.PROVIDER_ID);
        return factory.database(session, component);
    }

    private ServiceUnavailableException unavailable(ComponentModel component, LegacyStoreException e) {
        LOG.warnf("Legacy user storage [%s] is unavailable for bulk migration: %s", component.getName(), e.getMessage());
        return new ServiceUnavailableException("The legacy database is unavailable; retry later");
    }
}
