/**
 * The provider's own Prometheus series, through Micrometer (which Keycloak ships): with Keycloak's build option
 * {@code --metrics-enabled=true} they appear on the management port's {@code /metrics} next to Keycloak's own.
 *
 * <p>{@link dev.legacybridge.keycloak.metrics.LegacyMetrics} is created once by the provider factory; each component's
 * {@link dev.legacybridge.keycloak.metrics.ComponentMetrics} carries the labels {@code realm} and {@code component}
 * (realm and component names). No label ever holds a user name, a user id, a legacy id, a password or a hash: the
 * other labels come from fixed sets (scheme ids, outcomes, SQL operation names, how a user was migrated). The series
 * and their meaning are listed in {@link dev.legacybridge.keycloak.metrics.MeterNames} and in docs/observability.md.
 */
package dev.legacybridge.keycloak.metrics;
