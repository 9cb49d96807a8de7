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
 * Settings of the demo API under {@code demo-api.*}. Where the token comes from (issuer, JWKS URL, audiences,
 * algorithms) is not here: those are Spring Boot's own {@code spring.security.oauth2.resourceserver.jwt.*} properties.
 *
 * @param security how tokens are checked beyond Boot's properties
 * @param posts the in-memory post store
 * @param benchmarkTwin the unsecured twin of {@code GET /posts}, for throughput comparisons only
 * @param openapi what Swagger UI's Authorize button talks to
 */
@Validated
@ConfigurationProperties("demo-api")
public record DemoApiProperties(
        @DefaultValue @Valid Security security,
        @DefaultValue @Valid Posts posts,
        @DefaultValue BenchmarkTwin benchmarkTwin,
        @DefaultValue @Valid OpenApi openapi) {

    /**
     * @param realmName the {@code realm} attribute of every {@code WWW-Authenticate: Bearer} challenge (RFC 6750 §3)
     * @param clockSkew tolerance applied to {@code exp} and {@code nbf}
     * @param jwks caching and refresh limits of the realm's JWK set
     * @param tokenCache the cache of verified access tokens
     */
    public record Security(
            @DefaultValue("demo-api") @NotBlank String realmName,
            @DefaultValue("30s") Duration clockSkew,
            @DefaultValue @Valid Jwks jwks,
            @DefaultValue @Valid TokenCache tokenCache) {
    }

    /**
     * The cache of access tokens whose signature was verified ({@code VerifiedTokenCache}): a token seen again skips
     * parsing and the RS256 check, never the claim checks. Entries live until the token's {@code exp}, at most
     * {@code ttl}, and are all dropped when the realm's JWK set changes.
     *
     * @param enabled whether verified tokens are cached (default true)
     * @param maxEntries the most tokens kept (a few KB each)
     * @param ttl the longest an entry is kept after verification, even if the token lives longer
     */
    public record TokenCache(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("10000") @Min(1) int maxEntries,
            @DefaultValue("5m") Duration ttl) {
    }

    /**
     * How the realm's signing keys are fetched and kept (Nimbus {@code JWKSourceBuilder}).
     *
     * @param cacheTtl how long a fetched JWK set is used before it is fetched again
     * @param refreshTimeout how long a request waits for another thread's fetch before fetching itself
     * @param minRefreshInterval rate limit: at most two fetches per interval, whatever kids arrive; must be shorter
     *         than {@code cacheTtl}
     * @param connectTimeout TCP connect timeout of a fetch
     * @param readTimeout read timeout of a fetch
     * @param sizeLimitBytes largest JWK set accepted
     */
    public record Jwks(
            @DefaultValue("5m") Duration cacheTtl,
            @DefaultValue("15s") Duration refreshTimeout,
            @DefaultValue("30s") Duration minRefreshInterval,
            @DefaultValue("2s") Duration connectTimeout,
            @DefaultValue("3s") Duration readTimeout,
            @DefaultValue("51200") @Min(1024) int sizeLimitBytes) {
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
