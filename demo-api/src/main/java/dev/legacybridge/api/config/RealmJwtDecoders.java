package dev.legacybridge.api.config;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.text.ParseException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.CachingJWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSetBasedJWKSource;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.util.StringUtils;
import org.springframework.web.client.RestClient;

/**
 * Builds the {@link JwtDecoder} for the realm from Spring Boot's own properties, the same way Boot's
 * {@code OAuth2ResourceServerJwtConfiguration} does, except for the JWK source.
 *
 * <p>Why not Boot's decoder: Spring Security 7.0's {@code NimbusJwtDecoder.withJwkSetUri(..)} and
 * {@code withIssuerLocation(..)} build their JWK source with {@code JWKSourceBuilder...rateLimited(false)}, so every
 * token with an unknown {@code kid} makes one JWKS request: random kids are a free refetch storm against Keycloak.
 * Here the source is Nimbus's own chain, {@code JWKSetBasedJWKSource -> CachingJWKSetSource (TTL) ->
 * RateLimitedJWKSetSource -> URLBasedJWKSetSource}, with Nimbus's rate limit on: an unknown kid refetches the set
 * (key rotation works), but at most twice per {@code min-refresh-interval}.
 *
 * <p>Honoured: {@code issuer-uri} (always validated against {@code iss}; required), {@code jwk-set-uri} (when set,
 * no discovery call), {@code audiences}, {@code jws-algorithms}, and every {@code OAuth2TokenValidator<Jwt>} bean.
 * Nothing is fetched before the first token arrives, so the API starts while Keycloak is still down; a failed
 * discovery is retried on the next token (see {@link LazyJwtDecoder}).
 *
 * <p>With {@code demo-api.security.token-cache.enabled} (the default) the Nimbus decoder sits behind a
 * {@link VerifiedTokenCache}, and its JWK source reports key-set changes through {@link KeySetEpochs}.
 */
final class RealmJwtDecoders {

    private static final Logger log = LoggerFactory.getLogger(RealmJwtDecoders.class);

    private RealmJwtDecoders() {
    }

    /**
     * @param jwt Boot's {@code spring.security.oauth2.resourceserver.jwt.*}
     * @param jwks cache and rate-limit settings
     * @param tokenCache the verified-token cache settings
     * @param additionalValidators applied after the defaults, issuer and audience, in this order
     */
    static JwtDecoder fromProperties(OAuth2ResourceServerProperties.Jwt jwt, DemoApiProperties.Jwks jwks,
            DemoApiProperties.TokenCache tokenCache, List<OAuth2TokenValidator<Jwt>> additionalValidators) {
        return fromProperties(jwt, jwks, tokenCache, additionalValidators, Clock.systemUTC());
    }

