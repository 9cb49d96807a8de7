package dev.legacybridge.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;
import javax.sql.DataSource;

/**
 * The only place that speaks SQL to the legacy database.
 *
 * <p>Every value goes in as a bound parameter. Table and column names come from a {@link LegacySchema}, which only
 * holds names validated by {@link SqlIdentifiers}, and are quoted with the dialect's quote character. Every statement
 * has the configured query timeout. Connections are borrowed per call and returned before the method returns, so no
 * caller can leak one.
 *
 * <p>Lookups compare {@code lower(column)} with a lower-cased argument when case-insensitive; on a large table give
 * the database an expression index ({@code CREATE INDEX ... ON auth_user (lower(username))}), see
 * {@code legacy-db/recommended-indexes.sql}. Searches order by username and page with {@code LIMIT/OFFSET}.
 *
 * <p>Failures are thrown as {@link LegacyStoreException} naming the operation; they are never turned into an empty
 * answer, because "the database is down" must not look like "no such user".
 */
public final class LegacyUserRepository {

    /** LIKE escape character; {@code !} rather than backslash because MySQL treats backslash specially in literals. */
    private static final char ESCAPE = '!';

    private final DataSource dataSource;
    private final LegacySchema schema;
    private final SqlDialect dialect;
    private final int queryTimeoutSeconds;
    private final String usersTable;
    private final String selectUserColumns;
    private final Map<String, Integer> columnPositions;
    private volatile IdKind idKind;

    /** How the id column's values are bound: Django uses integers; other apps use UUIDs or text. */
    enum IdKind { INTEGER, UUID, TEXT }

