package dev.legacybridge.api.config;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

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

    /** Compiled once: {@code String.split("\\s+")} compiles its pattern on every call, i.e. on every request. */
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

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

    /** The space-separated {@code scope} claim as a list; also accepts a JSON array. */
    public static List<String> scopes(Jwt jwt) {
        Object scope = jwt.getClaim(SCOPE);
        if (scope instanceof String text) {
            return Arrays.stream(WHITESPACE.split(text.trim())).filter(StringUtils::hasText).toList();
        }
        if (scope instanceof Collection<?> values) {
            return values.stream().map(String::valueOf).toList();
        }
        return List.of();
    }

    /** The realm roles in {@code realm_access.roles}; client roles ({@code resource_access}) are not used. */
    public static List<String> realmRoles(Jwt jwt) {
        Object realmAccess = jwt.getClaim(REALM_ACCESS);
        if (realmAccess instanceof Map<?, ?> map && map.get(ROLES) instanceof Collection<?> roles) {
            return roles.stream().map(String::valueOf).toList();
        }
        return List.of();
    }
}
