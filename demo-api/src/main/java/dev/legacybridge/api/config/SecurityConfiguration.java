package dev.legacybridge.api.config;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AllAuthoritiesAuthorizationManager;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * The API's single {@link SecurityFilterChain}: stateless, bearer tokens in the {@code Authorization} header only,
 * rules as authorities.
 * <pre>
 * GET    /users/me, /users/me/items   any valid access token
 * GET    /posts, /posts/{id}          SCOPE_read:posts (HEAD too)
 * POST   /posts                       SCOPE_write:posts
 * DELETE /posts/{id}                  SCOPE_write:posts and ROLE_admin
 * GET    /bench/posts                 public, and only when demo-api.benchmark-twin.enabled=true
 * Swagger UI, /v3/api-docs, /actuator/health{,/liveness,/readiness}, /error: public
 * GET    /.well-known/oauth-protected-resource   public (RFC 9728, answered by Spring Security's own filter)
 * anything else                       any valid access token (then 404/405 from MVC)
 * </pre>
 * Rules use {@link AllAuthoritiesAuthorizationManager} because its denied decision lists the <em>missing</em>
 * authorities, which {@link BearerProblemHandler} turns into the {@code insufficient_scope} challenge.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({DemoApiProperties.class, OAuth2ResourceServerProperties.class})
public class SecurityConfiguration {

    @Bean
    SecurityFilterChain apiSecurityFilterChain(HttpSecurity http, JwtDecoder jwtDecoder,
            BearerTokenResolver bearerTokenResolver, DemoApiProperties properties,
            OAuth2ResourceServerProperties resourceServerProperties) throws Exception {
        BearerProblemHandler problems = new BearerProblemHandler(properties.security().realmName());
        boolean benchmarkTwin = properties.benchmarkTwin().enabled();
        http
                .authorizeHttpRequests(requests -> {
                    requests
                            .requestMatchers("/error").permitAll()
                            .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml",
                                    "/swagger-ui.html", "/swagger-ui/**").permitAll()
                            .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/liveness",
                                    "/actuator/health/readiness").permitAll();
                    if (benchmarkTwin) {
                        requests.requestMatchers(HttpMethod.GET, "/bench/posts").permitAll();
                    }
                    requests
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
                            .anyRequest().authenticated();
                })
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .bearerTokenResolver(bearerTokenResolver)
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems)
                        // RFC 9728 metadata at /.well-known/oauth-protected-resource (Spring Security 7 serves it
                        // by default); point clients at the realm and drop the default mTLS-bound claim.
                        .protectedResourceMetadata(metadata -> metadata.protectedResourceMetadataCustomizer(builder -> {
                            builder.resourceName("Legacy Bridge demo API")
                                    .scope(Authorities.READ_POSTS)
                                    .scope(Authorities.WRITE_POSTS)
                                    .tlsClientCertificateBoundAccessTokens(false);
                            String issuer = resourceServerProperties.getJwt().getIssuerUri();
                            if (issuer != null) {
                                builder.authorizationServer(issuer);
                            }
                        }))
                        .jwt(jwt -> jwt
                                .decoder(jwtDecoder)
                                .jwtAuthenticationConverter(new KeycloakJwtAuthenticationConverter()))
                        // The configurer offers no setter for the filter's failure handler; its default rethrows
                        // AuthenticationServiceException (keys unreachable) into the container as a 500.
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

    /**
     * The realm's decoder; Boot's own backs off because this bean exists. Validators are the beans below plus any
     * other {@code OAuth2TokenValidator<Jwt>} bean, as with Boot's decoder.
     */
    @Bean
    JwtDecoder jwtDecoder(OAuth2ResourceServerProperties resourceServer, DemoApiProperties properties,
            ObjectProvider<OAuth2TokenValidator<Jwt>> validators) {
        List<OAuth2TokenValidator<Jwt>> additional = validators.orderedStream().toList();
        return RealmJwtDecoders.fromProperties(resourceServer.getJwt(), properties.security().jwks(),
                properties.security().tokenCache(), additional);
    }

    @Bean
    OAuth2TokenValidator<Jwt> timestampValidator(DemoApiProperties properties) {
        return AccessTokenValidators.timestamps(properties.security().clockSkew());
    }

    @Bean
    OAuth2TokenValidator<Jwt> keycloakAccessTokenTypeValidator() {
        return AccessTokenValidators.keycloakAccessTokenType();
    }

    @Bean
    OAuth2TokenValidator<Jwt> identifiesUserValidator() {
        return AccessTokenValidators.identifiesUser();
    }

    @Bean
    BearerTokenResolver bearerTokenResolver() {
        return new HeaderOnlyBearerTokenResolver();
    }

    /**
     * Spring Security's default {@link StrictHttpFirewall}, with its header-name, header-value and parameter-name
     * checks written as a loop instead of a regex ({@link FirewallPredicates}: the same rule, code point by code
     * point). {@code WebSecurity} picks this bean up for the {@code FilterChainProxy}.
     */
    @Bean
    HttpFirewall httpFirewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(FirewallPredicates::assignedAndNotControl);
        firewall.setAllowedHeaderValues(FirewallPredicates::headerValue);
        firewall.setAllowedParameterNames(FirewallPredicates::assignedAndNotControl);
        return firewall;
    }

    /**
     * No Spring Security observations. With actuator on the classpath Boot provides an {@code ObservationRegistry}, and
     * Spring Security then wraps every filter of the chain, every authentication and every authorization in a
     * Micrometer observation, each feeding timers and counters of the in-memory registry. This API exposes no metrics
     * endpoint and exports nothing, so that work is pure overhead: it took about a sixth of a secured request's time
     * and a third of a public one's (JFR under wrk, docs/benchmarks.md). Boot's own {@code http.server.requests}
     * observation stays.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }
}
