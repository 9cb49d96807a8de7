package dev.legacybridge.keycloak.config;

/** What legacy group memberships ({@code auth_group}) become in Keycloak. */
public enum LegacyGroupsAs {
    /** Top-level Keycloak groups of the same name (missing ones are created on save and by the sync). */
    GROUPS,
    /** Realm roles of the same name (only roles that exist in the realm are granted). */
    ROLES,
    /** Ignored. */
    NONE
}
