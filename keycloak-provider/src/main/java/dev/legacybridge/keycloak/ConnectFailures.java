package dev.legacybridge.keycloak;

import dev.legacybridge.store.jdbc.CheckedJdbcUrl;
import java.sql.SQLException;

/**
 * What the admin console says when the save-time connection fails. The driver's own words go to the server log only:
 * "Connection refused" against "Can not read response from server" would tell a realm administrator which ports of
 * the server's network answer, turning the JDBC URL field into a port scanner. So every connection-level failure
 * (SQLState class 08, timeouts, a server that does not speak the protocol) gets one message; only a refused login
 * and an unknown database, which an administrator needs to fix their own settings, are told apart.
 */
final class ConnectFailures {

    private ConnectFailures() {
    }

    static String forAdmin(CheckedJdbcUrl url, Throwable failure) {
        SQLException sql = sqlCause(failure);
        String state = sql == null || sql.getSQLState() == null ? "" : sql.getSQLState();
        int code = sql == null ? 0 : sql.getErrorCode();
        if (state.startsWith("28") || code == 1045) {
            return "The legacy database (" + url.describe() + ") refused the database user name or password";
        }
        if (state.equals("3D000") || code == 1049) {
            return "The legacy database server (" + url.describe() + ") has no such database";
        }
        return "Cannot connect to the legacy database (" + url.describe() + "): no answer, connection refused, or not a "
                + url.kind().displayName() + " server; the Keycloak server log has the driver's message";
    }

    private static SQLException sqlCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }
}