    public LegacyUserRepository(DataSource dataSource, LegacySchema schema, SqlDialect dialect, Duration queryTimeout) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.schema = Objects.requireNonNull(schema, "schema");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.queryTimeoutSeconds = (int) Math.max(1, Math.min(Integer.MAX_VALUE, queryTimeout.toSeconds()));
        this.usersTable = dialect.quote(schema.usersTable());
        List<String> columns = schema.userColumns();
        StringJoiner select = new StringJoiner(", ");
        Map<String, Integer> positions = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            select.add("u." + q(columns.get(i)));
            positions.put(columns.get(i), i + 1);
        }
        this.selectUserColumns = select.toString();
        this.columnPositions = Map.copyOf(positions);
    }

    public LegacySchema schema() {
        return schema;
    }

    public SqlDialect dialect() {
        return dialect;
    }

    // ---------------------------------------------------------------- lookups

    public Optional<LegacyUser> findById(String id) {
        return withIdBound(id, "find user by id", bound -> querySingle("find user by id",
                "SELECT " + selectUserColumns + " FROM " + usersTable + " u WHERE u." + q(schema.idColumn()) + " = ?",
                bound), Optional.empty());
    }

    /**
     * Users whose username equals {@code username}, at most two: a caller that gets two knows the name is ambiguous.
     *
     * @param caseInsensitive compare {@code lower(username)} with the lower-cased argument
     */
    public List<LegacyUser> findByUsername(String username, boolean caseInsensitive) {
        return findByColumn("find user by username", schema.usernameColumn(), username, caseInsensitive);
    }

    /** Users whose email equals {@code email} case-insensitively, at most two. Empty if no email column is mapped. */
    public List<LegacyUser> findByEmail(String email) {
        if (schema.emailColumn() == null) {
            return List.of();
        }
        return findByColumn("find user by email", schema.emailColumn(), email, true);
    }

    private List<LegacyUser> findByColumn(String operation, String column, String value, boolean caseInsensitive) {
        if (value == null || value.isEmpty()) {
            return List.of();
        }
        String predicate = caseInsensitive ? "lower(u." + q(column) + ") = ?" : "u." + q(column) + " = ?";
        String bound = caseInsensitive ? value.toLowerCase(Locale.ROOT) : value;
        String sql = "SELECT " + selectUserColumns + " FROM " + usersTable + " u WHERE " + predicate
                + " ORDER BY u." + q(schema.idColumn()) + dialect.limitOffset();
        return queryList(operation, sql, (ps, i) -> {
            ps.setString(i++, bound);
            return bindPage(ps, i, 0, 2);
        });
    }

    /** Users whose extra attribute column {@code column} equals {@code value} case-insensitively. */
    public List<LegacyUser> findByAttribute(String column, String value, int first, int max) {
        return search(UserSearch.all().withAttribute(column, value), first, max);
    }

    // ---------------------------------------------------------------- search, count, paging

    /**
     * One page of users matching {@code search}, ordered by username.
     *
     * @param max page size; a negative value means no limit
     */
    public List<LegacyUser> search(UserSearch search, int first, int max) {
        if (search.matchesNothing() || max == 0) {
            return List.of();
        }
        Where where = where(search);
        if (where == null) {
            return List.of();
        }
        String sql = "SELECT " + selectUserColumns + " FROM " + usersTable + " u" + where.sql()
                + " ORDER BY u." + q(schema.usernameColumn()) + ", u." + q(schema.idColumn())
                + (max < 0 && first <= 0 ? "" : dialect.limitOffset());
        return queryList("search users", sql, (ps, i) -> {
            i = where.bind(ps, i);
            return max < 0 && first <= 0 ? i : bindPage(ps, i, Math.max(0, first), max < 0 ? Integer.MAX_VALUE : max);
        });
    }

    public int count(UserSearch search) {
        if (search.matchesNothing()) {
            return 0;
        }
        Where where = where(search);
        if (where == null) {
            return 0;
        }
        String sql = "SELECT count(*) FROM " + usersTable + " u" + where.sql();
        return (int) Math.min(Integer.MAX_VALUE, queryLong("count users", sql, where::bind));
    }

    /**
     * Keyset paging over the whole table in id order, for bulk work: the rows with id greater than {@code afterId}
     * ({@code null} for the start). Stable under concurrent inserts and cheap on any table size, unlike OFFSET.
     */
    public List<LegacyUser> pageAfter(String afterId, int size) {
        if (afterId == null) {
            String sql = "SELECT " + selectUserColumns + " FROM " + usersTable + " u ORDER BY u."
                    + q(schema.idColumn()) + dialect.limitOffset();
            return queryList("page users", sql, (ps, i) -> bindPage(ps, i, 0, size));
        }
        String sql = "SELECT " + selectUserColumns + " FROM " + usersTable + " u WHERE u." + q(schema.idColumn())
                + " > ? ORDER BY u." + q(schema.idColumn()) + dialect.limitOffset();
        return withIdBound(afterId, "page users", bound -> queryList("page users", sql,
                (ps, i) -> bindPage(ps, bound.bind(ps, i), 0, size)), List.of());
    }

    /** Users whose boolean flag column is true (role members), ordered by username. */
    public List<LegacyUser> findFlagged(String flagColumn, int first, int max) {
        if (!schema.flagColumns().contains(flagColumn)) {
            return List.of();
        }
        String sql = "SELECT " + selectUserColumns + " FROM " + usersTable + " u WHERE u." + q(flagColumn)
                + " = ? ORDER BY u." + q(schema.usernameColumn()) + dialect.limitOffset();
        return queryList("find users by role flag", sql, (ps, i) -> {
            ps.setBoolean(i++, true);
            return bindPage(ps, i, Math.max(0, first), max < 0 ? Integer.MAX_VALUE : max);
        });
    }

    // ---------------------------------------------------------------- groups

    /** Names of the groups the user belongs to, sorted. Empty when no group tables are mapped. */
    public List<String> groupNamesOf(String userId) {
        GroupTables g = schema.groups();
        if (g == null) {
            return List.of();
        }
        String sql = "SELECT g." + q(g.groupNameColumn()) + " FROM " + dialect.quote(g.userGroupsTable()) + " ug JOIN "
                + dialect.quote(g.groupsTable()) + " g ON g." + q(g.groupIdColumn()) + " = ug."
                + q(g.userGroupsGroupColumn()) + " WHERE ug." + q(g.userGroupsUserColumn()) + " = ? ORDER BY g."
                + q(g.groupNameColumn());
        return withIdBound(userId, "list groups of user", bound -> query("list groups of user", sql, bound, rs -> {
            List<String> names = new ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString(1));
            }
            return names;
        }), List.of());
    }

    /**
     * Group names of many users at once (for bulk work: one query per page instead of one per user). Users without
     * groups are absent from the map.
     */
    public Map<String, List<String>> groupNamesByUser(List<String> userIds) {
        GroupTables g = schema.groups();
        if (g == null || userIds.isEmpty()) {
            return Map.of();
        }
        IdKind kind = idKind();
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
        String placeholders = String.join(", ", java.util.Collections.nCopies(ids.size(), "?"));
        String sql = "SELECT ug." + q(g.userGroupsUserColumn()) + ", g." + q(g.groupNameColumn()) + " FROM "
                + dialect.quote(g.userGroupsTable()) + " ug JOIN " + dialect.quote(g.groupsTable()) + " g ON g."
                + q(g.groupIdColumn()) + " = ug." + q(g.userGroupsGroupColumn()) + " WHERE ug."
                + q(g.userGroupsUserColumn()) + " IN (" + placeholders + ") ORDER BY g." + q(g.groupNameColumn());
        return query("list groups of users", sql, (ps, i) -> {
            for (Object id : ids) {
                ps.setObject(i++, id);
            }
            return i;
        }, rs -> {
            Map<String, List<String>> groups = new HashMap<>();
            while (rs.next()) {
                groups.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
            }
            return groups;
        });
    }

    private static Object boundId(IdKind kind, String id) {
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

    /** Members of the named group, ordered by username. */
    public List<LegacyUser> membersOfGroup(String groupName, int first, int max) {
        GroupTables g = schema.groups();
        if (g == null || groupName == null) {
            return List.of();
        }
        String sql = "SELECT " + selectUserColumns + " FROM " + usersTable + " u JOIN " + dialect.quote(g.userGroupsTable())
                + " ug ON ug." + q(g.userGroupsUserColumn()) + " = u." + q(schema.idColumn()) + " JOIN "
                + dialect.quote(g.groupsTable()) + " g ON g." + q(g.groupIdColumn()) + " = ug."
                + q(g.userGroupsGroupColumn()) + " WHERE g." + q(g.groupNameColumn()) + " = ? ORDER BY u."
                + q(schema.usernameColumn()) + dialect.limitOffset();
        return queryList("list group members", sql, (ps, i) -> {
            ps.setString(i++, groupName);
            return bindPage(ps, i, Math.max(0, first), max < 0 ? Integer.MAX_VALUE : max);
        });
    }

    /** Every group name in the groups table, sorted. */
    public List<String> allGroupNames() {
        GroupTables g = schema.groups();
        if (g == null) {
            return List.of();
        }
        String sql = "SELECT " + q(g.groupNameColumn()) + " FROM " + dialect.quote(g.groupsTable()) + " ORDER BY "
                + q(g.groupNameColumn());
        return query("list groups", sql, (ps, i) -> i, rs -> {
            List<String> names = new ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString(1));
            }
            return names;
        });
    }

    // ---------------------------------------------------------------- writes

    /** Replaces the stored password hash. Returns whether a row was updated. */
    public boolean updatePasswordHash(String userId, String newHash) {
        Objects.requireNonNull(newHash, "newHash");
        String sql = "UPDATE " + usersTable + " SET " + q(schema.passwordColumn()) + " = ? WHERE "
                + q(schema.idColumn()) + " = ?";
        return withIdBound(userId, "update password hash", bound -> update("update password hash", sql, (ps, i) -> {
            ps.setString(i++, newHash);
            return bound.bind(ps, i);
        }) > 0, false);
    }

    /**
     * Writes one profile field. Strings for email and names, a {@link Boolean} for {@link ProfileField#ACTIVE}.
     *
     * @throws InvalidSchemaException if the schema does not map that field
     */
    public boolean updateField(String userId, ProfileField field, Object value) {
        String column = field.column(schema);
        if (column == null) {
            throw new InvalidSchemaException("the legacy schema maps no column for " + field);
        }
        String sql = "UPDATE " + usersTable + " SET " + q(column) + " = ? WHERE " + q(schema.idColumn()) + " = ?";
        return withIdBound(userId, "update " + field, bound -> update("update " + field, sql, (ps, i) -> {
            if (field == ProfileField.ACTIVE) {
                ps.setBoolean(i++, Boolean.TRUE.equals(value));
            } else if (value == null) {
                ps.setNull(i++, Types.VARCHAR);
            } else {
                ps.setString(i++, value.toString());
            }
            return bound.bind(ps, i);
        }) > 0, false);
    }

    /** Sets the migrated column to true. Returns false when no migrated column is mapped or no row matched. */
    public boolean markMigrated(String userId) {
        if (schema.migratedColumn() == null) {
            return false;
        }
        String sql = "UPDATE " + usersTable + " SET " + q(schema.migratedColumn()) + " = ? WHERE "
                + q(schema.idColumn()) + " = ?";
        return withIdBound(userId, "mark user migrated", bound -> update("mark user migrated", sql, (ps, i) -> {
            ps.setBoolean(i++, true);
            return bound.bind(ps, i);
        }) > 0, false);
    }

    // ---------------------------------------------------------------- audit and housekeeping

    /**
     * The stored hash of the most recently created row that has one: the format and cost the legacy app writes today,
     * used to make a dummy verification for unknown users cost what a real one costs.
     */
    public Optional<String> newestPasswordHash() {
        String sql = "SELECT " + q(schema.passwordColumn()) + " FROM " + usersTable + " WHERE "
                + q(schema.passwordColumn()) + " IS NOT NULL ORDER BY " + q(schema.idColumn()) + " DESC"
                + dialect.limitOffset();
        return query("read newest password hash", sql, (ps, i) -> bindPage(ps, i, 0, 1),
                rs -> rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.<String>empty());
    }

    /**
     * The stored password values of the rows after {@code afterId} in id order ({@code null}: from the start), at most
     * {@code size}, as {@code [id, value]} pairs; rows without a value are skipped. Keyset paging reads a table of any
     * size in constant memory on every supported database, which a streaming result set does not (pgjdbc buffers a
     * whole result unless auto-commit is off, MySQL needs driver-specific fetch sizes).
     */
    public List<String[]> passwordHashesAfter(String afterId, int size) {
        String select = "SELECT u." + q(schema.idColumn()) + ", u." + q(schema.passwordColumn()) + " FROM " + usersTable
                + " u WHERE ";
        String order = " ORDER BY u." + q(schema.idColumn()) + dialect.limitOffset();
        RowsReader<List<String[]>> reader = rs -> {
            List<String[]> out = new ArrayList<>();
            while (rs.next()) {
                String value = rs.getString(2);
                out.add(new String[] {rs.getString(1), value});
            }
            return out;
        };
        if (afterId == null) {
            return query("read password hashes", select + "1 = 1" + order, (ps, i) -> bindPage(ps, i, 0, size), reader);
        }
        return withIdBound(afterId, "read password hashes", bound -> query("read password hashes",
                select + "u." + q(schema.idColumn()) + " > ?" + order, (ps, i) -> bindPage(ps, bound.bind(ps, i), 0,
                        size), reader), List.of());
    }

    /** Rows with no email (NULL or empty). Every row when no email column is mapped. */
    public long countWithoutEmail() {
        if (schema.emailColumn() == null) {
            return count(UserSearch.all());
        }
        String email = q(schema.emailColumn());
        return queryLong("count users without email", "SELECT count(*) FROM " + usersTable + " WHERE " + email
                + " IS NULL OR " + email + " = ''", (ps, i) -> i);
    }

    /**
     * Values of {@code column} (username or email) that appear more than once when lower-cased, with their counts,
     * most frequent first. Keycloak treats usernames and emails case-insensitively, so each of these is ambiguous.
     */
    public Map<String, Long> caseInsensitiveDuplicates(DuplicateColumn column, int limit) {
        String col = switch (column) {
            case USERNAME -> schema.usernameColumn();
            case EMAIL -> schema.emailColumn();
        };
        if (col == null) {
            return Map.of();
        }
        String sql = "SELECT lower(" + q(col) + "), count(*) FROM " + usersTable + " WHERE " + q(col)
                + " IS NOT NULL AND " + q(col) + " <> '' GROUP BY lower(" + q(col) + ") HAVING count(*) > 1"
                + " ORDER BY count(*) DESC, lower(" + q(col) + ")" + dialect.limitOffset();
        return query("find case-insensitive duplicates", sql, (ps, i) -> bindPage(ps, i, 0, limit), rs -> {
            Map<String, Long> duplicates = new LinkedHashMap<>();
            while (rs.next()) {
                duplicates.put(rs.getString(1), rs.getLong(2));
            }
            return duplicates;
        });
    }

    /**
     * How many distinct values of {@code column} (username or email) appear more than once when lower-cased, and how
     * many rows hold them: the totals behind {@link #caseInsensitiveDuplicates}, whatever its limit. Zero when the
     * column is not mapped. NULL and empty values are left out, as there.
     */
    public DuplicateSummary caseInsensitiveDuplicateSummary(DuplicateColumn column) {
        String col = switch (column) {
            case USERNAME -> schema.usernameColumn();
            case EMAIL -> schema.emailColumn();
        };
        if (col == null) {
            return new DuplicateSummary(0, 0);
        }
        String sql = "SELECT count(*), sum(d.n) FROM (SELECT count(*) AS n FROM " + usersTable + " WHERE " + q(col)
                + " IS NOT NULL AND " + q(col) + " <> '' GROUP BY lower(" + q(col) + ") HAVING count(*) > 1) d";
        return query("count case-insensitive duplicates", sql, (ps, i) -> i,
                rs -> rs.next() ? new DuplicateSummary(rs.getLong(1), rs.getLong(2)) : new DuplicateSummary(0, 0));
    }

    /**
     * @param values distinct lower-cased values held by more than one row
     * @param rows   rows holding one of them
     */
    public record DuplicateSummary(long values, long rows) {
    }

    /**
     * Of the given lower-cased usernames, those held by more than one row when compared case-insensitively
     * ({@code JohnDoe} and {@code johndoe}). One query per call; give the database an index on {@code lower(username)}
     * for large tables.
     */
    public java.util.Set<String> ambiguousUsernames(java.util.Collection<String> lowerCasedUsernames) {
        if (lowerCasedUsernames.isEmpty()) {
            return java.util.Set.of();
        }
        List<String> names = List.copyOf(new java.util.LinkedHashSet<>(lowerCasedUsernames));
        String col = q(schema.usernameColumn());
        String sql = "SELECT lower(" + col + ") FROM " + usersTable + " WHERE lower(" + col + ") IN ("
                + String.join(", ", java.util.Collections.nCopies(names.size(), "?")) + ") GROUP BY lower(" + col
                + ") HAVING count(*) > 1";
        return query("find ambiguous usernames", sql, (ps, i) -> {
            for (String name : names) {
                ps.setString(i++, name);
            }
            return i;
        }, rs -> {
            java.util.Set<String> ambiguous = new java.util.HashSet<>();
            while (rs.next()) {
                ambiguous.add(rs.getString(1));
            }
            return ambiguous;
        });
    }

    /** Which column {@link #caseInsensitiveDuplicates} looks at. */
    public enum DuplicateColumn {
        USERNAME,
        EMAIL
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
        try (Connection connection = dataSource.getConnection()) {
            if (!probe(connection, "SELECT 1 FROM " + usersTable + " WHERE 1=0")) {
                problems.add("Users table '" + schema.usersTable() + "' was not found or is not readable");
                return problems;
            }
            for (String column : schema.userColumns()) {
                if (!probe(connection, "SELECT " + q(column) + " FROM " + usersTable + " WHERE 1=0")) {
                    problems.add("Column '" + column + "' was not found in table '" + schema.usersTable() + "'");
                }
            }
            GroupTables g = schema.groups();
            if (g != null) {
                checkTable(connection, problems, g.groupsTable(), List.of(g.groupIdColumn(), g.groupNameColumn()));
                checkTable(connection, problems, g.userGroupsTable(),
                        List.of(g.userGroupsUserColumn(), g.userGroupsGroupColumn()));
            }
        } catch (SQLException e) {
            throw failure("check schema", e);
        }
        return problems;
    }

    private void checkTable(Connection connection, List<String> problems, String table, List<String> columns)
            throws SQLException {
        String quoted = dialect.quote(table);
        if (!probe(connection, "SELECT 1 FROM " + quoted + " WHERE 1=0")) {
            problems.add("Table '" + table + "' was not found or is not readable");
            return;
        }
        for (String column : columns) {
            if (!probe(connection, "SELECT " + q(column) + " FROM " + quoted + " WHERE 1=0")) {
                problems.add("Column '" + column + "' was not found in table '" + table + "'");
            }
        }
    }

    private boolean probe(Connection connection, String sql) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setQueryTimeout(queryTimeoutSeconds);
            ps.executeQuery().close();
            return true;
        } catch (SQLException e) {
            if (isConnectionFailure(e)) {
                throw e;
            }
            return false;
        }
    }

    // ---------------------------------------------------------------- SQL building

    private String q(String identifier) {
        return dialect.quote(identifier);
    }

    /** A WHERE clause with its binder; {@code null} when the criteria cannot match any row. */
    private Where where(UserSearch search) {
        List<String> predicates = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        List<String> searchable = new ArrayList<>();
        searchable.add(schema.usernameColumn());
        for (String optional : new String[] {schema.emailColumn(), schema.firstNameColumn(), schema.lastNameColumn()}) {
            if (optional != null) {
                searchable.add(optional);
            }
        }
        for (String rawTerm : search.terms()) {
            String term = rawTerm.toLowerCase(Locale.ROOT);
            StringJoiner any = new StringJoiner(" OR ", "(", ")");
            boolean quoted = term.length() >= 2 && term.startsWith("\"") && term.endsWith("\"");
            String value = quoted ? term.substring(1, term.length() - 1) : likePattern(term);
            for (String column : searchable) {
                any.add(quoted ? "lower(u." + q(column) + ") = ?" : "lower(u." + q(column) + ") LIKE ? ESCAPE '" + ESCAPE + "'");
                values.add(value);
            }
            predicates.add(any.toString());
        }
        Map<String, String> fieldFilters = new LinkedHashMap<>();
        if (search.username() != null) {
            fieldFilters.put(schema.usernameColumn(), search.username());
        }
        for (Map.Entry<ProfileField, String> field : search.fields().entrySet()) {
            if (field.getKey() == ProfileField.ACTIVE) {
                continue;
            }
            String column = field.getKey().column(schema);
            if (column == null) {
                return null;
            }
            fieldFilters.put(column, field.getValue());
        }
        for (Map.Entry<String, String> field : fieldFilters.entrySet()) {
            String column = field.getKey();
            String value = field.getValue().toLowerCase(Locale.ROOT);
            if (search.exact()) {
                predicates.add("lower(u." + q(column) + ") = ?");
                values.add(value);
            } else {
                predicates.add("lower(u." + q(column) + ") LIKE ? ESCAPE '" + ESCAPE + "'");
                values.add("%" + escapeLike(value) + "%");
            }
        }
        if (search.active() != null) {
            if (schema.activeColumn() == null) {
                if (!search.active()) {
                    return null;
                }
            } else {
                predicates.add("u." + q(schema.activeColumn()) + " = ?");
                values.add(search.active());
            }
        }
        if (search.migrated() != null && schema.migratedColumn() != null) {
            if (search.migrated()) {
                predicates.add("u." + q(schema.migratedColumn()) + " = ?");
                values.add(Boolean.TRUE);
            } else {
                // NULL counts as "not migrated": the column may have been added to a table with existing rows.
                predicates.add("(u." + q(schema.migratedColumn()) + " = ? OR u." + q(schema.migratedColumn())
                        + " IS NULL)");
                values.add(Boolean.FALSE);
            }
        }
        for (Map.Entry<String, String> attribute : search.attributes().entrySet()) {
            if (!schema.attributeColumns().contains(attribute.getKey())) {
                return null;
            }
            predicates.add("lower(" + dialect.castToText("u." + q(attribute.getKey())) + ") = ?");
            values.add(attribute.getValue().toLowerCase(Locale.ROOT));
        }
        if (search.membership() != null) {
            StringJoiner any = new StringJoiner(" OR ", "(", ")");
            for (String flag : search.membership().trueFlags()) {
                if (schema.flagColumns().contains(flag)) {
                    any.add("u." + q(flag) + " = ?");
                    values.add(Boolean.TRUE);
                }
            }
            GroupTables g = schema.groups();
            if (g != null && !search.membership().groupNames().isEmpty()) {
                List<String> names = search.membership().groupNames().stream().sorted().toList();
                any.add("EXISTS (SELECT 1 FROM " + dialect.quote(g.userGroupsTable()) + " ug JOIN "
                        + dialect.quote(g.groupsTable()) + " g ON g." + q(g.groupIdColumn()) + " = ug."
                        + q(g.userGroupsGroupColumn()) + " WHERE ug." + q(g.userGroupsUserColumn()) + " = u."
                        + q(schema.idColumn()) + " AND g." + q(g.groupNameColumn()) + " IN ("
                        + String.join(", ", java.util.Collections.nCopies(names.size(), "?")) + "))");
                values.addAll(names);
            }
            if (any.length() == 2) {
                return null; // nothing in this table can make a row a member
            }
            predicates.add(any.toString());
        }
        String sql = predicates.isEmpty() ? "" : " WHERE " + String.join(" AND ", predicates);
        return new Where(sql, values);
    }

    /** Keycloak's search-term rules: {@code *} is the wildcard, a trailing wildcard is implied. */
    static String likePattern(String term) {
        boolean endsWithWildcard = term.endsWith("*");
        String pattern = escapeLike(term).replace("*", "%");
        return pattern.isEmpty() || !endsWithWildcard ? pattern + "%" : pattern;
    }

    static String escapeLike(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ESCAPE || c == '%' || c == '_') {
                out.append(ESCAPE);
            }
            out.append(c);
        }
        return out.toString();
    }

    private record Where(String sql, List<Object> values) {
        int bind(PreparedStatement ps, int index) throws SQLException {
            for (Object value : values) {
                if (value instanceof Boolean b) {
                    ps.setBoolean(index++, b);
                } else {
                    ps.setString(index++, (String) value);
                }
            }
            return index;
        }
    }

    private int bindPage(PreparedStatement ps, int index, int offset, int limit) throws SQLException {
        if (dialect.offsetFirst()) {
            ps.setInt(index++, offset);
            ps.setInt(index++, limit);
        } else {
            ps.setInt(index++, limit);
            ps.setInt(index++, offset);
        }
        return index;
    }

    // ---------------------------------------------------------------- id binding

    /** Binds the id in the column's own type, so that the primary-key index is used. */
    @FunctionalInterface
    private interface Binder {
        int bind(PreparedStatement ps, int index) throws SQLException;
    }

    private <T> T withIdBound(String id, String operation, java.util.function.Function<Binder, T> action, T whenInvalid) {
        if (id == null) {
            return whenInvalid;
        }
        IdKind kind = idKind();
        Binder binder;
        switch (kind) {
            case INTEGER -> {
                long value;
                try {
                    value = Long.parseLong(id);
                } catch (NumberFormatException e) {
                    return whenInvalid;
                }
                binder = (ps, i) -> {
                    ps.setLong(i, value);
                    return i + 1;
                };
            }
            case UUID -> {
                java.util.UUID value;
                try {
                    value = java.util.UUID.fromString(id);
                } catch (IllegalArgumentException e) {
                    return whenInvalid;
                }
                binder = (ps, i) -> {
                    ps.setObject(i, value);
                    return i + 1;
                };
            }
            default -> binder = (ps, i) -> {
                ps.setString(i, id);
                return i + 1;
            };
        }
        return action.apply(binder);
    }

    IdKind idKind() {
        IdKind kind = idKind;
        if (kind == null) {
            String sql = "SELECT " + q(schema.idColumn()) + " FROM " + usersTable + " WHERE 1=0";
            kind = query("read id column type", sql, (ps, i) -> i, rs -> {
                ResultSetMetaData meta = rs.getMetaData();
                int type = meta.getColumnType(1);
                String typeName = String.valueOf(meta.getColumnTypeName(1)).toLowerCase(Locale.ROOT);
                if (type == Types.INTEGER || type == Types.BIGINT || type == Types.SMALLINT || type == Types.TINYINT
                        || typeName.contains("int")) {
                    return IdKind.INTEGER;
                }
                if (typeName.equals("uuid")) {
                    return IdKind.UUID;
                }
                return IdKind.TEXT;
            });
            idKind = kind;
        }
        return kind;
    }

    // ---------------------------------------------------------------- execution

    @FunctionalInterface
    private interface RowsReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private Optional<LegacyUser> querySingle(String operation, String sql, Binder binder) {
        return query(operation, sql, binder, rs -> rs.next() ? Optional.of(map(rs)) : Optional.empty());
    }

    private List<LegacyUser> queryList(String operation, String sql, Binder binder) {
        return query(operation, sql, binder, rs -> {
            List<LegacyUser> users = new ArrayList<>();
            while (rs.next()) {
                users.add(map(rs));
            }
            return users;
        });
    }

    private long queryLong(String operation, String sql, Binder binder) {
        return query(operation, sql, binder, rs -> rs.next() ? rs.getLong(1) : 0L);
    }

    private <T> T query(String operation, String sql, Binder binder, RowsReader<T> reader) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setQueryTimeout(queryTimeoutSeconds);
            binder.bind(ps, 1);
            try (ResultSet rs = ps.executeQuery()) {
                return reader.read(rs);
            }
        } catch (SQLException e) {
            throw failure(operation, e);
        }
    }

    private int update(String operation, String sql, Binder binder) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setQueryTimeout(queryTimeoutSeconds);
            binder.bind(ps, 1);
            int rows = ps.executeUpdate();
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
            return rows;
        } catch (SQLException e) {
            throw failure(operation, e);
        }
    }

    private LegacyUser map(ResultSet rs) throws SQLException {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (String column : schema.attributeColumns()) {
            Object value = rs.getObject(columnPositions.get(column));
            String text = value == null ? null : TemporalValues.asText(value);
            if (text != null) {
                attributes.put(column, text);
            }
        }
        Map<String, Boolean> flags = new LinkedHashMap<>();
        for (String column : schema.flagColumns()) {
            flags.put(column, readFlag(rs, column, false));
        }
        return new LegacyUser(
                rs.getString(columnPositions.get(schema.idColumn())),
                rs.getString(columnPositions.get(schema.usernameColumn())),
                rs.getString(columnPositions.get(schema.passwordColumn())),
                text(rs, schema.emailColumn()),
                text(rs, schema.firstNameColumn()),
                text(rs, schema.lastNameColumn()),
                schema.activeColumn() == null || readFlag(rs, schema.activeColumn(), false),
                schema.createdColumn() == null ? null
                        : TemporalValues.toInstant(rs.getObject(columnPositions.get(schema.createdColumn()))),
                schema.migratedColumn() != null && readFlag(rs, schema.migratedColumn(), false),
                attributes,
                flags);
    }

    private String text(ResultSet rs, String column) throws SQLException {
        if (column == null) {
            return null;
        }
        String value = rs.getString(columnPositions.get(column));
        return value == null || value.isEmpty() ? null : value;
    }

    /** Boolean-like columns: booleans, 0/1 integers, and the strings t/f, true/false, y/n, yes/no, 1/0. NULL is false. */
    private boolean readFlag(ResultSet rs, String column, boolean whenNull) throws SQLException {
        Object value = rs.getObject(columnPositions.get(column));
        if (value == null) {
            return whenNull;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof Number n) {
            return n.longValue() != 0;
        }
        String s = value.toString().trim().toLowerCase(Locale.ROOT);
        return s.equals("t") || s.equals("true") || s.equals("y") || s.equals("yes") || s.equals("1");
    }

    private static boolean isConnectionFailure(SQLException e) {
        String state = e.getSQLState();
        return state != null && state.startsWith("08");
    }

    private static LegacyStoreException failure(String operation, SQLException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = message.indexOf('\n');
        if (newline >= 0) {
            // PostgreSQL appends "Detail: Failing row contains (...)", which can hold a whole row, hash included.
            message = message.substring(0, newline);
        }
        return new LegacyStoreException("Legacy database error during '" + operation + "' (SQLState "
                + e.getSQLState() + "): " + message, e);
    }
}
