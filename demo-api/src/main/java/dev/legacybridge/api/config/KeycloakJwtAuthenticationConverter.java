package dev.legacybridge.api.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Turns a validated Keycloak access token into the authentication the rules see. One converter for both kinds of
 * authority:
 * <pre>
 * "scope": "openid read:posts"             -> SCOPE_openid, SCOPE_read:posts
 * "realm_access": {"roles": ["admin"]}     -> ROLE_admin
 * </pre>
 * The principal name is {@code preferred_username}, falling back to {@code sub}.
 */
public final class KeycloakJwtAuthenticationConverter implements Converter<Jwt, AbstractAuthenticationToken> {

    /** The authorities alone, as {@code SecurityMockMvcRequestPostProcessors.jwt().authorities(...)} wants them. */
    public static Collection<GrantedAuthority> authorities(Jwt jwt) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        for (String scope : KeycloakClaims.scopes(jwt)) {
            authorities.add(new SimpleGrantedAuthority(Authorities.SCOPE_PREFIX + scope));
        }
        for (String role : KeycloakClaims.realmRoles(jwt)) {
            authorities.add(new SimpleGrantedAuthority(Authorities.ROLE_PREFIX + role));
        }
        return List.copyOf(authorities);
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        return new JwtAuthenticationToken(jwt, authorities(jwt), KeycloakClaims.username(jwt));
    }
}
