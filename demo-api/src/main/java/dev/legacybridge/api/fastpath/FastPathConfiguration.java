package dev.legacybridge.api.fastpath;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import dev.legacybridge.api.config.DemoApiProperties;
import dev.legacybridge.api.config.RateLimitedJwkSetCache;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.JwkSetUriJwtDecoderBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.util.StringUtils;

/**
 * The opt-in fast path, {@code demo-api.fast-path.enabled=true} (off by default). Two changes for throughput, neither
 * of which changes what is accepted or refused:
 * <ol>
 * <li>a {@link VerifiedTokenCache} in front of the decoder: a token seen again within its lifetime skips parsing and
 * the RS256 signature check, never the claim checks;</li>
 * <li>Spring Security's request firewall with its header checks written as loops ({@link FirewallPredicates}) instead
 * of regular expressions.</li>
 * </ol>
 * Because this defines the {@link JwtDecoder} bean, Spring Boot does not build its own; the decoder behind the cache
 * is built exactly the way Boot 4.0 builds it from {@code spring.security.oauth2.resourceserver.jwt.*} (the same
 * builder, the same {@link JwkSetUriJwtDecoderBuilderCustomizer} beans, the same validators), and the cache re-runs
 * that same validator on every hit. What it costs and gains: docs/demo-api.md ("Fast path") and
 * docs/benchmarks.md.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("demo-api.fast-path.enabled")
public class FastPathConfiguration {

    private static final Logger log = LoggerFactory.getLogger(FastPathConfiguration.class);

    @Bean
    JwtDecoder verifiedTokenCachingJwtDecoder(OAuth2ResourceServerProperties resourceServer,
            DemoApiProperties properties, RateLimitedJwkSetCache jwkSetCache,
            ObjectProvider<JwkSetUriJwtDecoderBuilderCustomizer> customizers,
            ObjectProvider<OAuth2TokenValidator<Jwt>> validatorBeans) {
        OAuth2ResourceServerProperties.Jwt jwt = resourceServer.getJwt();
        String issuer = jwt.getIssuerUri();
        if (!StringUtils.hasText(issuer)) {
            throw new IllegalStateException("spring.security.oauth2.resourceserver.jwt.issuer-uri must be set");
        }
        OAuth2TokenValidator<Jwt> validator = validator(issuer, jwt.getAudiences(),
                validatorBeans.orderedStream().toList());
        String jwkSetUri = jwt.getJwkSetUri();
        JwtDecoder verifier = new SupplierJwtDecoder(() -> {
            NimbusJwtDecoder.JwkSetUriJwtDecoderBuilder builder = StringUtils.hasText(jwkSetUri)
                    ? NimbusJwtDecoder.withJwkSetUri(jwkSetUri)
                    : NimbusJwtDecoder.withIssuerLocation(issuer);
            customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
            NimbusJwtDecoder decoder = builder.build();
            decoder.setJwtValidator(validator);
            return decoder;
        });
        DemoApiProperties.FastPath fastPath = properties.fastPath();
        log.info("Fast path on: verified-token cache of at most {} tokens, each until its exp and at most {}",
                fastPath.maxEntries(), fastPath.ttl());
        return new VerifiedTokenCache(verifier, validator, jwkSetCache::freshGeneration, fastPath.maxEntries(),
                fastPath.ttl(), Clock.systemUTC());
    }

    /**
     * Spring Security's default {@link StrictHttpFirewall}, with its header-name, header-value and parameter-name
     * checks written as loops ({@link FirewallPredicates}: the same rule, code point by code point).
     * {@code WebSecurity} picks this bean up for the {@code FilterChainProxy}.
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
     * What Boot 4.0's {@code OAuth2ResourceServerJwtConfiguration} sets on its decoder: Spring Security's defaults
     * (timestamps unless a validator bean replaces them, header {@code typ}, certificate binding), the issuer, the
     * audiences, then every {@code OAuth2TokenValidator<Jwt>} bean.
     */
    static OAuth2TokenValidator<Jwt> validator(String issuer, @Nullable List<String> audiences,
            List<OAuth2TokenValidator<Jwt>> validatorBeans) {
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(new JwtIssuerValidator(issuer));
        if (audiences != null && !audiences.isEmpty()) {
            validators.add(new JwtClaimValidator<@Nullable List<String>>(JwtClaimNames.AUD,
                    aud -> aud != null && !Collections.disjoint(aud, audiences)));
        }
        validators.addAll(validatorBeans);
        return JwtValidators.createDefaultWithValidators(validators);
    }
}
