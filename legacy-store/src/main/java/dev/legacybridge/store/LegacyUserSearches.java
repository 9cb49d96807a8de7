package dev.legacybridge.store;

import java.util.List;

/**
 * Searches, counts and pages with Keycloak's search semantics ({@link UserSearch}), ordered by username and paged with
 * {@code LIMIT/OFFSET}: what the admin console's user list and the counts ask of the legacy table. The WHERE clause is
 * built by {@link SearchSql}.
 */
public final class LegacyUserSearches {

    private final UserTable t;

    LegacyUserSearches(UserTable table) {
        this.t = table;
    }

    /**
     * One page of users matching {@code search}, ordered by username.
     *
     * @param max page size; a negative value means no limit
     */
    public List<LegacyUser> search(UserSearch search, int first, int max) {
        if (search.matchesNothing() || max == 0) {
            return List.of();
        }
        SearchSql.Where where = SearchSql.where(t, search);
        if (where == null) {
            return List.of();
        }
        String sql = "SELECT " + t.selectUserColumns() + " FROM " + t.usersTable() + " u" + where.sql()
                + " ORDER BY u." + t.q(t.schema().usernameColumn()) + ", u." + t.q(t.schema().idColumn())
                + (max < 0 && first <= 0 ? "" : t.dialect().limitOffset());
        return t.queryList("search users", sql, (ps, i) -> {
            i = where.bind(ps, i);
            return max < 0 && first <= 0 ? i : t.bindPage(ps, i, Math.max(0, first), max < 0 ? Integer.MAX_VALUE : max);
        });
    }

    public int count(UserSearch search) {
        if (search.matchesNothing()) {
            return 0;
        }
        SearchSql.Where where = SearchSql.where(t, search);
        if (where == null) {
            return 0;
        }
        String sql = "SELECT count(*) FROM " + t.usersTable() + " u" + where.sql();
        return (int) Math.min(Integer.MAX_VALUE, t.queryLong("count users", sql, where::bind));
    }

    /** Users whose extra attribute column {@code column} equals {@code value} case-insensitively. */
    public List<LegacyUser> findByAttribute(String column, String value, int first, int max) {
        return search(UserSearch.all().withAttribute(column, value), first, max);
    }
}
