package dev.legacybridge.api.config;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

import static org.assertj.core.api.Assertions.assertThat;

class KeycloakJwtAuthenticationConverterTest {

    private final KeycloakJwtAuthenticationConverter converter = new KeycloakJwtAuthenticationConverter();

    @Test
    void convertWhenScopesAndRealmRolesThenBothKindsOfAuthority() {
        Jwt jwt = jwt(Map.of("sub", "s-1", "preferred_username", "alice",
                "scope", "openid  read:posts write:posts",
                "realm_access", Map.of("roles", List.of("admin", "staff"))));

        AbstractAuthenticationToken authentication = this.converter.convert(jwt);

        assertThat(authentication.getAuthorities()).extracting(GrantedAuthority::getAuthority).containsExactly(
                "SCOPE_openid", "SCOPE_read:posts", "SCOPE_write:posts", "ROLE_admin", "ROLE_staff");
        assertThat(authentication.getName()).isEqualTo("alice");
    }

    @Test
    void convertWhenNoPreferredUsernameThenNameIsSubject() {
        assertThat(this.converter.convert(jwt(Map.of("sub", "s-1"))).getName()).isEqualTo("s-1");
    }

    @Test
    void convertWhenScopeEmptyAndNoRealmAccessThenNoAuthorities() {
        assertThat(this.converter.convert(jwt(Map.of("sub", "s-1", "scope", ""))).getAuthorities()).isEmpty();
    }

    @Test
    void convertWhenScopeIsArrayThenEachEntryIsAScope() {
        assertThat(KeycloakJwtAuthenticationConverter.authorities(jwt(Map.of("scope", List.of("read:posts")))))
                .extracting(GrantedAuthority::getAuthority).containsExactly("SCOPE_read:posts");
    }

    @Test
    void convertWhenClientRolesOnlyThenNoRoleAuthorities() {
        Jwt jwt = jwt(Map.of("sub", "s-1",
                "resource_access", Map.of("account", Map.of("roles", List.of("manage-account")))));
        assertThat(this.converter.convert(jwt).getAuthorities()).isEmpty();
    }

    private static Jwt jwt(Map<String, Object> claims) {
        return Jwt.withTokenValue("token").header("alg", "RS256").claims(c -> c.putAll(claims)).build();
    }
}
