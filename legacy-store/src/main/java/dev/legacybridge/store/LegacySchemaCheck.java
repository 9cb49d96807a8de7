package dev.legacybridge.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks, when an administrator saves the configuration and before an audit, that every configured table and column
 * exists and is readable, one cheap {@code WHERE 1=0} query each, so that the answer names the exact missing piece.
 */
public final class LegacySchemaCheck {

    private final UserTable t;

    LegacySchemaCheck(UserTable table) {
        this.t = table;
    }

    /**
     * Checks that every table and column of the schema exists and is readable, one cheap {@code WHERE 1=0} query each,
     * so that the answer names the exact missing piece.
     *
     * @return problems in words an administrator can act on; empty when the schema is usable
     * @throws LegacyStoreException when the database cannot be reached at all
     */
    public List<String> checkSchema() {
        List<String> problems = new ArrayList<>();
        try (Connection connection = t.dataSource().getConnection()) {
            if (!probe(connection, "SELECT 1 FROM " + t.usersTable() + " WHERE 1=0")) {
                problems.add("Users table '" + t.schema().usersTable() + "' was not found or is not readable");
                return problems;
            }
            for (String column : t.schema().userColumns()) {
                if (!probe(connection, "SELECT " + t.q(column) + " FROM " + t.usersTable() + " WHERE 1=0")) {
                    problems.add("Column '" + column + "' was not found in table '" + t.schema().usersTable() + "'"
                            + caseHint(connection, t.usersTable(), column));
                }
            }
            GroupTables g = t.schema().groups();
            if (g != null) {
                if (g.joinsGroupsTable()) {
                    checkTable(connection, problems, g.groupsTable(), List.of(g.groupIdColumn(),
                            g.groupNameColumn()));
                }
                List<String> membershipColumns = new ArrayList<>(List.of(g.userGroupsUserColumn(),
                        g.userGroupsGroupColumn()));
                if (g.filterColumn() != null) {
                    membershipColumns.add(g.filterColumn());
                }
                checkTable(connection, problems, g.userGroupsTable(), membershipColumns);
            }
        } catch (SQLException e) {
            throw UserTable.failure("check schema", e);
        }
        return problems;
    }

    private void checkTable(Connection connection, List<String> problems, String table, List<String> columns)
            throws SQLException {
        String quoted = t.dialect().quote(table);
        if (!probe(connection, "SELECT 1 FROM " + quoted + " WHERE 1=0")) {
            problems.add("Table '" + table + "' was not found or is not readable");
            return;
        }
        for (String column : columns) {
            if (!probe(connection, "SELECT " + t.q(column) + " FROM " + quoted + " WHERE 1=0")) {
                problems.add("Column '" + column + "' was not found in table '" + table + "'"
                        + caseHint(connection, quoted, column));
            }
        }
    }

    /**
     * On PostgreSQL, names are quoted and so compared by case, while tables created without quotes hold lower-case
     * names: a configured {@code ID} misses a column {@code id}. Says so when the lower-case name exists.
     */
    private String caseHint(Connection connection, String quotedTable, String column) throws SQLException {
        String lower = column.toLowerCase(java.util.Locale.ROOT);
        if (t.dialect() != SqlDialect.POSTGRESQL || lower.equals(column)
                || !probe(connection, "SELECT " + t.q(lower) + " FROM " + quotedTable + " WHERE 1=0")) {
            return "";
        }
        return " (PostgreSQL compares quoted names by case; the table has '" + lower + "')";
    }

    private boolean probe(Connection connection, String sql) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setQueryTimeout(t.queryTimeoutSeconds());
            ps.executeQuery().close();
            return true;
        } catch (SQLException e) {
            if (UserTable.isConnectionFailure(e)) {
                throw e;
            }
            return false;
        }
    }
}
