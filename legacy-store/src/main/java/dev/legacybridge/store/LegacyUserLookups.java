package dev.legacybridge.store;

import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads single users and pages of users: by id, username, email, in primary-key order for bulk work, their legacy
 * groups. What a login and bulk migration ask of the legacy table.
 *
 * <p>Lookups compare {@code lower(column)} with a lower-cased argument when case-insensitive; on a large table give
 * the database an expression index ({@code CREATE INDEX ... ON auth_user (lower(username))}), see
 * {@code legacy-db/indexes-optional-*.sql}.
 */
public final class LegacyUserLookups {

    static final int MAX_DISTINCT_MEMBERSHIP_VALUES = 10_000;

    private final UserTable t;

    LegacyUserLookups(UserTable table) {
        this.t = table;
    }

    public Optional<LegacyUser> findById(String id) {
        return t.withIdBound(id, "find user by id", bound -> t.querySingle("find user by id",
                "SELECT " + t.selectUserColumns() + " FROM " + t.usersTable() + " u WHERE u." + t.q(t.schema().idColumn()) + " = ?",
                bound), Optional.empty());
    }

    /**
     * Users whose username equals {@code username}, at most two: a caller that gets two knows the name is ambiguous.
     *
     * @param caseInsensitive compare {@code lower(username)} with the lower-cased argument
     */
    public List<LegacyUser> findByUsername(String username, boolean caseInsensitive) {
        return findByColumn("find user by username", t.schema().usernameColumn(), username, caseInsensitive);
    }

    /** Users whose email equals {@code email} case-insensitively, at most two. Empty if no email column is mapped. */
    public List<LegacyUser> findByEmail(String email) {
        if (t.schema().emailColumn() == null) {
            return List.of();
        }
        return findByColumn("find user by email", t.schema().emailColumn(), email, true);
    }

    private List<LegacyUser> findByColumn(String operation, String column, String value, boolean caseInsensitive) {
        if (value == null || value.isEmpty()) {
            return List.of();
        }
        String predicate = caseInsensitive ? "lower(u." + t.q(column) + ") = ?" : "u." + t.q(column) + " = ?";
        String bound = caseInsensitive ? value.toLowerCase(Locale.ROOT) : value;
        String sql = "SELECT " + t.selectUserColumns() + " FROM " + t.usersTable() + " u WHERE " + predicate
                + " ORDER BY u." + t.q(t.schema().idColumn()) + t.dialect().limitOffset();
        return t.queryList(operation, sql, (ps, i) -> {
            ps.setString(i++, bound);
            return t.bindPage(ps, i, 0, 2);
        });
    }

    /**
     * Keyset paging over the whole table in id order, for bulk work: the rows with id greater than {@code afterId}
     * ({@code null} for the start). Stable under concurrent inserts and cheap on any table size, unlike OFFSET.
     */
    public List<LegacyUser> pageAfter(String afterId, int size) {
        if (afterId == null) {
            String sql = "SELECT " + t.selectUserColumns() + " FROM " + t.usersTable() + " u ORDER BY u."
                    + t.q(t.schema().idColumn()) + t.dialect().limitOffset();
            return t.queryList("page users", sql, (ps, i) -> t.bindPage(ps, i, 0, size));
        }
        String sql = "SELECT " + t.selectUserColumns() + " FROM " + t.usersTable() + " u WHERE u." + t.q(t.schema().idColumn())
                + " > ? ORDER BY u." + t.q(t.schema().idColumn()) + t.dialect().limitOffset();
        return t.withIdBound(afterId, "page users", bound -> t.queryList("page users", sql,
                (ps, i) -> t.bindPage(ps, bound.bind(ps, i), 0, size)), List.of());
    }

    /**
     * The stored password (and salt) of the most recently created row that has one: the format and cost the legacy
     * app writes today, used to make a dummy verification for unknown users cost what a real one costs.
     */
    public Optional<PasswordRow> newestPassword() {
        String sql = "SELECT " + passwordColumns("") + " FROM " + t.usersTable() + " WHERE "
                + t.q(t.schema().passwordColumn()) + " IS NOT NULL ORDER BY " + t.q(t.schema().idColumn()) + " DESC"
                + t.dialect().limitOffset();
        return t.query("read newest password hash", sql, (ps, i) -> t.bindPage(ps, i, 0, 1),
                rs -> rs.next() ? Optional.of(passwordRow(rs)) : Optional.<PasswordRow>empty());
    }

    /**
     * The stored password values (and salts) of the rows after {@code afterId} in id order ({@code null}: from the
     * start), at most {@code size}; values may be null. Keyset paging reads a table of any size in constant memory on
     * every supported database, which a streaming result set does not (pgjdbc buffers a whole result unless
     * auto-commit is off, MySQL needs driver-specific fetch sizes).
     */
    public List<PasswordRow> passwordsAfter(String afterId, int size) {
        String select = "SELECT " + passwordColumns("u.") + " FROM " + t.usersTable() + " u WHERE ";
        String order = " ORDER BY u." + t.q(t.schema().idColumn()) + t.dialect().limitOffset();
        UserTable.RowsReader<List<PasswordRow>> reader = rs -> {
            List<PasswordRow> out = new ArrayList<>();
            while (rs.next()) {
                out.add(passwordRow(rs));
            }
            return out;
        };
        if (afterId == null) {
            return t.query("read password hashes", select + "1 = 1" + order, (ps, i) -> t.bindPage(ps, i, 0, size),
                    reader);
        }
        return t.withIdBound(afterId, "read password hashes", bound -> t.query("read password hashes",
                select + "u." + t.q(t.schema().idColumn()) + " > ?" + order,
                (ps, i) -> t.bindPage(ps, bound.bind(ps, i), 0, size), reader), List.of());
    }

