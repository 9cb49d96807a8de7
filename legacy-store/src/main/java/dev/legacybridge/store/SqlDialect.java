package dev.legacybridge.store;

import java.util.Locale;

/**
 * The few places where the supported databases disagree: identifier quoting and paging. Everything else the repository
 * writes is plain SQL-92 that PostgreSQL, MySQL/MariaDB and SQLite all accept ({@code lower()}, {@code LIKE ... ESCAPE},
 * bound parameters).
 */
public enum SqlDialect {
    POSTGRESQL('"'),
    /** MySQL and MariaDB: backticks, because ANSI_QUOTES is not on by default. */
    MYSQL('`'),
    /**
     * Backticks, because SQLite silently reads a double-quoted name that matches no column as a string literal
     * ({@code SELECT "emial" FROM auth_user} succeeds), which would hide a typo in the configuration.
     */
    SQLITE('`'),
    /** Any other JDBC database: ANSI quoting and SQL:2008 {@code OFFSET ... FETCH}. */
    GENERIC('"');

    private final char quote;

    SqlDialect(char quote) {
        this.quote = quote;
    }

    /** Picks the dialect from the JDBC URL's sub-protocol. */
    public static SqlDialect fromJdbcUrl(String jdbcUrl) {
        String url = jdbcUrl == null ? "" : jdbcUrl.toLowerCase(Locale.ROOT);
        if (url.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        if (url.startsWith("jdbc:mysql:") || url.startsWith("jdbc:mariadb:")) {
            return MYSQL;
        }
        if (url.startsWith("jdbc:sqlite:")) {
            return SQLITE;
        }
        return GENERIC;
    }

    /** Quotes an identifier that {@link SqlIdentifiers} has already validated (a {@code schema.} part is quoted too). */
    String quote(String validatedIdentifier) {
        int dot = validatedIdentifier.indexOf('.');
        if (dot >= 0) {
            return quote(validatedIdentifier.substring(0, dot)) + "." + quote(validatedIdentifier.substring(dot + 1));
        }
        return quote + validatedIdentifier + quote;
    }

    /** The paging clause with two bound parameters, in the order {@code (limit, offset)}. */
    String limitOffset() {
        return this == GENERIC ? " OFFSET ? ROWS FETCH NEXT ? ROWS ONLY" : " LIMIT ? OFFSET ?";
    }

    /** {@code CAST(expression AS <text type>)}, so that {@code lower()} works on columns of any type. */
    String castToText(String expression) {
        return "CAST(" + expression + " AS " + (this == MYSQL ? "CHAR" : this == GENERIC ? "VARCHAR(4000)" : "TEXT") + ")";
    }

    /** Whether {@link #limitOffset()} binds the offset before the limit. */
    boolean offsetFirst() {
        return this == GENERIC;
    }
}
