package dev.legacybridge.it;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Rows the reliability checks add to a Django {@code auth_user} table, through bound parameters (so that hostile
 * usernames and hashes with NUL or quotes go in verbatim), and the secrets they carry registered for the final log
 * scan ({@link ReliabilitySecrets}).
 */
final class ReliabilityLegacyRows {

    /** One legacy row: its password (null for rows no password can match) and its stored value. */
    record Row(String username, String password, String storedHash, String email) {
        @Override
        public String toString() {
            return username;
        }
    }

    private ReliabilityLegacyRows() {
    }

    /** Inserts the rows (active, no flags, blank names) in one transaction, in list order (ids ascending). */
    static void insert(LegacyDatabase db, List<Row> rows) {
        String sql = "INSERT INTO auth_user (password, last_login, is_superuser, username, first_name, last_name, email, "
                + "is_staff, is_active, date_joined) VALUES (?, NULL, ?, ?, '', '', ?, ?, ?, CURRENT_TIMESTAMP)";
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (Row row : rows) {
                    ps.setString(1, row.storedHash());
                    ps.setBoolean(2, false);
                    ps.setString(3, row.username());
                    ps.setString(4, row.email() == null ? "" : row.email());
                    ps.setBoolean(5, false);
                    ps.setBoolean(6, true);
                    ps.addBatch();
                    ReliabilitySecrets.addStoredHash(row.storedHash());
                    if (row.password() != null) {
                        ReliabilitySecrets.addPassword(row.password());
                    }
                }
                ps.executeBatch();
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot insert reliability rows: " + e.getMessage(), e);
        }
    }

    /** The stored value of the row with the highest id (what the provider's dummy verification imitates). */
    static String newestStoredHash(LegacyDatabase db) {
        return queryString(db, "SELECT password FROM auth_user ORDER BY id DESC LIMIT 1");
    }

    /** The stored value of {@code username} as it reads back (checks that NUL and the like survived). */
    static String storedHash(LegacyDatabase db, String username) {
        try (Connection c = db.connect();
             PreparedStatement ps = c.prepareStatement("SELECT password FROM auth_user WHERE username = ?")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    static String queryString(LegacyDatabase db, String sql) {
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
