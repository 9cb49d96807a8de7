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

    /**
     * Whether the database refused the statement's values (SQLState class 23: a NOT NULL, unique, check or foreign-key
     * constraint) rather than being unavailable: retrying will not help, another value might. sqlite-jdbc sets no
     * SQLState; its messages start with the result code, {@code [SQLITE_CONSTRAINT...]}.
     */
    public boolean constraintViolation() {
        if (!(getCause() instanceof java.sql.SQLException e)) {
            return false;
        }
        return e.getSQLState() != null ? e.getSQLState().startsWith("23")
                : e.getMessage() != null && e.getMessage().startsWith("[SQLITE_CONSTRAINT");
    }
}
