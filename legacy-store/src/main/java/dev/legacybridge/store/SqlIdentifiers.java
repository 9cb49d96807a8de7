package dev.legacybridge.store;

import java.util.regex.Pattern;

/**
 * Table and column names come from an administrator's configuration and end up inside SQL text, where bound
 * parameters cannot go. They are therefore restricted to plain SQL identifiers: a letter or underscore followed by
 * letters, digits or underscores, at most 63 characters (PostgreSQL's limit), optionally qualified by one schema name
 * for tables ({@code legacy.auth_user}). Anything else ({@code auth_user; DROP TABLE x}, quotes, spaces, comments) is
 * refused before any SQL is built; the names are additionally quoted with the dialect's quote character.
 */
public final class SqlIdentifiers {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    private SqlIdentifiers() {
    }

    /** Whether {@code name} is a plain identifier (no schema qualifier). */
    public static boolean isPlain(String name) {
        return name != null && IDENTIFIER.matcher(name).matches();
    }

    /** Whether {@code name} is a plain identifier or {@code schema.identifier}. */
    public static boolean isPlainQualified(String name) {
        if (name == null) {
            return false;
        }
        int dot = name.indexOf('.');
        if (dot < 0) {
            return isPlain(name);
        }
        return isPlain(name.substring(0, dot)) && isPlain(name.substring(dot + 1));
    }

    /**
     * Returns {@code name} if it is a plain identifier.
     *
     * @param what how the administrator knows the field, e.g. "Username column"
     * @throws InvalidSchemaException naming the field and the rule
     */
    public static String requirePlain(String what, String name) {
        if (!isPlain(name)) {
            throw new InvalidSchemaException(what + " must be a plain SQL identifier (letters, digits and '_', "
                    + "not starting with a digit, at most 63 characters), got " + describe(name));
        }
        return name;
    }

    /** As {@link #requirePlain(String, String)}, also allowing one {@code schema.} qualifier. */
    public static String requirePlainQualified(String what, String name) {
        if (!isPlainQualified(name)) {
            throw new InvalidSchemaException(what + " must be a plain SQL identifier, optionally qualified as "
                    + "schema.table (letters, digits and '_', not starting with a digit), got " + describe(name));
        }
        return name;
    }

    private static String describe(String name) {
        if (name == null || name.isEmpty()) {
            return "nothing";
        }
        // Echo the rejected name back so the admin can see the problem, but never unboundedly and never raw control chars.
        String shown = name.length() > 80 ? name.substring(0, 80) + "..." : name;
        StringBuilder out = new StringBuilder("'");
        shown.codePoints().forEach(cp -> {
            if (cp < 0x20 || cp == 0x7f) {
                out.append(String.format("\\u%04x", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.append('\'').toString();
    }
}
