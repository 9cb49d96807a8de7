package dev.legacybridge.keycloak.admin.ui;

import java.io.IOException;
import org.jboss.logging.Logger;
import org.keycloak.models.RealmModel;
import org.keycloak.util.JsonSerialization;

/**
 * Where a component's last {@link BulkRun} is kept: a realm attribute, {@code legacyBridge.bulkRun.<component id>},
 * holding a small JSON object.
 *
 * <p>Why a realm attribute: it is in Keycloak's database, so every cluster node and every restart sees the same run
 * (a page may resume a run another admin started on another node yesterday); it is written in the request's own
 * transaction; and it is not part of the component's configuration, which the admin console's provider form loads and
 * saves back whole (a form opened before a batch would write an old cursor back) and whose every update re-runs the
 * component's validation (a connection to the legacy database). The cost is a realm cache invalidation per batch,
 * one every second or two while a run is driven. The attribute is removed with the component.
 */
final class BulkRuns {

    private static final Logger LOG = Logger.getLogger(BulkRuns.class);
    static final String ATTRIBUTE_PREFIX = "legacyBridge.bulkRun.";

    private BulkRuns() {
    }

    static BulkRun load(RealmModel realm, String componentId) {
        String json = realm.getAttribute(ATTRIBUTE_PREFIX + componentId);
        if (json == null || json.isEmpty()) {
            return null;
        }
        try {
            return JsonSerialization.readValue(json, BulkRun.class);
        } catch (IOException e) {
            LOG.warnf("Ignoring the unreadable bulk-run state of component [%s]: %s", componentId, e.getMessage());
            return null;
        }
    }

    static void save(RealmModel realm, String componentId, BulkRun run) {
        try {
            realm.setAttribute(ATTRIBUTE_PREFIX + componentId, JsonSerialization.writeValueAsString(run));
        } catch (IOException e) {
            throw new IllegalStateException("Could not write the bulk-run state: " + e.getMessage(), e);
        }
    }

    static void remove(RealmModel realm, String componentId) {
        realm.removeAttribute(ATTRIBUTE_PREFIX + componentId);
    }
}
