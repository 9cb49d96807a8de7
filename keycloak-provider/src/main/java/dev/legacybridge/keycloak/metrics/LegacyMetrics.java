package dev.legacybridge.keycloak.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import org.jboss.logging.Logger;
import org.keycloak.Config;

/**
 * Where the provider's series go: Micrometer's global registry, which Keycloak's Quarkus runtime feeds into the
 * Prometheus registry behind the management port's {@code /metrics} when Keycloak is built with
 * {@code --metrics-enabled=true}. Keycloak's own password-hashing counters are registered the same way
 * ({@code PasswordCredentialProviderFactory}). With metrics off, nothing is registered at all.
 */
public final class LegacyMetrics {

    private static final Logger LOG = Logger.getLogger(LegacyMetrics.class);

    /** Keycloak's option key ({@code kc.metrics-enabled}), read from the root configuration scope. */
    static final String METRICS_ENABLED = "metrics-enabled";

    private final MeterRegistry registry;

    private LegacyMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Records nothing. */
    public static LegacyMetrics none() {
        return new LegacyMetrics(null);
    }

    /** Into {@code registry} (tests use a {@code SimpleMeterRegistry}). */
    public static LegacyMetrics into(MeterRegistry registry) {
        return new LegacyMetrics(registry);
    }

    /** Micrometer's global registry if Keycloak's {@code metrics-enabled} is on, else {@link #none()}. */
    public static LegacyMetrics fromKeycloakConfig(Config.Scope config) {
        boolean enabled = config != null && config.root() != null
                && Boolean.TRUE.equals(config.root().getBoolean(METRICS_ENABLED, false));
        if (!enabled) {
            return none();
        }
        LOG.debugf("Legacy-database provider: publishing its metrics through Micrometer's global registry");
        return into(Metrics.globalRegistry);
    }

    public boolean enabled() {
        return registry != null;
    }

    /** The series of one component, labelled with the realm's and the component's names. */
    public ComponentMetrics forComponent(String realm, String component) {
        return registry == null ? ComponentMetrics.NONE
                : new MicrometerComponentMetrics(registry, label(realm), label(component));
    }

    private static String label(String value) {
        return value == null || value.isEmpty() ? "unknown" : value;
    }
}
