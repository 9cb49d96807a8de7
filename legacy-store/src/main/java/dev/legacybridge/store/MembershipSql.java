package dev.legacybridge.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The SQL pieces of one {@link GroupTables} shape, so that lookups, searches and the schema check read membership the
 * same way: the membership table is {@code ug}, a groups table (when there is one) is {@code g}; a filter
 * ({@code ug.meta_key = ?}) is bound as a parameter.
 */
final class MembershipSql {

    private final UserTable t;
    private final GroupTables g;

    MembershipSql(UserTable t, GroupTables g) {
        this.t = t;
        this.g = g;
    }

    /** {@code <membership> ug [JOIN <groups> g ON ...]}. */
    String from() {
        String from = t.dialect().quote(g.userGroupsTable()) + " ug";
        if (g.joinsGroupsTable()) {
            from += " JOIN " + t.dialect().quote(g.groupsTable()) + " g ON g." + t.q(g.groupIdColumn()) + " = ug."
                    + t.q(g.userGroupsGroupColumn());
        }
        return from;
    }

    /** The column a name (or a serialized value holding names) is read from. */
    String valueColumn() {
        return g.joinsGroupsTable() ? "g." + t.q(g.groupNameColumn()) : "ug." + t.q(g.userGroupsGroupColumn());
    }

    /** {@code ug.<user column>}. */
    String userColumn() {
        return "ug." + t.q(g.userGroupsUserColumn());
    }

    /** {@code " AND ug.<filter> = ?"}, or empty. */
    String filter() {
        return g.filterColumn() == null ? "" : " AND ug." + t.q(g.filterColumn()) + " = ?";
    }

    /** Binds the filter value, if there is a filter. */
    int bindFilter(PreparedStatement ps, int index) throws SQLException {
        if (g.filterColumn() != null) {
            ps.setString(index++, g.filterValue());
        }
        return index;
    }

    /** The filter value as a list of bound values (empty without a filter). */
    List<Object> filterValues() {
        return g.filterColumn() == null ? List.of() : List.of(g.filterValue());
    }

    /** The names one value of {@link #valueColumn()} stands for. */
    List<String> names(String value) {
        if (value == null) {
            return List.of();
        }
        return g.valueFormat() == GroupTables.ValueFormat.PHP_SERIALIZED_KEYS ? PhpSerializedKeys.trueKeys(value)
                : List.of(value);
    }

    /**
     * A predicate "the value names one of {@code names}", its bound values appended to {@code values}: {@code IN}
     * for plain names, one {@code LIKE} per name for serialized arrays (WordPress writes each role as
     * {@code s:<bytes>:"<role>";b:1;}).
     */
    String namedAnyOf(List<String> names, List<Object> values) {
        if (g.valueFormat() == GroupTables.ValueFormat.PHP_SERIALIZED_KEYS) {
            List<String> likes = new ArrayList<>();
            for (String name : names) {
                likes.add(valueColumn() + " LIKE ? ESCAPE '" + SearchSql.ESCAPE + "'");
                values.add("%" + SearchSql.escapeLike(PhpSerializedKeys.entryOf(name)) + "%");
            }
            return "(" + String.join(" OR ", likes) + ")";
        }
        values.addAll(names);
        return valueColumn() + " IN (" + String.join(", ", Collections.nCopies(names.size(), "?")) + ")";
    }
}
