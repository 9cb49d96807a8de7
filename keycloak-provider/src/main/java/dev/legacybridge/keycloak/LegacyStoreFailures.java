package dev.legacybridge.keycloak;

import org.keycloak.storage.StorageUnavailableException;

/**
 * How a legacy database failure reaches Keycloak. Neither exception carries a stack trace: Keycloak logs them itself,
 * and the provider's own warning line already names the database error.
 */
final class LegacyStoreFailures {

    private LegacyStoreFailures() {
    }

    /**
     * For lookups and searches: Keycloak skips the unavailable store and goes on with the others (its "graceful
     * degradation"), so an unknown-in-the-meantime user gets the usual {@code invalid_grant}.
     */
    static final class Unavailable extends StorageUnavailableException {
        private static final long serialVersionUID = 1L;

        Unavailable(String message) {
            super(message);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    /**
     * For steps Keycloak does not degrade gracefully (a lookup by id, the password check, writes): its error handler
     * answers {@code 503 {"error":"temporarily_unavailable"}} (JSON for API clients, its error page for browsers).
     * Unlike a {@code false} from the password check, this does not count towards a brute-force lockout.
     */
    static final class TemporarilyUnavailable extends jakarta.ws.rs.ServiceUnavailableException {
        private static final long serialVersionUID = 1L;

        TemporarilyUnavailable() {
            super("temporarily_unavailable");
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}
