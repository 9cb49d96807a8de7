package dev.legacybridge.cli;

/**
 * A service the command needs (the legacy database, Keycloak) could not be reached or refused the work, so the command
 * stopped: one line on standard error, exit code {@value LegacyHashCommand#STOPPED}. The message names what failed and
 * never holds a password, token or hash.
 */
final class ServiceFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ServiceFailure(String message) {
        super(message, null, false, false);
    }
}
