package dev.legacybridge.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each schema option is the provider's configuration key of the same meaning. */
class SchemaOptionsTest {

    @Command
    static final class Holder {
        @Mixin
        SchemaOptions schema;
    }

    private static SchemaOptions parse(String... args) {
        Holder holder = new Holder();
        new CommandLine(holder).parseArgs(args);
        return holder.schema;
    }

    @Test
    void asConfigWhenEveryOptionGivenThenEveryProviderKey() {
        SchemaOptions options = parse("--preset", "generic", "--users-table", "app.users", "--id-column", "uid",
                "--username-column", "login", "--email-column", "mail", "--password-column", "pw",
                "--first-name-column", "fn", "--last-name-column", "ln", "--active-column", "enabled",
                "--created-column", "created", "--attribute-columns", "a,b", "--attribute-columns", "c",
                "--role-mappings", "is_admin:admin,is_ops:ops", "--groups-table", "g", "--group-id-column", "gid",
                "--group-name-column", "gname", "--user-groups-table", "ug", "--user-groups-user-column", "u",
                "--user-groups-group-column", "gg", "--legacy-groups-as", "roles", "--migrated-column", "moved");

        assertThat(options.asConfig()).containsExactly(
                Map.entry("schemaPreset", List.of("generic")),
                Map.entry("usersTable", List.of("app.users")),
                Map.entry("idColumn", List.of("uid")),
                Map.entry("usernameColumn", List.of("login")),
                Map.entry("emailColumn", List.of("mail")),
                Map.entry("passwordColumn", List.of("pw")),
                Map.entry("firstNameColumn", List.of("fn")),
                Map.entry("lastNameColumn", List.of("ln")),
                Map.entry("activeColumn", List.of("enabled")),
                Map.entry("createdColumn", List.of("created")),
                Map.entry("attributeColumns", List.of("a", "b", "c")),
                Map.entry("roleMappings", List.of("is_admin:admin", "is_ops:ops")),
                Map.entry("groupsTable", List.of("g")),
                Map.entry("groupIdColumn", List.of("gid")),
                Map.entry("groupNameColumn", List.of("gname")),
                Map.entry("userGroupsTable", List.of("ug")),
                Map.entry("userGroupsUserColumn", List.of("u")),
                Map.entry("userGroupsGroupColumn", List.of("gg")),
                Map.entry("legacyGroupsAs", List.of("roles")),
                Map.entry("migratedColumn", List.of("moved")));
        var resolved = options.resolve();
        assertThat(resolved.schema().userColumns()).containsExactly("uid", "login", "pw", "mail", "fn", "ln", "enabled",
                "created", "moved", "a", "b", "c", "is_admin", "is_ops");
        assertThat(resolved.schema().groups().userGroupsGroupColumn()).isEqualTo("gg");
        assertThat(resolved.roleMappings()).containsExactly(Map.entry("is_admin", "admin"), Map.entry("is_ops", "ops"));
    }

    @Test
    void resolveWhenNoOptionsThenDjangoAsTheProvider() {
        var resolved = parse().resolve();

        assertThat(parse().asConfig()).isEmpty();
        assertThat(resolved.preset()).isEqualTo("django");
        assertThat(resolved.schema().usersTable()).isEqualTo("auth_user");
        assertThat(resolved.schema().flagColumns()).containsExactly("is_superuser", "is_staff");
        assertThat(resolved.schema().groups().groupsTable()).isEqualTo("auth_group");
    }

    @Test
    void resolveWhenProblemsThenOneUsageErrorListingThemAll() {
        assertThatThrownBy(() -> parse("--preset", "generic", "--users-table", "x;y").resolve())
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("schema options: Users table must be a plain SQL identifier")
                .hasMessageContaining("Id column is required with the generic preset")
                .hasMessageContaining("Password hash column is required with the generic preset");
    }
}
