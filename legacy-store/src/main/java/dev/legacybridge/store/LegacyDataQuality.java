package dev.legacybridge.store;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Questions about the data rather than about one user: usernames and emails that collide when compared
 * case-insensitively, as Keycloak compares them. Asked by {@code legacy-hash audit} and by bulk migration, which must
 * never merge two people.
 */
public final class LegacyDataQuality {

    private final UserTable t;

    LegacyDataQuality(UserTable table) {
        this.t = table;
    }

    /**
     * Values of {@code column} (username or email) that appear more than once when lower-cased, with their counts,
     * most frequent first. Keycloak treats usernames and emails case-insensitively, so each of these is ambiguous.
     */
    public Map<String, Long> caseInsensitiveDuplicates(DuplicateColumn column, int limit) {
        String col = switch (column) {
            case USERNAME -> t.schema().usernameColumn();
            case EMAIL -> t.schema().emailColumn();
        };
        if (col == null) {
            return Map.of();
        }
        String sql = "SELECT lower(" + t.q(col) + "), count(*) FROM " + t.usersTable() + " WHERE " + t.q(col)
                + " IS NOT NULL AND " + t.q(col) + " <> '' GROUP BY lower(" + t.q(col) + ") HAVING count(*) > 1"
                + " ORDER BY count(*) DESC, lower(" + t.q(col) + ")" + t.dialect().limitOffset();
        return t.query("find case-insensitive duplicates", sql, (ps, i) -> t.bindPage(ps, i, 0, limit), rs -> {
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
            case USERNAME -> t.schema().usernameColumn();
            case EMAIL -> t.schema().emailColumn();
        };
        if (col == null) {
            return new DuplicateSummary(0, 0);
        }
        String sql = "SELECT count(*), sum(d.n) FROM (SELECT count(*) AS n FROM " + t.usersTable() + " WHERE " + t.q(col)
                + " IS NOT NULL AND " + t.q(col) + " <> '' GROUP BY lower(" + t.q(col) + ") HAVING count(*) > 1) d";
        return t.query("count case-insensitive duplicates", sql, (ps, i) -> i,
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
        String col = t.q(t.schema().usernameColumn());
        String sql = "SELECT lower(" + col + ") FROM " + t.usersTable() + " WHERE lower(" + col + ") IN ("
                + String.join(", ", java.util.Collections.nCopies(names.size(), "?")) + ") GROUP BY lower(" + col
                + ") HAVING count(*) > 1";
        return t.query("find ambiguous usernames", sql, (ps, i) -> {
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
}