    /** As above; {@code clock} decides when cached tokens reach their deadline (tests). */
    static JwtDecoder fromProperties(OAuth2ResourceServerProperties.Jwt jwt, DemoApiProperties.Jwks jwks,
            DemoApiProperties.TokenCache tokenCache, List<OAuth2TokenValidator<Jwt>> additionalValidators,
            Clock clock) {
        String issuer = jwt.getIssuerUri();
        if (!StringUtils.hasText(issuer)) {
            throw new IllegalStateException("spring.security.oauth2.resourceserver.jwt.issuer-uri must be set: "
                    + "the API validates iss against it");
        }
        if (jwks.minRefreshInterval().compareTo(jwks.cacheTtl()) >= 0) {
            // Nimbus refuses this combination too, but only when the source is built, at the first token.
            throw new IllegalStateException("demo-api.security.jwks.min-refresh-interval must be shorter than "
                    + "demo-api.security.jwks.cache-ttl");
        }
        if (tokenCache.enabled() && (tokenCache.ttl().isNegative() || tokenCache.ttl().isZero())) {
            throw new IllegalStateException("demo-api.security.token-cache.ttl must be positive");
        }
        if (jwt.getPublicKeyLocation() != null) {
            throw new IllegalStateException("spring.security.oauth2.resourceserver.jwt.public-key-location is not "
                    + "supported: the keys come from the realm's JWKS");
        }
        List<SignatureAlgorithm> algorithms = jwt.getJwsAlgorithms().stream().map(name -> {
            SignatureAlgorithm algorithm = SignatureAlgorithm.from(name);
            if (algorithm == null) {
                throw new IllegalStateException("Unknown JWS algorithm [" + name
                        + "] in spring.security.oauth2.resourceserver.jwt.jws-algorithms");
            }
            return algorithm;
        }).toList();
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(new JwtIssuerValidator(issuer));
        List<String> audiences = jwt.getAudiences();
        if (!audiences.isEmpty()) {
            validators.add(new JwtClaimValidator<@Nullable List<String>>(JwtClaimNames.AUD,
                    aud -> aud != null && !Collections.disjoint(aud, audiences)));
        }
        validators.addAll(additionalValidators);
        OAuth2TokenValidator<Jwt> validator = JwtValidators.createDefaultWithValidators(validators);
        String configuredJwkSetUri = jwt.getJwkSetUri();

        Set<JWSAlgorithm> jwsAlgorithms = algorithms.stream()
                .map(algorithm -> JWSAlgorithm.parse(algorithm.getName()))
                .collect(Collectors.toUnmodifiableSet());
        return new LazyJwtDecoder(jwsAlgorithms, () -> {
            String jwkSetUri = StringUtils.hasText(configuredJwkSetUri)
                    ? configuredJwkSetUri
                    : discoverJwkSetUri(issuer, jwks);
            JWKSource<SecurityContext> keySource = jwkSource(toUrl(jwkSetUri), jwks);
            KeySetEpochs epochs = null;
            if (tokenCache.enabled()) {
                epochs = watchKeySet(keySource);
                keySource = new JWKSetBasedJWKSource<>(epochs);
            }
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(new RateLimitAsUnknownKey(keySource))
                    .jwsAlgorithms(set -> set.addAll(algorithms))
                    .build();
            decoder.setJwtValidator(validator);
            log.info("Verifying access tokens of issuer [{}] with keys from [{}], algorithms {}", issuer, jwkSetUri,
                    algorithms);
            if (epochs == null) {
                log.info("Verified-token cache disabled: every request verifies its token's signature");
                return decoder;
            }
            VerifiedTokenCache cache = new VerifiedTokenCache(decoder, validator, epochs, tokenCache.maxEntries(),
                    tokenCache.ttl(), clock);
            epochs.onChange(cache::clear);
            log.info("Verified-token cache on: at most {} tokens, each until its exp and at most {}",
                    tokenCache.maxEntries(), tokenCache.ttl());
            return cache;
        });
    }

    /**
     * Puts {@link KeySetEpochs} between the JWK-set cache and the key selection of a source built by
     * {@link #jwkSource}, so that every set a signature check uses has been numbered first.
     */
    private static KeySetEpochs watchKeySet(JWKSource<SecurityContext> keySource) {
        if (!(keySource instanceof JWKSetBasedJWKSource<SecurityContext> setBased)) {
            throw new IllegalStateException("Unexpected JWK source " + keySource.getClass().getName());
        }
        return new KeySetEpochs(setBased.getJWKSetSource());
    }

    /**
     * The rate-limited, cached JWK source. {@code JWKSourceBuilder} enforces {@code minRefreshInterval < cacheTtl},
     * so while the cache is valid there is always a set to answer from, and an expired cache finds the limiter open.
     * The decoder wraps it in {@link RateLimitAsUnknownKey}.
     */
    static JWKSource<SecurityContext> jwkSource(URL jwkSetUrl, DemoApiProperties.Jwks jwks) {
        DefaultResourceRetriever retriever = new DefaultResourceRetriever(
                (int) jwks.connectTimeout().toMillis(), (int) jwks.readTimeout().toMillis(), jwks.sizeLimitBytes());
        JWKSource<SecurityContext> source = JWKSourceBuilder.create(jwkSetUrl, retriever)
                .cache(jwks.cacheTtl().toMillis(), jwks.refreshTimeout().toMillis(), event -> {
                    if (event instanceof CachingJWKSetSource.RefreshCompletedEvent<?> completed) {
                        log.debug("Fetched JWK set from [{}]: {} keys", jwkSetUrl,
                                completed.getJWKSet().getKeys().size());
                    }
                    else if (event instanceof CachingJWKSetSource.UnableToRefreshEvent<?>) {
                        log.warn("Could not refresh the JWK set from [{}]", jwkSetUrl);
                    }
                })
                .rateLimited(jwks.minRefreshInterval().toMillis(),
                        event -> log.debug("JWK set refresh from [{}] refused by the rate limit", jwkSetUrl))
                .refreshAheadCache(false)
                .build();
        return source;
    }

