package dev.legacybridge.cli;

import dev.legacybridge.hash.HashCensus;
import dev.legacybridge.hash.HashCensus.Status;
import dev.legacybridge.hash.LegacyPasswordVerifier;
import dev.legacybridge.store.LegacyUser;
import dev.legacybridge.store.ProfileRequirements;
import dev.legacybridge.store.LegacyDataQuality;
import dev.legacybridge.store.LegacyUserRepository;
import dev.legacybridge.store.UserSearch;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What {@code legacy-hash audit} finds in a legacy users table: every row is read once, in primary-key order with
 * keyset paging ({@link LegacyUserRepository#pageAfter}), and its stored hash is classified by {@link HashCensus}
 * (no password, no hashing) and its profile by {@link ProfileRequirements#KEYCLOAK_DEFAULT}: the same classification
 * as the provider's migration page in the admin console. Case-insensitive duplicates are counted in SQL.
 *
 * <p>Nothing here holds or prints a hash, salt or password: rows are kept only as counts, and as legacy ids with the
 * verifier's reason (which names schemes and fields, never values) for the first few of each category.
 */
final class Audit {

    /** One example row of a category: its legacy id and, for hash categories, the scheme and the verifier's reason. */
    record Example(String legacyId, String scheme, String reason) {
    }

    /** A count and its first examples. */
    static final class Category {
        long rows;
        final List<Example> examples = new ArrayList<>();

        void add(Example example, int maxExamples) {
            rows++;
            if (examples.size() < maxExamples) {
                examples.add(example);
            }
        }
    }

    /**
     * @param values distinct lower-cased values shared by several rows
     * @param rows   rows holding them
     * @param top    the most frequent values and their row counts
     */
    record Collisions(long values, long rows, Map<String, Long> top) {
    }

    /** Where the rows came from and under which policy they were judged (for the report's header). */
    record Source(String jdbcUrl, String dialect, String preset, String usersTable, Set<String> allowedSchemes) {
    }

    final Source source;
    long rows;
    /** Hash schemes and statuses, counted by the classification the provider's migration page shares. */
    private final HashCensus census;
    final Map<Status, Category> hashes = new EnumMap<>(Status.class);
    /** Kept for {@link LegacyPasswordVerifier#standardForm}: which usable hashes become Keycloak's own credentials. */
    private final LegacyPasswordVerifier verifier;
    /**
     * Usable hashes that bulk migration stores as Keycloak's own {@code pbkdf2*} or {@code argon2} credentials (plain
     * PBKDF2 or Argon2 underneath, see {@link dev.legacybridge.hash.StandardHash}); they need no provider afterwards.
     */
    long nativeInKeycloak;
    /** Usable hashes that stay {@code legacy-hash} credentials after bulk migration, by scheme: they need the provider. */
    final Map<String, Long> needProvider = new java.util.TreeMap<>();
    final Category inactive = new Category();
    /** {@code null} when no email column is mapped. */
    final Category withoutEmail;
    /** {@code null} when no first-name column is mapped. */
    final Category withoutFirstName;
    /** {@code null} when no last-name column is mapped. */
    final Category withoutLastName;
    /**
     * Rows whose email, first name or last name is empty or not mapped: the attributes Keycloak's default user profile
     * requires, so such users would be stopped by "verify profile" once they are Keycloak's own (see the provider's
     * option "Names and email optional for migrated users").
     */
    final Category incompleteProfile = new Category();
    final Category withoutUsername = new Category();
    /** {@code null} when no migrated column is mapped. */
    final Category migrated;
    Collisions usernameCollisions;
    /** {@code null} when no email column is mapped. */
    Collisions emailCollisions;
    long millis;

    private Audit(Source source, dev.legacybridge.store.LegacySchema schema, LegacyPasswordVerifier verifier) {
        this.source = source;
        this.census = new HashCensus(verifier);
        this.verifier = verifier;
        for (Status status : Status.values()) {
            hashes.put(status, new Category());
        }
        boolean migratedMapped = schema.migratedColumn() != null;
        this.withoutEmail = schema.emailColumn() != null ? new Category() : null;
        this.withoutFirstName = schema.firstNameColumn() != null ? new Category() : null;
        this.withoutLastName = schema.lastNameColumn() != null ? new Category() : null;
        this.migrated = migratedMapped ? new Category() : null;
    }

    /**
     * Reads every row and runs the duplicate queries.
     *
     * @throws dev.legacybridge.store.LegacyStoreException when the database fails
     */
    static Audit run(LegacyUserRepository repository, LegacyPasswordVerifier verifier, Source source, int pageSize,
                     int maxExamples, int top, Progress progress) {
        long started = System.nanoTime();
        Audit audit = new Audit(source, repository.schema(), verifier);
        progress.total(repository.searches().count(UserSearch.all()));
        String cursor = null;
        while (true) {
            List<LegacyUser> page = repository.lookups().pageAfter(cursor, pageSize);
            for (LegacyUser row : page) {
                audit.add(row, repository.schema(), maxExamples);
            }
            progress.update(audit.rows, null);
            if (page.size() < pageSize) {
                break;
            }
            cursor = page.get(page.size() - 1).id();
        }
        progress.finish(audit.rows, null);
        audit.usernameCollisions = collisions(repository, LegacyDataQuality.DuplicateColumn.USERNAME, top);
        if (repository.schema().emailColumn() != null) {
            audit.emailCollisions = collisions(repository, LegacyDataQuality.DuplicateColumn.EMAIL, top);
        }
        audit.millis = (System.nanoTime() - started) / 1_000_000;
        return audit;
    }

    private static Collisions collisions(LegacyUserRepository repository, LegacyDataQuality.DuplicateColumn column,
                                         int top) {
        LegacyDataQuality.DuplicateSummary summary = repository.dataQuality().caseInsensitiveDuplicateSummary(column);
        Map<String, Long> values = summary.values() == 0 ? Map.of() : repository.dataQuality().caseInsensitiveDuplicates(column, top);
        return new Collisions(summary.values(), summary.rows(), values);
    }

    private void add(LegacyUser row, dev.legacybridge.store.LegacySchema schema, int maxExamples) {
        rows++;
        HashCensus.Classification c = census.add(
                new dev.legacybridge.hash.StoredPassword(row.passwordHash(), row.passwordSalt()));
        hashes.get(c.status()).add(new Example(row.id(), c.scheme(), c.reason()),
                c.status() == Status.USABLE ? 0 : maxExamples);
        if (c.status() == Status.USABLE) {
            if (verifier.standardForm(row.passwordHash()).isPresent()) {
                nativeInKeycloak++;
            } else {
                needProvider.merge(c.scheme(), 1L, Long::sum);
            }
        }
        if (!row.active()) {
            inactive.add(new Example(row.id(), null, null), maxExamples);
        }
        if (withoutEmail != null && row.email() == null) {
            withoutEmail.add(new Example(row.id(), null, null), maxExamples);
        }
        if (withoutFirstName != null && row.firstName() == null) {
            withoutFirstName.add(new Example(row.id(), null, null), maxExamples);
        }
        if (withoutLastName != null && row.lastName() == null) {
            withoutLastName.add(new Example(row.id(), null, null), maxExamples);
        }
        if (ProfileRequirements.KEYCLOAK_DEFAULT.stops(schema, row)) {
            incompleteProfile.add(new Example(row.id(), null, null), maxExamples);
        }
        if (row.username().isEmpty()) {
            withoutUsername.add(new Example(row.id(), null, null), maxExamples);
        }
        if (migrated != null && row.migrated()) {
            migrated.add(new Example(row.id(), null, null), 0);
        }
    }

    // ---------------------------------------------------------------- --fail-on

    /** Conditions for {@code --fail-on}: the audit exits 1 when one of them holds. */
    enum Condition {
        MALFORMED("malformed"),
        UNSUPPORTED("unsupported"),
        NOT_ALLOWED("not-allowed"),
        UNUSABLE("unusable"),
        NO_PASSWORD("no-password"),
        INACTIVE("inactive"),
        NO_EMAIL("no-email"),
        NO_FIRST_NAME("no-first-name"),
        NO_LAST_NAME("no-last-name"),
        INCOMPLETE_PROFILE("incomplete-profile"),
        NO_USERNAME("no-username"),
        USERNAME_COLLISIONS("username-collisions"),
        EMAIL_COLLISIONS("email-collisions");

        final String name;

        Condition(String name) {
            this.name = name;
        }
    }

    /** Shorthands accepted by {@code --fail-on}. */
    static final Map<String, List<Condition>> GROUPS = Map.of(
            "collisions", List.of(Condition.USERNAME_COLLISIONS, Condition.EMAIL_COLLISIONS),
            "blockers", List.of(Condition.MALFORMED, Condition.UNSUPPORTED, Condition.NOT_ALLOWED, Condition.NO_USERNAME,
                    Condition.USERNAME_COLLISIONS));

    /**
     * Parses {@code --fail-on} values (names of {@link Condition}, or {@code collisions}, {@code blockers}).
     *
     * @throws UsageException naming the unknown value
     */
    static List<Condition> parseConditions(List<String> values) {
        java.util.EnumSet<Condition> set = java.util.EnumSet.noneOf(Condition.class);
        for (String raw : values) {
            String value = raw.trim().toLowerCase(Locale.ROOT);
            if (value.isEmpty()) {
                continue;
            }
            if (GROUPS.containsKey(value)) {
                set.addAll(GROUPS.get(value));
                continue;
            }
            Condition found = null;
            for (Condition condition : Condition.values()) {
                if (condition.name.equals(value) || condition.name.replace('-', '_').equals(value)) {
                    found = condition;
                }
            }
            if (found == null) {
                throw new UsageException("--fail-on: unknown condition '" + printable(raw.length() > 40
                        ? raw.substring(0, 40) + "..." : raw) + "'; known: " + java.util.Arrays.stream(Condition.values()).map(c -> c.name)
                        .collect(Collectors.joining(", ")) + ", collisions, blockers");
            }
            set.add(found);
        }
        return List.copyOf(set);
    }

    /** Rows (or colliding values) behind a condition. */
    long count(Condition condition) {
        return switch (condition) {
            case MALFORMED -> hashes.get(Status.MALFORMED).rows;
            case UNSUPPORTED -> hashes.get(Status.UNSUPPORTED).rows;
            case NOT_ALLOWED -> hashes.get(Status.NOT_ALLOWED).rows;
            case UNUSABLE -> hashes.get(Status.UNUSABLE).rows;
            case NO_PASSWORD -> hashes.get(Status.NO_PASSWORD).rows;
            case INACTIVE -> inactive.rows;
            case NO_EMAIL -> withoutEmail == null ? rows : withoutEmail.rows;
            case NO_FIRST_NAME -> withoutFirstName == null ? rows : withoutFirstName.rows;
            case NO_LAST_NAME -> withoutLastName == null ? rows : withoutLastName.rows;
            case INCOMPLETE_PROFILE -> incompleteProfile.rows;
            case NO_USERNAME -> withoutUsername.rows;
            case USERNAME_COLLISIONS -> usernameCollisions.values();
            case EMAIL_COLLISIONS -> emailCollisions == null ? 0 : emailCollisions.values();
        };
    }

    List<Condition> met(List<Condition> conditions) {
        return conditions.stream().filter(c -> count(c) > 0).toList();
    }

    // ---------------------------------------------------------------- output

    /** The report as JSON (schema {@code legacy-hash-audit/1}, documented in docs/hashing.md). */
    String toJson(List<Condition> failOn) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", "legacy-hash-audit/1");
        Map<String, Object> src = new LinkedHashMap<>();
        src.put("jdbcUrl", source.jdbcUrl());
        src.put("dialect", source.dialect());
        src.put("preset", source.preset());
        src.put("usersTable", source.usersTable());
        root.put("source", src);
        root.put("allowedSchemes", List.copyOf(new java.util.TreeSet<>(source.allowedSchemes())));
        root.put("rows", rows);
        Map<String, Object> schemeMap = new LinkedHashMap<>();
        for (Map.Entry<String, HashCensus.SchemeCount> entry : census.schemes().entrySet()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("rows", entry.getValue().rows());
            s.put("weak", entry.getValue().weak());
            for (Status status : Status.values()) {
                s.put(status.jsonName(), entry.getValue().count(status));
            }
            schemeMap.put(entry.getKey(), s);
        }
        root.put("schemes", schemeMap);
        Map<String, Object> hashMap = new LinkedHashMap<>();
        for (Status status : Status.values()) {
            Category category = hashes.get(status);
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("rows", category.rows);
            if (status == Status.USABLE) {
                c.put("upgradeRecommended", census.upgradeRecommended());
            } else {
                List<Object> examples = new ArrayList<>();
                for (Example example : category.examples) {
                    Map<String, Object> e = new LinkedHashMap<>();
                    e.put("legacyId", example.legacyId());
                    e.put("scheme", example.scheme());
                    e.put("reason", example.reason());
                    examples.add(e);
                }
                c.put("examples", examples);
            }
            hashMap.put(status.jsonName(), c);
        }
        root.put("hashes", hashMap);
        Map<String, Object> keycloak = new LinkedHashMap<>();
        keycloak.put("native", nativeInKeycloak);
        keycloak.put("needProvider", needProvider.values().stream().mapToLong(Long::longValue).sum());
        keycloak.put("needProviderBySchemes", new LinkedHashMap<>(needProvider));
        root.put("afterBulkMigration", keycloak);
        root.put("inactive", idCategory(inactive));
        root.put("withoutEmail", withoutEmail == null ? null : idCategory(withoutEmail));
        root.put("withoutFirstName", withoutFirstName == null ? null : idCategory(withoutFirstName));
        root.put("withoutLastName", withoutLastName == null ? null : idCategory(withoutLastName));
        root.put("incompleteProfile", idCategory(incompleteProfile));
        root.put("withoutUsername", idCategory(withoutUsername));
        root.put("migrated", migrated == null ? null : Map.of("rows", migrated.rows));
        root.put("usernameCollisions", collisionsJson(usernameCollisions));
        root.put("emailCollisions", emailCollisions == null ? null : collisionsJson(emailCollisions));
        root.put("failOn", failOn.stream().map(c -> c.name).toList());
        root.put("failed", met(failOn).stream().map(c -> c.name).toList());
        return Json.write(root);
    }

    private static Map<String, Object> idCategory(Category category) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("rows", category.rows);
        c.put("examples", category.examples.stream().map(Example::legacyId).toList());
        return c;
    }

    private static Map<String, Object> collisionsJson(Collisions collisions) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("values", collisions.values());
        c.put("rows", collisions.rows());
        List<Object> top = new ArrayList<>();
        collisions.top().forEach((value, count) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("value", value);
            entry.put("rows", count);
            top.add(entry);
        });
        c.put("top", top);
        return c;
    }

    /** The report as text for a person. */
    String toText(List<Condition> failOn) {
        StringBuilder out = new StringBuilder();
        out.append("Legacy users table ").append(source.usersTable()).append(" (").append(source.jdbcUrl())
                .append(", preset ").append(source.preset()).append(")\n");
        out.append(String.format(Locale.ROOT, "Rows: %,d (read in %.1f s)%n", rows, millis / 1000.0));

        int width = "SCHEME".length();
        for (Map.Entry<String, HashCensus.SchemeCount> entry : census.schemes().entrySet()) {
            width = Math.max(width, entry.getKey().length() + (entry.getValue().weak() ? " (weak)".length() : 0));
        }
        out.append("\nHash schemes\n");
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "  %-" + width + "s %10s", "SCHEME", "ROWS"));
        for (Status status : Status.values()) {
            header.append(String.format(Locale.ROOT, " %12s", status.label().toUpperCase(Locale.ROOT)));
        }
        out.append(header).append('\n');
        for (Map.Entry<String, HashCensus.SchemeCount> entry : census.schemes().entrySet()) {
            HashCensus.SchemeCount count = entry.getValue();
            out.append(String.format(Locale.ROOT, "  %-" + width + "s %,10d",
                    entry.getKey() + (count.weak() ? " (weak)" : ""), count.rows()));
            for (Status status : Status.values()) {
                out.append(String.format(Locale.ROOT, " %,12d", count.count(status)));
            }
            out.append('\n');
        }

        out.append("\nPassword hashes (policy: ").append(source.allowedSchemes().size())
                .append(" schemes allowed)\n");
        for (Status status : Status.values()) {
            Category category = hashes.get(status);
            out.append(String.format(Locale.ROOT, "  %-18s %,10d", status.label(), category.rows));
            if (status == Status.USABLE) {
                out.append(String.format(Locale.ROOT, "   (%,d with an upgrade recommendation: weak, or below --upgrade-target)", census.upgradeRecommended()));
            }
            out.append('\n');
            for (Example example : category.examples) {
                out.append("      legacy id ").append(printable(example.legacyId())).append(": ").append(example.scheme())
                        .append(", ").append(example.reason()).append('\n');
            }
            if (category.rows > category.examples.size() && !category.examples.isEmpty()) {
                out.append(String.format(Locale.ROOT, "      ... and %,d more%n", category.rows - category.examples.size()));
            }
        }

        long needing = needProvider.values().stream().mapToLong(Long::longValue).sum();
        out.append(String.format(Locale.ROOT, "%nAfter bulk migration%n  %-18s %,10d   (Keycloak's own pbkdf2/argon2 "
                + "credentials: the provider can be removed for them)%n  %-18s %,10d", "native", nativeInKeycloak,
                "need the provider", needing));
        out.append(needProvider.isEmpty() ? "\n" : "   (legacy-hash credentials until each user's first login: "
                + needProvider.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", ")) + ")\n");

        out.append("\nAccounts\n");
        idLine(out, "inactive", inactive);
        if (withoutEmail == null) {
            out.append(String.format(Locale.ROOT, "  %-18s %10s   (no email column)%n", "without email", "all"));
        } else {
            idLine(out, "without email", withoutEmail);
        }
        if (withoutFirstName == null) {
            out.append(String.format(Locale.ROOT, "  %-18s %10s   (no first-name column)%n", "without first name", "all"));
        } else {
            idLine(out, "without first name", withoutFirstName);
        }
        if (withoutLastName == null) {
            out.append(String.format(Locale.ROOT, "  %-18s %10s   (no last-name column)%n", "without last name", "all"));
        } else {
            idLine(out, "without last name", withoutLastName);
        }
        idLine(out, "profile incomplete", incompleteProfile);
        out.append("      (empty email, first or last name: Keycloak's default user profile requires them)\n");
        idLine(out, "without username", withoutUsername);
        if (migrated == null) {
            out.append(String.format(Locale.ROOT, "  %-18s %10s   (no --migrated-column)%n", "migrated", "-"));
        } else {
            out.append(String.format(Locale.ROOT, "  %-18s %,10d%n", "migrated", migrated.rows));
        }

        out.append("\nCase-insensitive duplicates (Keycloak compares usernames and emails case-insensitively)\n");
        collisionLines(out, "usernames", usernameCollisions);
        if (emailCollisions == null) {
            out.append(String.format(Locale.ROOT, "  %-18s %10s   (no email column)%n", "emails", "-"));
        } else {
            collisionLines(out, "emails", emailCollisions);
        }
        if (!failOn.isEmpty()) {
            List<Condition> met = met(failOn);
            out.append("\n--fail-on ").append(failOn.stream().map(c -> c.name).collect(Collectors.joining(",")))
                    .append(": ").append(met.isEmpty() ? "none met"
                            : "met: " + met.stream().map(c -> c.name).collect(Collectors.joining(", ")))
                    .append('\n');
        }
        return out.toString();
    }

    private static void idLine(StringBuilder out, String label, Category category) {
        out.append(String.format(Locale.ROOT, "  %-18s %,10d", label, category.rows));
        if (!category.examples.isEmpty()) {
            out.append("   legacy ids: ").append(category.examples.stream().map(e -> printable(e.legacyId()))
                    .collect(Collectors.joining(", ")));
            if (category.rows > category.examples.size()) {
                out.append(", ...");
            }
        }
        out.append('\n');
    }

    private static void collisionLines(StringBuilder out, String label, Collisions collisions) {
        out.append(String.format(Locale.ROOT, "  %-18s %,10d   (%,d rows)%n", label, collisions.values(), collisions.rows()));
        collisions.top().forEach((value, count) ->
                out.append(String.format(Locale.ROOT, "      %,6d x %s%n", count, printable(value))));
        if (collisions.values() > collisions.top().size()) {
            out.append(String.format(Locale.ROOT, "      ... and %,d more%n", collisions.values() - collisions.top().size()));
        }
    }

    /** A value from the database, with control characters shown as {@code \\uXXXX} so they cannot move the terminal. */
    static String printable(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        value.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp)) {
                out.append(String.format(Locale.ROOT, "\\u%04x", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }
}
