package dev.legacybridge.it;

import java.util.Locale;
import org.testcontainers.DockerClientFactory;

/**
 * The one Keycloak of a test run, started on first use and shared by every IT class of the JVM (failsafe runs all of
 * them in one fork). {@link KeycloakSessionListener} stops it when the JUnit launcher session ends; the JVM shutdown
 * hook of the server process handle is the fallback.
 *
 * <p>Backend: {@code -Dit.keycloak.backend=distribution|container}, or {@code auto} (the default): a container where
 * a Docker engine is reachable, the distribution otherwise.
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
            case "auto", "" -> dockerAvailable() ? "container" : "distribution";
            default -> throw new IllegalStateException("it.keycloak.backend must be auto, distribution or container, not "
                    + configured);
        };
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
