package dev.legacybridge.store;

/**
 * Told about every statement the repository runs against the legacy table: which operation, how long it took
 * (borrowing the connection included, so a starved pool shows up), and whether it failed. The Keycloak provider feeds
 * its query-latency histogram and error counter from it; this module stays free of any metrics library.
 *
 * <p>Operations are the fixed names the repository gives its statements ({@code "find user by username"},
 * {@code "page users"}, ...), never a value from a row or a search. Called on the querying thread; must be cheap and
 * must not throw.
 */
@FunctionalInterface
public interface QueryObserver {

    /** Observes nothing. */
    QueryObserver NONE = (operation, nanos, failed) -> {
    };

    /**
     * @param operation the statement's fixed name
     * @param nanos     wall time of the call, from borrowing the connection to reading the last row
     * @param failed    whether it ended with an SQL error (then thrown as {@link LegacyStoreException})
     */
    void completed(String operation, long nanos, boolean failed);
}
