package dev.legacybridge.it;

import java.nio.file.Files;
import java.nio.file.Path;

/** Settings passed by failsafe as system properties (see the module's pom). */
final class ItSettings {

    private ItSettings() {
    }

    /** {@code distribution} (the default) or {@code container}. */
    static String backend() {
        return System.getProperty("it.keycloak.backend", "distribution");
    }

    /** Container image, one Maven property ({@code keycloak.image}) for everything. */
    static String image() {
        return required("it.keycloak.image");
    }

    static Path distZip() {
        return existing("it.keycloak.distZip");
    }

    static Path providersDir() {
        return existing("it.keycloak.providersDir");
    }

    /** Scratch space of this module: unpacked Keycloak, fixture data, logs (under target/). */
    static Path workDir() {
        return Path.of(System.getProperty("it.workDir", "target/it-work")).toAbsolutePath();
    }

    private static String required(String key) {
        String v = System.getProperty(key);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException("System property " + key + " is not set; run the ITs through Maven (mvn verify)");
        }
        return v;
    }

    private static Path existing(String key) {
        Path p = Path.of(required(key));
        if (!Files.exists(p)) {
            throw new IllegalStateException(key + " points to a missing path: " + p);
        }
        return p;
    }
}
