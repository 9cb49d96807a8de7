package dev.legacybridge.keycloak.admin;

import dev.legacybridge.keycloak.LegacyUserStorageProviderFactory;
import dev.legacybridge.keycloak.admin.ui.MigrationPage;
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
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;
import org.keycloak.storage.UserStorageProvider;

/**
 * {@code GET  /admin/realms/{realm}/legacy-migration/{componentId}}: the component's mode and legacy row count.<br>
 * {@code POST /admin/realms/{realm}/legacy-migration/{componentId}/batch?after=<legacy id>&size=<n>}: migrates the
 * next batch and returns its counts and the cursor to continue from.
 *
 * <p>For the admin console's migration page ({@link MigrationPage}):<br>
 * {@code GET  .../{componentId}/overview}: rows, migrated, left, the latest audit, the last bulk run.<br>
 * {@code POST .../{componentId}/audit}: audits the legacy table again, in the background.<br>
 * {@code POST .../{componentId}/runs?resume=<bool>}: starts or resumes a bulk run; its batches then pass
 * {@code run=<runId>}.
 *
 * <p>Needs the realm's manage-users permission (view-users for the GETs and the audit). Bulk migration itself is
 * {@link BulkMigration}; the console's "Sync all users" runs the same code in one go. Every batch is an admin event
 * (operation ACTION on the user federation provider, with its counts and its failures' legacy ids and reasons).
 */
public final class LegacyMigrationResource {

    private static final Logger LOG = Logger.getLogger(LegacyMigrationResource.class);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;
    private final MigrationPage page;

    LegacyMigrationResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
                            AdminEventBuilder adminEvent, MigrationPage page) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent == null ? null : adminEvent.resource(ResourceType.USER_FEDERATION_PROVIDER);
        this.page = page;
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
                                           @QueryParam("size") @DefaultValue("500") int size,
                                           @QueryParam("run") String run) {
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
        if (run != null) {
            page.checkRun(realm, componentId, run);
        }
        BulkMigration.BatchResult result;
        try {
            result = BulkMigration.runBatch(session.getKeycloakSessionFactory(), realm.getId(), database,
                    after == null || after.isEmpty() ? null : after, size);
        } catch (LegacyStoreException e) {
            throw unavailable(component, e);
        }
        if (run != null) {
            page.recordBatch(realm, componentId, run, result);
        }
        if (adminEvent != null) {
            adminEvent.operation(OperationType.ACTION).resourcePath(session.getContext().getUri())
                    .detail("legacy_event", "bulk_batch")
                    .detail("legacy_component", component.getName())
                    .detail("run", run)
                    .detail("processed", Integer.toString(result.processed()))
                    .detail("imported", Integer.toString(result.imported()))
                    .detail("skipped", Integer.toString(result.skipped()))
                    .detail("failed", Integer.toString(result.failed()))
                    .detail("deferred", Integer.toString(result.deferred()))
                    .representation(result).success();
        }
        return result;
    }

    @GET
    @Path("{componentId}/overview")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> overview(@PathParam("componentId") String componentId) {
        auth.users().requireView();
        ComponentModel component = component(componentId);
        try {
            return page.overview(session, realm, component, database(component));
        } catch (LegacyStoreException e) {
            throw unavailable(component, e);
        }
    }

    @POST
    @Path("{componentId}/audit")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> audit(@PathParam("componentId") String componentId) {
        auth.users().requireView();
        ComponentModel component = component(componentId);
        return page.startAudit(session, component, database(component));
    }

    @POST
    @Path("{componentId}/runs")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> startRun(@PathParam("componentId") String componentId,
                                        @QueryParam("resume") @DefaultValue("false") boolean resume) {
        auth.users().requireManage();
        ComponentModel component = component(componentId);
        try {
            return page.startRun(realm, component, database(component), resume,
                    auth.adminAuth().getUser().getUsername());
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
