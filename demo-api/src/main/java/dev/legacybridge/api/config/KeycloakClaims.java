package dev.legacybridge.api.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.util.StringUtils;

/**
 * Reads the claims Keycloak puts into its access tokens. Shapes (Keycloak 26.7, verified):
 * <pre>
 * "typ": "Bearer"                          (refresh tokens say "Refresh", ID tokens "ID")
 * "scope": "openid email profile read:posts"   (space separated; may be empty)
 * "realm_access": { "roles": ["admin", "staff", "default-roles-demo"] }
 * "preferred_username": "alice", "email": "...", "name": "Alice Liddell", "given_name": ..., "family_name": ...
 * </pre>
 * {@code sub} and {@code preferred_username} come from the realm's default client scopes ({@code basic},
 * {@code profile}) and are absent from tokens of realms without them.
 */
public final class KeycloakClaims {

    public static final String TYPE = "typ";
    public static final String ACCESS_TOKEN_TYPE = "Bearer";
    public static final String SCOPE = "scope";
    public static final String REALM_ACCESS = "realm_access";
    public static final String ROLES = "roles";
    public static final String PREFERRED_USERNAME = "preferred_username";
    public static final String EMAIL = "email";
    public static final String NAME = "name";
    public static final String GIVEN_NAME = "given_name";
    public static final String FAMILY_NAME = "family_name";

    private KeycloakClaims() {
    }

    /** {@code preferred_username}, else {@code sub}, else null (such tokens are refused by the validators). */
    public static @Nullable String username(Jwt jwt) {
        String username = jwt.getClaimAsString(PREFERRED_USERNAME);
        return StringUtils.hasText(username) ? username : jwt.getSubject();
    }

    /** The {@code name} claim, else given and family name joined, else null. */
    public static @Nullable String fullName(Jwt jwt) {
        String name = jwt.getClaimAsString(NAME);
        if (StringUtils.hasText(name)) {
            return name;
        }
        String joined = String.join(" ", Arrays.stream(
                new String[] {jwt.getClaimAsString(GIVEN_NAME), jwt.getClaimAsString(FAMILY_NAME)})
                .filter(StringUtils::hasText)
                .toList());
        return joined.isEmpty() ? null : joined;
    }

    /**
     * The {@code scope} claim as a list: space-delimited as RFC 6749 §3.3 defines it (repeated spaces tolerated);
     * also accepts a JSON array. Plain loops: this runs on every request.
     */
    public static List<String> scopes(Jwt jwt) {
        Object scope = jwt.getClaim(SCOPE);
        List<String> scopes = new ArrayList<>();
        if (scope instanceof String text) {
            for (String name : text.split(" ")) {
                if (!name.isEmpty()) {
                    scopes.add(name);
                }
            }
        }
        else if (scope instanceof Collection<?> values) {
            for (Object value : values) {
                scopes.add(String.valueOf(value));
            }
        }
        return scopes;
    }

    /** The realm roles in {@code realm_access.roles}; client roles ({@code resource_access}) are not used. */
    public static List<String> realmRoles(Jwt jwt) {
        List<String> roles = new ArrayList<>();
        if (jwt.getClaim(REALM_ACCESS) instanceof Map<?, ?> realmAccess
                && realmAccess.get(ROLES) instanceof Collection<?> values) {
            for (Object value : values) {
                roles.add(String.valueOf(value));
            }
        }
        return roles;
    }
}
