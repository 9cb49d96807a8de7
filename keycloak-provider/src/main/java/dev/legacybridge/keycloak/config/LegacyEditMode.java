package dev.legacybridge.keycloak.config;

/**
 * How Keycloak treats the legacy table.
 *
 * <ul>
 *   <li>{@link #READ_ONLY}: the legacy table stays the source of truth; Keycloak never writes to it. Password and
 *       profile changes made in Keycloak are refused for legacy users.</li>
 *   <li>{@link #WRITABLE}: as READ_ONLY, but password changes made in Keycloak are written back to the legacy row in the
 *       legacy application's own format, and the mapped profile fields (email, first name, last name, active flag)
 *       are written back too, so both applications keep working during a transition.</li>
 *   <li>{@link #MIGRATE}: after the first successful login against the legacy hash, the user is created in Keycloak's
 *       own store (profile, roles, groups, the password under the realm's policy) and is never looked up in the legacy
 *       table again.</li>
 * </ul>
 */
public enum LegacyEditMode {
    READ_ONLY,
    WRITABLE,
    MIGRATE
}
