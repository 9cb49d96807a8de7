package dev.legacybridge.store;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Search criteria with Keycloak's user-search semantics (those of its own JPA store), all combined with AND:
 * <ul>
 *   <li>{@link #terms()}: each whitespace-separated term must match username, email, first name or last name,
 *       case-insensitively. A term is a prefix ({@code ali} finds {@code alice}); {@code *} is a wildcard
 *       ({@code *ice} is a suffix, {@code *lic*} infix, a lone {@code *} matches all); a term in double quotes is
 *       exact ({@code "alice"}). {@code %} and {@code _} are literal characters.</li>
 *   <li>{@link #username()} and {@link #fields()}: per-field filters, case-insensitive; infix ({@code %value%}) unless
 *       {@link #exact()}.</li>
 *   <li>{@link #active()}: the active flag, when not null.</li>
 *   <li>{@link #attributes()}: extra attribute columns, case-insensitive equality.</li>
 *   <li>{@link #migrated()}: the migrated flag, when not null and the schema maps one.</li>
 *   <li>{@link #membership()}: when not null, any of its flag columns is true or the user is in one of its legacy
 *       groups (the members of a realm role or a group that legacy data maps to).</li>
 *   <li>{@link #matchesNothing()}: set when a criterion can never hold for a legacy user (an attribute the table does
 *       not have, an identity-provider link); the repository then answers without querying.</li>
 * </ul>
 */
public record UserSearch(List<String> terms, String username, Map<ProfileField, String> fields, boolean exact,
                         Boolean active, Boolean migrated, Map<String, String> attributes, Membership membership,
                         boolean matchesNothing) {

    /**
     * Rows for which any of {@code trueFlags} (boolean flag columns) is true, or that belong to any legacy group of
     * {@code groupNames}.
     */
    public record Membership(Set<String> trueFlags, Set<String> groupNames) {
        public Membership {
            trueFlags = Set.copyOf(trueFlags);
            groupNames = Set.copyOf(groupNames);
        }
    }

    public UserSearch {
        terms = List.copyOf(terms);
        fields = fields.isEmpty() ? Map.of() : new EnumMap<>(fields);
        attributes = Map.copyOf(attributes);
    }

    /** Every user. */
    public static UserSearch all() {
        return new UserSearch(List.of(), null, Map.of(), false, null, null, Map.of(), null, false);
    }

    /** Users matching a search box text, as Keycloak's {@code search} parameter. */
    public static UserSearch text(String search) {
        return all().withText(search);
    }

    public UserSearch withText(String search) {
        List<String> newTerms = search == null || search.isBlank() ? terms
                : java.util.stream.Stream.concat(terms.stream(), java.util.Arrays.stream(search.trim().split("\\s+")))
                        .toList();
        return new UserSearch(newTerms, username, fields, exact, active, migrated, attributes, membership, matchesNothing);
    }

    public UserSearch withField(ProfileField field, String value) {
        Map<ProfileField, String> copy = new EnumMap<>(ProfileField.class);
        copy.putAll(fields);
        copy.put(field, value);
        return new UserSearch(terms, username, copy, exact, active, migrated, attributes, membership, matchesNothing);
    }

    public UserSearch withUsername(String value) {
        return new UserSearch(terms, value, fields, exact, active, migrated, attributes, membership, matchesNothing);
    }

    public UserSearch withExact(boolean newExact) {
        return new UserSearch(terms, username, fields, newExact, active, migrated, attributes, membership, matchesNothing);
    }

    public UserSearch withActive(Boolean newActive) {
        return new UserSearch(terms, username, fields, exact, newActive, migrated, attributes, membership, matchesNothing);
    }

    public UserSearch withMigrated(Boolean newMigrated) {
        return new UserSearch(terms, username, fields, exact, active, newMigrated, attributes, membership, matchesNothing);
    }

    public UserSearch withAttribute(String column, String value) {
        Map<String, String> copy = new LinkedHashMap<>(attributes);
        copy.put(column, value);
        return new UserSearch(terms, username, fields, exact, active, migrated, copy, membership, matchesNothing);
    }

    public UserSearch withMembership(Membership newMembership) {
        return new UserSearch(terms, username, fields, exact, active, migrated, attributes, newMembership,
                matchesNothing);
    }

    public UserSearch matchingNothing() {
        return new UserSearch(terms, username, fields, exact, active, migrated, attributes, membership, true);
    }
}
