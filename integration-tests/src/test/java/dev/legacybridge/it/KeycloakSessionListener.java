package dev.legacybridge.it;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Stops the shared Keycloak and the Keycloak cluster (if a test started one) when the test run ends (registered in
 * {@code META-INF/services/org.junit.platform.launcher.LauncherSessionListener}).
 */
public final class KeycloakSessionListener implements LauncherSessionListener {

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        try {
            KeycloakCluster.stopShared();
        } finally {
            SharedKeycloak.stop();
        }
    }
}