    private static String discoverJwkSetUri(String issuer, DemoApiProperties.Jwks jwks) {
        String trimmed = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        SimpleClientHttpRequestFactory requestFactory = new SimpleClientHttpRequestFactory();
        requestFactory.setConnectTimeout(jwks.connectTimeout());
        requestFactory.setReadTimeout(jwks.readTimeout());
        Map<String, Object> configuration = RestClient.builder().requestFactory(requestFactory).build()
                .get()
                .uri(URI.create(trimmed + "/.well-known/openid-configuration"))
                .retrieve()
                .body(new ParameterizedTypeReference<Map<String, Object>>() {
                });
        if (configuration == null || !(configuration.get("jwks_uri") instanceof String jwkSetUri)) {
            throw new IllegalStateException("The OpenID configuration of [" + issuer + "] has no jwks_uri");
        }
        Object advertised = configuration.get("issuer");
        if (!issuer.equals(advertised) && !trimmed.equals(advertised)) {
            throw new IllegalStateException("The issuer [" + advertised + "] advertised by [" + issuer
                    + "] does not match issuer-uri; set jwk-set-uri instead when the URLs differ on purpose");
        }
        return jwkSetUri;
    }

    private static URL toUrl(String uri) {
        try {
            return URI.create(uri).toURL();
        }
        catch (MalformedURLException | IllegalArgumentException ex) {
            throw new IllegalStateException("Invalid JWK set URI [" + uri + "]", ex);
        }
    }

    /**
     * Like Spring Security's {@code SupplierJwtDecoder} (build on first use, retry a failed build on the next token),
     * with two differences. A failed build surfaces as a plain {@link JwtException}, like an unreachable JWKS, so
     * Spring Security reports it as {@code AuthenticationServiceException} (answered 503 by
     * {@code BearerProblemHandler}) rather than letting an unchecked exception escape the filter chain. And until the
     * real decoder exists, a token is first checked for what needs no keys: well-formed, signed, with an accepted
     * algorithm; so garbage, {@code alg: none} or HS256 tokens get 401 even while Keycloak is still down. Once built,
     * tokens go straight to the Nimbus decoder, which checks the same again.
     */
    static final class LazyJwtDecoder implements JwtDecoder {

        private final Set<JWSAlgorithm> algorithms;
        private final Supplier<JwtDecoder> factory;
        private volatile @Nullable JwtDecoder delegate;

        LazyJwtDecoder(Set<JWSAlgorithm> algorithms, Supplier<JwtDecoder> factory) {
            this.algorithms = algorithms;
            this.factory = factory;
        }

        @Override
        public Jwt decode(String token) throws JwtException {
            JwtDecoder decoder = this.delegate;
            if (decoder == null) {
                precheck(token);
                decoder = delegate();
            }
            return decoder.decode(token);
        }

        /** The real decoder once built (tests). */
        @Nullable JwtDecoder built() {
            return this.delegate;
        }

        private synchronized JwtDecoder delegate() {
            JwtDecoder decoder = this.delegate;
            if (decoder == null) {
                try {
                    decoder = this.factory.get();
                }
                catch (RuntimeException ex) {
                    throw new JwtException("Could not resolve the signing keys of the issuer: " + ex.getMessage(), ex);
                }
                this.delegate = decoder;
            }
            return decoder;
        }

        private void precheck(String token) {
            JWT jwt;
            try {
                jwt = JWTParser.parse(token);
            }
            catch (ParseException ex) {
                throw new BadJwtException("An error occurred while attempting to decode the Jwt: Malformed token", ex);
            }
            if (!(jwt instanceof SignedJWT signed)) {
                throw new BadJwtException("Unsupported algorithm of " + jwt.getHeader().getAlgorithm());
            }
            if (!this.algorithms.contains(signed.getHeader().getAlgorithm())) {
                throw new BadJwtException("An error occurred while attempting to decode the Jwt: "
                        + "Signed JWT rejected: Another algorithm expected, or no matching key(s) found");
            }
        }
    }

    /**
     * When the rate limit refuses a refetch for an unknown {@code kid} while a key set is at hand, that token's key
     * is simply not known: answer "no matching key", which Nimbus turns into a bad-signature failure (401
     * {@code invalid_token}) instead of a key-source failure (503). Before any set was ever fetched the refusal
     * stands, since the realm itself is then unreachable.
     */
    static final class RateLimitAsUnknownKey implements JWKSource<SecurityContext> {

        private final JWKSource<SecurityContext> delegate;
        private volatile boolean fetchedOnce;

        RateLimitAsUnknownKey(JWKSource<SecurityContext> delegate) {
            this.delegate = delegate;
        }

        @Override
        public List<JWK> get(JWKSelector jwkSelector, @Nullable SecurityContext context) throws KeySourceException {
            try {
                List<JWK> keys = this.delegate.get(jwkSelector, context);
                this.fetchedOnce = true;
                return keys;
            }
            catch (RateLimitReachedException ex) {
                if (!this.fetchedOnce) {
                    throw ex;
                }
                return List.of();
            }
        }
    }
}
