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
 * The legacy users table over JDBC: runs statements and maps rows, for the classes of this package that build them.
 *
 * <p>Every value goes in as a bound parameter, ids in the id column's own type (so the primary-key index is used).
 * Table and column names come from a {@link LegacySchema}, which only holds names validated by
 * {@link SqlIdentifiers}, and are quoted with the dialect's quote character. Every statement has the configured query
 * timeout. Connections are borrowed per call and returned before the method returns, so no caller can leak one.
 *
 * <p>Failures are thrown as {@link LegacyStoreException} naming the operation; they are never turned into an empty
 * answer, because "the database is down" must not look like "no such user".
 */
final class UserTable {

    private final DataSource dataSource;
    private final LegacySchema schema;
    private final SqlDialect dialect;
    private final int queryTimeoutSeconds;
    private final String usersTable;
    private final String selectUserColumns;
    private final Map<String, Integer> columnPositions;
    private volatile IdKind idKind;
    private final Map<String, Boolean> notNull = new java.util.concurrent.ConcurrentHashMap<>();
    private final QueryObserver observer;

    /** How the id column's values are bound: Django uses integers; other apps use UUIDs or text. */
    enum IdKind { INTEGER, UUID, TEXT }

    UserTable(DataSource dataSource, LegacySchema schema, SqlDialect dialect, Duration queryTimeout,
              QueryObserver observer) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.observer = Objects.requireNonNull(observer, "observer");
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

    LegacySchema schema() {
        return schema;
    }

    SqlDialect dialect() {
        return dialect;
    }

    DataSource dataSource() {
        return dataSource;
    }

    int queryTimeoutSeconds() {
        return queryTimeoutSeconds;
    }

    /** The users table's quoted name. */
    String usersTable() {
        return usersTable;
    }

    /** The mapped columns of the users table, as {@code u.<column>, ...}, in the order {@link #map} reads them. */
    String selectUserColumns() {
        return selectUserColumns;
    }

    /** Quotes an identifier that {@link SqlIdentifiers} has already validated. */
    String q(String identifier) {
        return dialect.quote(identifier);
    }

    int bindPage(PreparedStatement ps, int index, int offset, int limit) throws SQLException {
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
    interface Binder {
        int bind(PreparedStatement ps, int index) throws SQLException;
    }

    <T> T withIdBound(String id, String operation, java.util.function.Function<Binder, T> action, T whenInvalid) {
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

    /**
     * Whether a column of the users table refuses NULL, as the driver's metadata says ({@code WHERE 1=0}, read once
     * per column). Django declares its text columns NOT NULL and stores {@code ''} for "blank".
     */
    boolean notNull(String column) {
        return notNull.computeIfAbsent(column, c -> query("read column nullability",
                "SELECT " + q(c) + " FROM " + usersTable + " WHERE 1=0", (ps, i) -> i,
                rs -> rs.getMetaData().isNullable(1) == ResultSetMetaData.columnNoNulls));
    }

    // ---------------------------------------------------------------- execution

    @FunctionalInterface
    interface RowsReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    Optional<LegacyUser> querySingle(String operation, String sql, Binder binder) {
        return query(operation, sql, binder, rs -> rs.next() ? Optional.of(map(rs)) : Optional.empty());
    }

    List<LegacyUser> queryList(String operation, String sql, Binder binder) {
        return query(operation, sql, binder, rs -> {
            List<LegacyUser> users = new ArrayList<>();
            while (rs.next()) {
                users.add(map(rs));
            }
            return users;
        });
    }

    long queryLong(String operation, String sql, Binder binder) {
        return query(operation, sql, binder, rs -> rs.next() ? rs.getLong(1) : 0L);
    }

    <T> T query(String operation, String sql, Binder binder, RowsReader<T> reader) {
        long start = System.nanoTime();
        boolean failed = true;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setQueryTimeout(queryTimeoutSeconds);
            binder.bind(ps, 1);
            try (ResultSet rs = ps.executeQuery()) {
                T result = reader.read(rs);
                failed = false;
                return result;
            }
        } catch (SQLException e) {
            throw failure(operation, e);
        } finally {
            observer.completed(operation, System.nanoTime() - start, failed);
        }
    }

    int update(String operation, String sql, Binder binder) {
        long start = System.nanoTime();
        boolean failed = true;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setQueryTimeout(queryTimeoutSeconds);
            binder.bind(ps, 1);
            int rows = ps.executeUpdate();
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
            failed = false;
            return rows;
        } catch (SQLException e) {
            throw failure(operation, e);
        } finally {
            observer.completed(operation, System.nanoTime() - start, failed);
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
                flags,
                schema.saltColumn() == null ? null : rs.getString(columnPositions.get(schema.saltColumn())),
                schema.lockedUntilColumn() == null ? null
                        : TemporalValues.toInstant(rs.getObject(columnPositions.get(schema.lockedUntilColumn()))));
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

    static boolean isConnectionFailure(SQLException e) {
        String state = e.getSQLState();
        return state != null && state.startsWith("08");
    }

    static LegacyStoreException failure(String operation, SQLException e) {
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
