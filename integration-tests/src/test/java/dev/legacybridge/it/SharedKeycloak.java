package dev.legacybridge.it;

import java.util.Locale;

/**
 * The one Keycloak of a test run, started on first use and shared by every IT class of the JVM (failsafe runs all of
 * them in one fork). {@link KeycloakSessionListener} stops it when the JUnit launcher session ends; the JVM shutdown
 * hook of the server process handle is the fallback.
 *
 * <p>Backend: {@code -Dit.keycloak.backend=distribution} (the default) or {@code container} ({@code -Pcontainer}).
 * Nothing in the environment picks it: a {@code DOCKER_HOST} or a reachable engine never switches a plain
 * {@code mvn verify} to containers, because a suite that silently runs against another server is not the suite CI
 * runs.
 */
final class SharedKeycloak {

    private static KeycloakEnvironment instance;
    private static RuntimeException startFailure;

    private SharedKeycloak() {
    }

    static synchronized KeycloakEnvironment get() {
        if (startFailure != null) {
            throw new IllegalStateException("Keycloak failed to start earlier in this run", startFailure);
        }
        if (instance == null) {
            long start = System.nanoTime();
            String backend = chooseBackend();
            try {
                instance = "container".equals(backend) ? ContainerKeycloak.start() : DistributionKeycloak.start();
            } catch (RuntimeException e) {
                startFailure = e;
                throw e;
            }
            System.err.printf(Locale.ROOT, "[it] Keycloak (%s) ready at %s in %.1f s%n", instance.backendName(),
                    instance.baseUrl(), (System.nanoTime() - start) / 1e9);
        }
        return instance;
    }

    static synchronized void stop() {
        if (instance != null) {
            instance.close();
            instance = null;
        }
    }

    static String chooseBackend() {
        String configured = ItSettings.backend().toLowerCase(Locale.ROOT);
        return switch (configured) {
            case "distribution", "container" -> configured;
            default -> throw new IllegalStateException("it.keycloak.backend must be distribution or container, not "
                    + configured);
        };
    }
}
