package dev.legacybridge.api.web;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.legacybridge.api.config.KeycloakClaims;

import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * {@code GET /users/me}: the caller as the access token describes them; there is no user database behind it.
 * <pre>
 * {"sub":"f:3c1…:42","username":"alice","email":"alice@example.org","full_name":"Alice Liddell",
 *  "roles":["admin","default-roles-demo"],"scopes":["openid","profile","email","read:posts"]}
 * </pre>
 *
 * @param roles realm roles ({@code realm_access.roles}), as Keycloak lists them
 * @param scopes the {@code scope} claim, split on spaces
 */
record UserProfile(
        @Nullable String sub,
        String username,
        @Nullable String email,
        @JsonProperty("full_name") @Nullable String fullName,
        List<String> roles,
        List<String> scopes) {

    static UserProfile from(Jwt jwt) {
        return new UserProfile(jwt.getSubject(), String.valueOf(KeycloakClaims.username(jwt)),
                jwt.getClaimAsString(KeycloakClaims.EMAIL), KeycloakClaims.fullName(jwt),
                KeycloakClaims.realmRoles(jwt), KeycloakClaims.scopes(jwt));
    }
}
