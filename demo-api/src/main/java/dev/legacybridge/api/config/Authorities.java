package dev.legacybridge.api.config;

/**
 * The scope and role names the API's rules use, and the authorities they become. Scopes follow the realm's
 * {@code action:resource} client-scope names; realm roles are Keycloak's {@code realm_access.roles}.
 */
public final class Authorities {

    /** Scope that lets a client read posts. */
    public static final String READ_POSTS = "read:posts";
    /** Scope that lets a client create and delete posts. */
    public static final String WRITE_POSTS = "write:posts";
    /** Realm role of legacy superusers ({@code is_superuser}). */
    public static final String ADMIN = "admin";

    public static final String SCOPE_PREFIX = "SCOPE_";
    public static final String ROLE_PREFIX = "ROLE_";

    public static final String SCOPE_READ_POSTS = SCOPE_PREFIX + READ_POSTS;
    public static final String SCOPE_WRITE_POSTS = SCOPE_PREFIX + WRITE_POSTS;
    public static final String ROLE_ADMIN = ROLE_PREFIX + ADMIN;

    private Authorities() {
    }
}
