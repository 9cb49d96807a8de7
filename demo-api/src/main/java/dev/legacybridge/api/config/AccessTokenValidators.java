package dev.legacybridge.api.config;

import java.time.Duration;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;

/**
 * The checks this API adds to the issuer, audience and signature checks that follow from Spring Boot's
 * {@code spring.security.oauth2.resourceserver.jwt.*} properties. {@link SecurityConfiguration} exposes each as an
 * {@code OAuth2TokenValidator<Jwt>} bean, and Spring Boot adds every such bean to the decoder it builds.
 */
final class AccessTokenValidators {

    private static final String RFC_6750_ERRORS = "https://tools.ietf.org/html/rfc6750#section-3.1";

    private AccessTokenValidators() {
    }

    /**
     * {@code exp} (required) and {@code nbf} (optional; Keycloak omits it) with {@code clockSkew} of tolerance.
     * Replaces Spring Security's default 60 s validator: {@code JwtValidators.createDefaultWithValidators} adds its
     * own only when the list holds no {@link JwtTimestampValidator}.
     */
    static JwtTimestampValidator timestamps(Duration clockSkew) {
        JwtTimestampValidator validator = new JwtTimestampValidator(clockSkew);
        validator.setAllowEmptyExpiryClaim(false);
        return validator;
    }

    /**
     * Keycloak's body claim {@code typ} must be {@code Bearer}: refresh tokens ({@code Refresh}) and ID tokens
     * ({@code ID}) of the same realm are signed by the same realm and would otherwise pass. (The header {@code typ},
     * {@code JWT} for all three, is checked separately by Spring Security's default {@code JwtTypeValidator}.)
     */
    static OAuth2TokenValidator<Jwt> keycloakAccessTokenType() {
        return new JwtClaimValidator<Object>(KeycloakClaims.TYPE, KeycloakClaims.ACCESS_TOKEN_TYPE::equals);
    }

    /** The token must name its user ({@code preferred_username} or {@code sub}): every endpoint answers per user. */
    static OAuth2TokenValidator<Jwt> identifiesUser() {
        OAuth2Error error = new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
                "The token names no user (neither preferred_username nor sub)", RFC_6750_ERRORS);
        return jwt -> KeycloakClaims.username(jwt) != null
                ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(error);
    }
}
