package dev.legacybridge.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The rows a coexistence sync needs while the legacy application keeps running: those changed after a time (from a
 * "changed at" column the application maintains, e.g. a Django {@code auto_now} field or a trigger) and those of a
 * set of ids (to find users whose row is gone).
 */
public final class LegacyUserChanges {

    private final UserTable t;
    private final String changedAtColumn;

    LegacyUserChanges(UserTable table, String changedAtColumn) {
        this.t = table;
        this.changedAtColumn = changedAtColumn == null ? null : SqlIdentifiers.requirePlain("Changed-at column",
                changedAtColumn);
    }

    /**
     * Rows whose changed-at value is at or after {@code since}, in id order after {@code afterId} ({@code null}:
     * from the start), at most {@code size}: keyset paging, as {@link LegacyUserLookups#pageAfter}.
     *
     * @throws IllegalStateException when no changed-at column is configured
     */
    public List<LegacyUser> changedSince(Instant since, String afterId, int size) {
        if (changedAtColumn == null) {
            throw new IllegalStateException("no changed-at column is configured");
        }
        String id = t.q(t.schema().idColumn());
        String where = "u." + t.q(changedAtColumn) + " >= ?";
        Timestamp from = Timestamp.from(since);
        if (afterId == null) {
            String sql = "SELECT " + t.selectUserColumns() + " FROM " + t.usersTable() + " u WHERE " + where
                    + " ORDER BY u." + id + t.dialect().limitOffset();
            return t.queryList("list changed users", sql, (ps, i) -> {
                ps.setTimestamp(i++, from);
                return t.bindPage(ps, i, 0, size);
            });
        }
        String sql = "SELECT " + t.selectUserColumns() + " FROM " + t.usersTable() + " u WHERE " + where + " AND u."
                + id + " > ? ORDER BY u." + id + t.dialect().limitOffset();
        return t.withIdBound(afterId, "list changed users", bound -> t.queryList("list changed users", sql,
                (ps, i) -> {
                    ps.setTimestamp(i++, from);
                    return t.bindPage(ps, bound.bind(ps, i), 0, size);
                }), List.of());
    }

    /** The rows of these ids that exist (in no particular order); ids that are not of this table's type are skipped. */
    public List<LegacyUser> byIds(List<String> ids) {
        UserTable.IdKind kind = ids.isEmpty() ? UserTable.IdKind.TEXT : t.idKind();
        List<Object> bound = new ArrayList<>();
        for (String id : ids) {
            try {
                bound.add(switch (kind) {
                    case INTEGER -> Long.valueOf(id);
                    case UUID -> java.util.UUID.fromString(id);
                    case TEXT -> id;
                });
            } catch (IllegalArgumentException e) {
                // cannot be a row of this table
            }
        }
        if (bound.isEmpty()) {
            return List.of();
        }
        String sql = "SELECT " + t.selectUserColumns() + " FROM " + t.usersTable() + " u WHERE u."
                + t.q(t.schema().idColumn()) + " IN (" + String.join(", ", Collections.nCopies(bound.size(), "?"))
                + ")";
        return t.queryList("read users by id", sql, (ps, i) -> {
            for (Object id : bound) {
                ps.setObject(i++, id);
            }
            return i;
        });
    }
}
