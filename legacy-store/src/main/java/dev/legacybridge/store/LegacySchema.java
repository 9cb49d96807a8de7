package dev.legacybridge.store;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Where users live in the legacy database: one users table and the columns Keycloak needs. Every name is validated
 * by {@link SqlIdentifiers} on construction, so a {@code LegacySchema} can only hold names that are safe to put into
 * SQL text.
 *
 * <p>Optional columns are {@code null} when the legacy table has no such column. Django's {@code auth_user} is
 * {@link #django()}:
 * <pre>
 * auth_user(id, password, last_login, is_superuser, username, first_name, last_name, email, is_staff, is_active, date_joined)
 * </pre>
 *
 * @param usersTable       users table, optionally {@code schema.table}
 * @param idColumn         primary key; becomes the stable part of Keycloak's user id {@code f:<component>:<id>}
 * @param usernameColumn   login name
 * @param passwordColumn   stored password hash, in any format the hashing package detects
 * @param emailColumn      optional
 * @param firstNameColumn  optional
 * @param lastNameColumn   optional
 * @param activeColumn     optional boolean-like column; false means the account is disabled
 * @param createdColumn    optional timestamp of account creation
 * @param migratedColumn   optional boolean-like column written {@code true} when a user has been migrated to Keycloak
 * @param attributeColumns extra columns read as user attributes (named after the column)
 * @param flagColumns      boolean-like columns that map to roles (e.g. {@code is_superuser}, {@code is_staff})
 * @param groups           optional group membership tables
 * @param saltColumn       optional: the password's salt, for formats that keep it beside the hash (home-grown
 *                         {@code sha256(salt + password)} tables, Firebase exports); read as text
 * @param lockedUntilColumn optional timestamp: while it lies in the future the account cannot log in (ASP.NET
 *                         Identity's {@code LockoutEnd}); NULL or past means not locked
 */
public record LegacySchema(String usersTable, String idColumn, String usernameColumn, String passwordColumn,
                           String emailColumn, String firstNameColumn, String lastNameColumn, String activeColumn,
                           String createdColumn, String migratedColumn, List<String> attributeColumns,
                           List<String> flagColumns, GroupTables groups, String saltColumn,
                           String lockedUntilColumn) {

    public LegacySchema {
        SqlIdentifiers.requirePlainQualified("Users table", usersTable);
        SqlIdentifiers.requirePlain("Id column", idColumn);
        SqlIdentifiers.requirePlain("Username column", usernameColumn);
        SqlIdentifiers.requirePlain("Password column", passwordColumn);
        optional("Email column", emailColumn);
        optional("First name column", firstNameColumn);
        optional("Last name column", lastNameColumn);
        optional("Active column", activeColumn);
        optional("Created column", createdColumn);
        optional("Migrated column", migratedColumn);
        optional("Salt column", saltColumn);
        optional("Locked-until column", lockedUntilColumn);
        attributeColumns = List.copyOf(attributeColumns);
        attributeColumns.forEach(c -> SqlIdentifiers.requirePlain("Attribute column", c));
        flagColumns = List.copyOf(flagColumns);
        flagColumns.forEach(c -> SqlIdentifiers.requirePlain("Role flag column", c));
    }

    /** A table without a salt or lockout column. */
    public LegacySchema(String usersTable, String idColumn, String usernameColumn, String passwordColumn,
                        String emailColumn, String firstNameColumn, String lastNameColumn, String activeColumn,
                        String createdColumn, String migratedColumn, List<String> attributeColumns,
                        List<String> flagColumns, GroupTables groups) {
        this(usersTable, idColumn, usernameColumn, passwordColumn, emailColumn, firstNameColumn, lastNameColumn,
                activeColumn, createdColumn, migratedColumn, attributeColumns, flagColumns, groups, null, null);
    }

    private static void optional(String what, String column) {
        if (column != null) {
            SqlIdentifiers.requirePlain(what, column);
        }
    }

    /** Django's {@code auth_user} with {@code is_superuser}/{@code is_staff} flags and {@code auth_group} groups. */
    public static LegacySchema django() {
        return new LegacySchema("auth_user", "id", "username", "password", "email", "first_name", "last_name",
                "is_active", "date_joined", null, List.of(), List.of("is_superuser", "is_staff"), GroupTables.django());
    }

    /** Every column of the users table this schema reads, in a stable order, without duplicates. */
    public List<String> userColumns() {
        Set<String> columns = new LinkedHashSet<>();
        columns.add(idColumn);
        columns.add(usernameColumn);
        columns.add(passwordColumn);
        addIfPresent(columns, emailColumn);
        addIfPresent(columns, firstNameColumn);
        addIfPresent(columns, lastNameColumn);
        addIfPresent(columns, activeColumn);
        addIfPresent(columns, createdColumn);
        addIfPresent(columns, migratedColumn);
        addIfPresent(columns, saltColumn);
        addIfPresent(columns, lockedUntilColumn);
        columns.addAll(attributeColumns);
        columns.addAll(flagColumns);
        return new ArrayList<>(columns);
    }

    private static void addIfPresent(Set<String> columns, String column) {
        if (column != null) {
            columns.add(column);
        }
    }
}
