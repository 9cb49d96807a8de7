package dev.legacybridge.api.config;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.JwkSetUriJwtDecoderBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.authorization.AllAuthoritiesAuthorizationManager;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderInitializationException;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.client.RestTemplate;

/**
 * The API's security, in the shape of Spring Security's resource-server samples: the token's issuer, audience and
 * algorithms come from Boot's {@code spring.security.oauth2.resourceserver.jwt.*} properties (Boot builds the
 * decoder), and this class adds the rules, the Keycloak-specific checks and the error answers.
 * <pre>
 * GET    /users/me, /users/me/items   any valid access token
 * GET    /posts, /posts/{id}          SCOPE_read:posts (HEAD too)
 * POST   /posts                       SCOPE_write:posts
 * DELETE /posts/{id}                  SCOPE_write:posts and ROLE_admin
 * Swagger UI, /v3/api-docs, /actuator/health{,/liveness,/readiness}, /error: public
 * GET    /.well-known/oauth-protected-resource   public (RFC 9728, answered by Spring Security's own filter)
 * anything else                       any valid access token (then 404/405 from MVC)
 * </pre>
 * What a token must be, besides what Boot checks (signature with a key of the realm's JWKS, {@code iss},
 * {@code aud}, header {@code typ}): the {@link OAuth2TokenValidator} beans below, which Boot adds to its decoder.
 * Rules use {@link AllAuthoritiesAuthorizationManager} because its denied decision lists the <em>missing</em>
 * authorities, which {@link BearerProblemHandler} turns into the {@code insufficient_scope} challenge.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({DemoApiProperties.class, OAuth2ResourceServerProperties.class})
public class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    @Bean
    SecurityFilterChain apiSecurityFilterChain(HttpSecurity http, JwtDecoder jwtDecoder,
            DemoApiProperties properties, OAuth2ResourceServerProperties resourceServer) throws Exception {
        BearerProblemHandler problems = new BearerProblemHandler(properties.security().realmName());
        http
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/error").permitAll()
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml",
                                "/swagger-ui.html", "/swagger-ui/**").permitAll()
                        .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/liveness",
                                "/actuator/health/readiness").permitAll()
                        .requestMatchers(HttpMethod.GET, "/users/me", "/users/me/items").authenticated()
                        .requestMatchers(HttpMethod.GET, "/posts", "/posts/*")
                        .access(AllAuthoritiesAuthorizationManager.hasAllAuthorities(Authorities.SCOPE_READ_POSTS))
                        // Spring MVC answers HEAD with the GET handler: same rule, or HEAD would bypass it.
                        .requestMatchers(HttpMethod.HEAD, "/posts", "/posts/*")
                        .access(AllAuthoritiesAuthorizationManager.hasAllAuthorities(Authorities.SCOPE_READ_POSTS))
                        .requestMatchers(HttpMethod.POST, "/posts")
                        .access(AllAuthoritiesAuthorizationManager.hasAllAuthorities(Authorities.SCOPE_WRITE_POSTS))
                        .requestMatchers(HttpMethod.DELETE, "/posts/*")
                        .access(AllAuthoritiesAuthorizationManager.hasAllAuthorities(
                                Authorities.SCOPE_WRITE_POSTS, Authorities.ROLE_ADMIN))
                        .anyRequest().authenticated())
                .oauth2ResourceServer(oauth2 -> oauth2
                        .bearerTokenResolver(new HeaderOnlyBearerTokenResolver())
                        .jwt(jwt -> jwt
                                .decoder(unreachableRealmAsUnavailable(jwtDecoder))
                                .jwtAuthenticationConverter(new KeycloakJwtAuthenticationConverter()))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems)
                        // RFC 9728 metadata at /.well-known/oauth-protected-resource (served by Spring Security 7
                        // by default): point clients at the realm, list the scopes, drop the default mTLS claim.
                        .protectedResourceMetadata(metadata -> metadata.protectedResourceMetadataCustomizer(builder -> {
                            builder.resourceName("Legacy Bridge demo API")
                                    .scope(Authorities.READ_POSTS)
                                    .scope(Authorities.WRITE_POSTS)
                                    .tlsClientCertificateBoundAccessTokens(false);
                            String issuer = resourceServer.getJwt().getIssuerUri();
                            if (issuer != null) {
                                builder.authorizationServer(issuer);
                            }
                        }))
                        // The configurer has no setter for the filter's failure handler, whose default rethrows
                        // AuthenticationServiceException (keys unreachable) into the servlet container: a 500.
                        .withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
                            @Override
                            public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
                                filter.setAuthenticationFailureHandler(problems);
                                return filter;
                            }
                        }))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // Bearer tokens travel in a header no browser adds by itself, so there is nothing for CSRF to forge.
                .csrf(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable);
        return http.build();
    }

    /** {@code exp} required, {@code exp}/{@code nbf} with {@code demo-api.security.clock-skew} (Spring's: 60 s). */
    @Bean
    OAuth2TokenValidator<Jwt> timestampValidator(DemoApiProperties properties) {
        return AccessTokenValidators.timestamps(properties.security().clockSkew());
    }

    /** Keycloak's body claim {@code typ} = {@code Bearer}: refuses its ID and refresh tokens (same realm key). */
    @Bean
    OAuth2TokenValidator<Jwt> keycloakAccessTokenTypeValidator() {
        return AccessTokenValidators.keycloakAccessTokenType();
    }

    /** {@code preferred_username} or {@code sub} present: every endpoint answers per user. */
    @Bean
    OAuth2TokenValidator<Jwt> identifiesUserValidator() {
        return AccessTokenValidators.identifiesUser();
    }

    @Bean
    RateLimitedJwkSetCache jwkSetCache(DemoApiProperties properties) {
        DemoApiProperties.Jwks jwks = properties.security().jwks();
        return new RateLimitedJwkSetCache(jwks.cacheTtl(), jwks.minRefreshInterval(), Clock.systemUTC());
    }

    /**
     * What Boot's decoder is built with, besides its properties: the JWK set cache that limits refetches for unknown
     * {@code kid}s ({@link RateLimitedJwkSetCache}); timeouts for the discovery and JWK set requests; and the
     * {@code jws-algorithms} also when only {@code issuer-uri} is set (Boot applies them only with
     * {@code jwk-set-uri}; otherwise Spring Security accepts whatever algorithms the realm's JWK set names).
     */
    @Bean
    JwkSetUriJwtDecoderBuilderCustomizer jwkSetCustomizer(RateLimitedJwkSetCache jwkSetCache,
            DemoApiProperties properties, OAuth2ResourceServerProperties resourceServer) {
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(properties.security().jwks().connectTimeout());
        requests.setReadTimeout(properties.security().jwks().readTimeout());
        RestTemplate http = new RestTemplate(requests);
        Set<SignatureAlgorithm> algorithms = new LinkedHashSet<>();
        for (String name : resourceServer.getJwt().getJwsAlgorithms()) {
            SignatureAlgorithm algorithm = SignatureAlgorithm.from(name);
            if (algorithm == null) {
                throw new IllegalStateException("Unknown JWS algorithm [" + name
                        + "] in spring.security.oauth2.resourceserver.jwt.jws-algorithms");
            }
            algorithms.add(algorithm);
        }
        return builder -> {
            log.info("Verifying access tokens of issuer [{}] with keys from {}, algorithms {}",
                    resourceServer.getJwt().getIssuerUri(), resourceServer.getJwt().getJwkSetUri() != null
                            ? "[" + resourceServer.getJwt().getJwkSetUri() + "]" : "its discovery document",
                    algorithms);
            builder.cache(jwkSetCache).restOperations(http).jwsAlgorithms(set -> set.addAll(algorithms));
        };
    }

    /**
     * No Spring Security observations. Actuator brings an {@code ObservationRegistry}, and Spring Security then wraps
     * every filter, authentication and authorization in a Micrometer observation. This API exports no metrics, so
     * that is pure overhead (measured in docs/benchmarks.md). Boot's own {@code http.server.requests} stays.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * With only {@code issuer-uri}, Boot's decoder finds the realm's JWK set URL on the first token. If the realm is
     * unreachable then, it throws {@link JwtDecoderInitializationException}, which Spring Security passes on to the
     * servlet container (500, a stack trace per request). As the {@link JwtException} it is, Spring Security reports
     * it as a service failure, which {@link BearerProblemHandler} answers with 503; the next token tries again.
     */
    static JwtDecoder unreachableRealmAsUnavailable(JwtDecoder decoder) {
        return token -> {
            try {
                return decoder.decode(token);
            }
            catch (JwtDecoderInitializationException ex) {
                Throwable cause = ex.getCause() != null ? ex.getCause() : ex;
                throw new JwtException("The realm's signing keys could not be resolved: " + cause.getMessage(), ex);
            }
        };
    }
}