    /** {@code id, password[, salt]} with the given alias prefix. */
    private String passwordColumns(String alias) {
        String columns = alias + t.q(t.schema().idColumn()) + ", " + alias + t.q(t.schema().passwordColumn());
        return t.schema().saltColumn() == null ? columns : columns + ", " + alias + t.q(t.schema().saltColumn());
    }

    private PasswordRow passwordRow(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new PasswordRow(rs.getString(1), rs.getString(2),
                t.schema().saltColumn() == null ? null : rs.getString(3));
    }

    /** Names of the groups the user belongs to, sorted, without duplicates. Empty when no group tables are mapped. */
    public List<String> groupNamesOf(String userId) {
        GroupTables g = t.schema().groups();
        if (g == null) {
            return List.of();
        }
        MembershipSql m = new MembershipSql(t, g);
        String sql = "SELECT " + m.valueColumn() + " FROM " + m.from() + " WHERE " + m.userColumn() + " = ?"
                + m.filter();
        return t.withIdBound(userId, "list groups of user", bound -> t.query("list groups of user", sql,
                (ps, i) -> m.bindFilter(ps, bound.bind(ps, i)), rs -> {
                    java.util.SortedSet<String> names = new java.util.TreeSet<>();
                    while (rs.next()) {
                        names.addAll(m.names(rs.getString(1)));
                    }
                    return List.copyOf(names);
                }), List.of());
    }

    /**
     * Group names of many users at once (for bulk work: one query per page instead of one per user), each list
     * sorted. Users without groups are absent from the map.
     */
    public Map<String, List<String>> groupNamesByUser(List<String> userIds) {
        GroupTables g = t.schema().groups();
        if (g == null || userIds.isEmpty()) {
            return Map.of();
        }
        UserTable.IdKind kind = t.idKind();
        List<Object> ids = new ArrayList<>();
        for (String id : userIds) {
            Object bound = boundId(kind, id);
            if (bound != null) {
                ids.add(bound);
            }
        }
        if (ids.isEmpty()) {
            return Map.of();
        }
        MembershipSql m = new MembershipSql(t, g);
        String placeholders = String.join(", ", java.util.Collections.nCopies(ids.size(), "?"));
        String sql = "SELECT " + m.userColumn() + ", " + m.valueColumn() + " FROM " + m.from() + " WHERE "
                + m.userColumn() + " IN (" + placeholders + ")" + m.filter();
        return t.query("list groups of users", sql, (ps, i) -> {
            for (Object id : ids) {
                ps.setObject(i++, id);
            }
            return m.bindFilter(ps, i);
        }, rs -> {
            Map<String, java.util.SortedSet<String>> groups = new HashMap<>();
            while (rs.next()) {
                List<String> names = m.names(rs.getString(2));
                if (!names.isEmpty()) {
                    groups.computeIfAbsent(rs.getString(1), k -> new java.util.TreeSet<>()).addAll(names);
                }
            }
            Map<String, List<String>> sorted = new HashMap<>();
            groups.forEach((id, names) -> sorted.put(id, List.copyOf(names)));
            return sorted;
        });
    }

    private static Object boundId(UserTable.IdKind kind, String id) {
        try {
            return switch (kind) {
                case INTEGER -> Long.valueOf(id);
                case UUID -> java.util.UUID.fromString(id);
                case TEXT -> id;
            };
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Every group name, sorted: the groups table's names, or without one the distinct names of the membership
     * table (at most {@value #MAX_DISTINCT_MEMBERSHIP_VALUES} distinct values are read).
     */
    public List<String> allGroupNames() {
        GroupTables g = t.schema().groups();
        if (g == null) {
            return List.of();
        }
        MembershipSql m = new MembershipSql(t, g);
        String sql = g.joinsGroupsTable()
                ? "SELECT " + t.q(g.groupNameColumn()) + " FROM " + t.dialect().quote(g.groupsTable())
                : "SELECT DISTINCT " + m.valueColumn() + " FROM " + m.from() + " WHERE 1 = 1" + m.filter()
                        + t.dialect().limitOffset();
        return t.query("list groups", sql, (ps, i) -> g.joinsGroupsTable() ? i
                : t.bindPage(ps, m.bindFilter(ps, i), 0, MAX_DISTINCT_MEMBERSHIP_VALUES), rs -> {
                    java.util.SortedSet<String> names = new java.util.TreeSet<>();
                    while (rs.next()) {
                        String value = rs.getString(1);
                        names.addAll(g.joinsGroupsTable() ? (value == null ? List.of() : List.of(value))
                                : m.names(value));
                    }
                    return List.copyOf(names);
                });
    }
}
