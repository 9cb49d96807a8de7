package dev.legacybridge.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Builds the WHERE clause of a {@link UserSearch}: column names from the validated schema, every value a bound
 * parameter, Keycloak's search-term syntax ({@code *} wildcard, {@code "exact"}) turned into {@code LIKE} patterns
 * with {@code %} and {@code _} escaped.
 */
final class SearchSql {

    /** LIKE escape character; {@code !} rather than backslash because MySQL treats backslash specially in literals. */
    static final char ESCAPE = '!';

    private SearchSql() {
    }

    /** A WHERE clause with its binder; {@code null} when the criteria cannot match any row. */
    static Where where(UserTable t, UserSearch search) {
        List<String> predicates = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        // A row without a username is nobody Keycloak can list or log in (Drupal 7's anonymous user, uid 0, has an
        // empty name); bulk migration reports such rows as failed. NULL is left out by the comparison too.
        predicates.add("u." + t.q(t.schema().usernameColumn()) + " <> ''");
        List<String> searchable = new ArrayList<>();
        searchable.add(t.schema().usernameColumn());
        for (String optional : new String[] {t.schema().emailColumn(), t.schema().firstNameColumn(), t.schema().lastNameColumn()}) {
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
                any.add(quoted ? "lower(u." + t.q(column) + ") = ?" : "lower(u." + t.q(column) + ") LIKE ? ESCAPE '" + ESCAPE + "'");
                values.add(value);
            }
            predicates.add(any.toString());
        }
        Map<String, String> fieldFilters = new LinkedHashMap<>();
        if (search.username() != null) {
            fieldFilters.put(t.schema().usernameColumn(), search.username());
        }
        for (Map.Entry<ProfileField, String> field : search.fields().entrySet()) {
            if (field.getKey() == ProfileField.ACTIVE) {
                continue;
            }
            String column = field.getKey().column(t.schema());
            if (column == null) {
                return null;
            }
            fieldFilters.put(column, field.getValue());
        }
        for (Map.Entry<String, String> field : fieldFilters.entrySet()) {
            String column = field.getKey();
            String value = field.getValue().toLowerCase(Locale.ROOT);
            if (search.exact()) {
                predicates.add("lower(u." + t.q(column) + ") = ?");
                values.add(value);
            } else {
                predicates.add("lower(u." + t.q(column) + ") LIKE ? ESCAPE '" + ESCAPE + "'");
                values.add("%" + escapeLike(value) + "%");
            }
        }
        if (search.active() != null) {
            if (t.schema().activeColumn() == null) {
                if (!search.active()) {
                    return null;
                }
            } else {
                predicates.add("u." + t.q(t.schema().activeColumn()) + " = ?");
                values.add(search.active());
            }
        }
        if (search.migrated() != null && t.schema().migratedColumn() != null) {
            if (search.migrated()) {
                predicates.add("u." + t.q(t.schema().migratedColumn()) + " = ?");
                values.add(Boolean.TRUE);
            } else {
                // NULL counts as "not migrated": the column may have been added to a table with existing rows.
                predicates.add("(u." + t.q(t.schema().migratedColumn()) + " = ? OR u." + t.q(t.schema().migratedColumn())
                        + " IS NULL)");
                values.add(Boolean.FALSE);
            }
        }
        for (Map.Entry<String, String> attribute : search.attributes().entrySet()) {
            if (!t.schema().attributeColumns().contains(attribute.getKey())) {
                return null;
            }
            predicates.add("lower(" + t.dialect().castToText("u." + t.q(attribute.getKey())) + ") = ?");
            values.add(attribute.getValue().toLowerCase(Locale.ROOT));
        }
        if (search.membership() != null) {
            StringJoiner any = new StringJoiner(" OR ", "(", ")");
            for (String flag : search.membership().trueFlags()) {
                if (t.schema().flagColumns().contains(flag)) {
                    any.add("u." + t.q(flag) + " = ?");
                    values.add(Boolean.TRUE);
                }
            }
            GroupTables g = t.schema().groups();
            if (g != null && !search.membership().groupNames().isEmpty()) {
                MembershipSql m = new MembershipSql(t, g);
                List<String> names = search.membership().groupNames().stream().sorted().toList();
                values.addAll(m.filterValues());
                String filter = m.filter();
                String named = m.namedAnyOf(names, values);
                any.add("EXISTS (SELECT 1 FROM " + m.from() + " WHERE " + m.userColumn() + " = u."
                        + t.q(t.schema().idColumn()) + filter + " AND " + named + ")");
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

    record Where(String sql, List<Object> values) {
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
}
