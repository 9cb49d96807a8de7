package dev.legacybridge.store;

/**
 * The legacy database could not answer: connection refused, pool exhausted, timeout, SQL error. The message names the
 * operation and the database error in words an operator can act on; it never contains bound values (usernames,
 * hashes). Callers must not turn this into "user not found" or "wrong password".
 */
public final class LegacyStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LegacyStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
