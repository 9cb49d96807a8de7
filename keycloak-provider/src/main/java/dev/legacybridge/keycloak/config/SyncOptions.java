package dev.legacybridge.keycloak.config;

import java.util.List;
import java.util.Set;

/**
 * How a coexistence sync treats users migrated from the legacy table while the legacy application keeps running.
 *
 * @param enabled   whether full and changed-users syncs update migrated users at all
 * @param addOnly   roles and groups are only added, never removed
 * @param ignored   fields never changed, among {@link #FIELDS}
 */
public record SyncOptions(boolean enabled, boolean addOnly, Set<String> ignored) {

    /** The fields a sync may change, by the names the form uses. */
    public static final List<String> FIELDS = List.of("email", "firstName", "lastName", "attributes", "enabled",
            "roles", "groups");

    public SyncOptions {
        ignored = Set.copyOf(ignored);
    }

    public boolean changes(String field) {
        return !ignored.contains(field);
    }
}
