package dev.legacybridge.store;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * New rows for users created in Keycloak (registration, admin console) when the provider syncs registrations back to
 * the legacy table (mode WRITABLE), as LDAP's "Sync registrations" does.
 *
 * <p>The row gets the username, empty email and names (Django's columns are NOT NULL and blank by default), active
 * true, every role flag false, the creation time, and Django's unusable password ({@code !} and 40 random letters, as
 * {@code make_password(None)} writes): Keycloak sets the real password and profile through the linked user right
 * after, and WRITABLE writes those to the row. A table with other NOT NULL columns without defaults refuses the
 * insert, and the registration fails with that database error.
 */
public final class LegacyUserRegistrations {

    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final UserTable t;
    private final LegacyUserLookups lookups;

    LegacyUserRegistrations(UserTable table, LegacyUserLookups lookups) {
        this.t = table;
        this.lookups = lookups;
    }

    /** Inserts the row and returns it as read back (with the id the database gave it). */
    public LegacyUser insert(String username) {
        LegacySchema s = t.schema();
        List<String> columns = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        columns.add(s.usernameColumn());
        values.add(username);
        columns.add(s.passwordColumn());
        values.add(unusablePassword());
        for (String column : new String[] {s.emailColumn(), s.firstNameColumn(), s.lastNameColumn()}) {
            if (column != null) {
                columns.add(column);
                values.add("");
            }
        }
        if (s.activeColumn() != null) {
            columns.add(s.activeColumn());
            values.add(Boolean.TRUE);
        }
        for (String flag : s.flagColumns()) {
            columns.add(flag);
            values.add(Boolean.FALSE);
        }
        if (s.createdColumn() != null) {
            columns.add(s.createdColumn());
            values.add(Timestamp.from(Instant.now()));
        }
        StringJoiner names = new StringJoiner(", ");
        StringJoiner marks = new StringJoiner(", ");
        for (String column : columns) {
            names.add(t.q(column));
            marks.add("?");
        }
        String sql = "INSERT INTO " + t.usersTable() + " (" + names + ") VALUES (" + marks + ")";
        t.update("insert registered user", sql, (ps, i) -> {
            for (Object value : values) {
                if (value instanceof Boolean b) {
                    ps.setBoolean(i++, b);
                } else if (value instanceof Timestamp ts) {
                    ps.setTimestamp(i++, ts);
                } else {
                    ps.setString(i++, (String) value);
                }
            }
            return i;
        });
        Optional<LegacyUser> row = lookups.findByUsername(username, false).stream().findFirst();
        return row.orElseThrow(() -> new LegacyStoreException("the registered user '" + username
                + "' was inserted but cannot be read back", null));
    }

    private static String unusablePassword() {
        StringBuilder b = new StringBuilder("!");
        for (int i = 0; i < 40; i++) {
            b.append(LETTERS.charAt(RANDOM.nextInt(LETTERS.length())));
        }
        return b.toString();
    }
}
