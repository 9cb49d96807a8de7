package dev.legacybridge.api.config;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the demo API under {@code demo-api.*}. Where the tokens come from and whom they are for (issuer, JWKS
 * URL, audiences, algorithms) is not here: those are Spring Boot's own
 * {@code spring.security.oauth2.resourceserver.jwt.*} properties.
 *
 * @param security how tokens are checked beyond Boot's properties
 * @param posts the in-memory post store
 * @param fastPath the opt-in throughput settings (off by default; see docs/demo-api.md, "Fast path")
 * @param benchmarkTwin the unsecured twin of {@code GET /posts}, for throughput comparisons only
 * @param openapi what Swagger UI's Authorize button talks to
 */
@Validated
@ConfigurationProperties("demo-api")
public record DemoApiProperties(
        @DefaultValue @Valid Security security,
        @DefaultValue @Valid Posts posts,
        @DefaultValue @Valid FastPath fastPath,
        @DefaultValue BenchmarkTwin benchmarkTwin,
        @DefaultValue @Valid OpenApi openapi) {

    /**
     * @param realmName the {@code realm} attribute of every {@code WWW-Authenticate: Bearer} challenge (RFC 6750 §3)
     * @param clockSkew tolerance applied to {@code exp} and {@code nbf}
     * @param jwks how the realm's signing keys are fetched and kept
     */
    public record Security(
            @DefaultValue("demo-api") @NotBlank String realmName,
            @DefaultValue("30s") Duration clockSkew,
            @DefaultValue @Valid Jwks jwks) {
    }

    /**
     * How the realm's JWK set is fetched and kept ({@link RateLimitedJwkSetCache}).
     *
     * @param cacheTtl how long a fetched JWK set is used before it is fetched again
     * @param minRefreshInterval an unknown {@code kid} refetches the set at most once per interval
     * @param connectTimeout TCP connect timeout of the discovery and JWK set requests
     * @param readTimeout read timeout of the discovery and JWK set requests
     */
    public record Jwks(
            @DefaultValue("5m") Duration cacheTtl,
            @DefaultValue("30s") Duration minRefreshInterval,
            @DefaultValue("2s") Duration connectTimeout,
            @DefaultValue("3s") Duration readTimeout) {
    }

    /**
     * The opt-in fast path ({@code fastpath.FastPathConfiguration}): a cache of verified access tokens in front of
     * the decoder (a token seen again skips parsing and the RS256 check, never the claim checks), and Spring
     * Security's request firewall with its header checks written without regular expressions.
     *
     * @param enabled whether the fast path is on (default false)
     * @param maxEntries the most tokens kept (about 3.4 KB each, the token included)
     * @param ttl the longest a verified token is kept, even if it lives longer
     */
    public record FastPath(
            @DefaultValue("false") boolean enabled,
            @DefaultValue("10000") @Min(1) int maxEntries,
            @DefaultValue("5m") Duration ttl) {
    }

    /** @param capacity the most posts the store holds; a create beyond it gets 507 */
    public record Posts(@DefaultValue("1000") @Min(1) int capacity) {
    }

    /** @param enabled whether {@code GET /bench/posts} exists (default false) */
    public record BenchmarkTwin(@DefaultValue("false") boolean enabled) {
    }

    /**
     * @param issuerUri the realm URL as a browser sees it (Swagger UI's authorize and token endpoints hang under it);
     *         defaults to {@code spring.security.oauth2.resourceserver.jwt.issuer-uri}
     * @param clientId the public client Swagger UI uses
     */
    public record OpenApi(@Nullable String issuerUri, @DefaultValue("swagger-ui") @NotBlank String clientId) {
    }
}
