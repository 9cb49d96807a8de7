package dev.legacybridge.keycloak.pool;

import dev.legacybridge.store.QueryObserver;
import org.jboss.logging.Logger;

/**
 * Keeps Keycloak's storage time limit from reaching Keycloak's own database through this provider.
 *
 * <p>Keycloak calls a user-storage provider's lookups, searches and counts under a time limit
 * ({@code storageProviderTimeout} of the {@code user} scope, 3,000 ms by default, {@code ServicesUtils.timeBoundOne}):
 * when it passes, a watchdog thread <em>interrupts</em> the request thread once, and Keycloak only logs it when the
 * provider returns. The flag stays set while the provider goes on, and the next thing this provider does after a slow
 * legacy statement is often a write to Keycloak's own store (importing the user it found, a user event). On Keycloak's
 * H2 database ({@code start-dev}, {@code dev-file}) the store's file channel is interruptible: the write fails with
 * {@code ClosedByInterruptException}, H2 closes the database and every request of every realm answers HTTP 500
 * ("Database operation failed") until H2 reopens it. Seen with a legacy SQLite file locked for 25 s by the legacy
 * application, on a pool whose connections all waited for the lock.
 *
 * <p>So after every legacy statement (the only slow, blocking work a lookup does) the flag is cleared and the overrun
 * logged: the statement has already ended (JDBC reads are not interruptible; an interrupted pool borrow has thrown),
 * and the watchdog fires only once, so nothing that follows runs with the flag. Keycloak's result of the call is the
 * same: it uses what the provider returns either way.
 */
final class StorageTimeLimit {

    private static final Logger LOG = Logger.getLogger(StorageTimeLimit.class);

    private StorageTimeLimit() {
    }

    /** {@code next}, after which the request thread's interrupt flag is cleared (and the overrun logged). */
    static QueryObserver clearingInterrupts(String componentId, QueryObserver next) {
        return (operation, nanos, failed) -> {
            try {
                next.completed(operation, nanos, failed);
            } finally {
                if (Thread.interrupted()) {
                    LOG.warnf("Legacy user storage [%s]: '%s' took %d ms and Keycloak's storage provider time limit "
                                    + "interrupted the request; the interrupt was cleared so that it cannot reach "
                                    + "Keycloak's own database (see the legacy database's health and the pool size)",
                            componentId, operation, nanos / 1_000_000);
                }
            }
        };
    }
}
