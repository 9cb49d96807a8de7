package dev.legacybridge.keycloak.user;

import static org.assertj.core.api.Assertions.assertThat;

import dev.legacybridge.keycloak.config.LegacyStoreConfig;
import dev.legacybridge.store.LegacyUser;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.keycloak.common.util.MultivaluedHashMap;

/** Flags and legacy groups to realm roles and groups, per {@code roleMappings} and {@code legacyGroupsAs}. */
class LegacyAuthoritiesTest {

    private static final Supplier<List<String>> NOT_TO_BE_READ = () -> {
        throw new AssertionError("legacy groups read although they are not needed");
    };

    private static LegacyStoreConfig config(String... keyValues) {
        MultivaluedHashMap<String, String> map = new MultivaluedHashMap<>();
        map.putSingle("jdbcUrl", "jdbc:sqlite:legacy.sqlite3");
        for (int i = 0; i < keyValues.length; i += 2) {
            map.putSingle(keyValues[i], keyValues[i + 1]);
        }
        return LegacyStoreConfig.from(map);
    }

    private static LegacyUser row(boolean superuser, boolean staff) {
        return new LegacyUser("1", "john", null, null, null, null, true, null, false, Map.of(),
                Map.of("is_superuser", superuser, "is_staff", staff));
    }

    @Test
    void roleNamesWhenDjangoFlagsSetThenTheirMappedRolesInConfigurationOrder() {
        LegacyStoreConfig django = config("legacyGroupsAs", "none");

        assertThat(LegacyAuthorities.roleNames(django, row(true, true), NOT_TO_BE_READ)).containsExactly("admin", "staff");
        assertThat(LegacyAuthorities.roleNames(django, row(false, true), NOT_TO_BE_READ)).containsExactly("staff");
        assertThat(LegacyAuthorities.roleNames(django, row(false, false), NOT_TO_BE_READ)).isEmpty();
    }

    @Test
    void roleNamesWhenMappingsConfiguredThenOnlyThoseFlagsCount() {
        LegacyStoreConfig config = config("roleMappings", "is_staff:editor", "legacyGroupsAs", "none");

        assertThat(LegacyAuthorities.roleNames(config, row(true, true), NOT_TO_BE_READ)).containsExactly("editor");
    }

    @Test
    void roleNamesWhenGroupsBecomeRolesThenGroupNamesAreAddedAfterTheFlags() {
        LegacyStoreConfig config = config("legacyGroupsAs", "roles");

        assertThat(LegacyAuthorities.roleNames(config, row(true, false), () -> List.of("editors", "readers")))
                .containsExactly("admin", "editors", "readers");
        assertThat(LegacyAuthorities.groupNames(config, NOT_TO_BE_READ)).isEmpty();
    }

    @Test
    void groupNamesWhenGroupsBecomeGroupsThenTheLegacyNamesAndNoRolesFromThem() {
        LegacyStoreConfig config = config("legacyGroupsAs", "groups");

        assertThat(LegacyAuthorities.groupNames(config, () -> List.of("editors"))).containsExactly("editors");
        assertThat(LegacyAuthorities.roleNames(config, row(false, false), NOT_TO_BE_READ)).isEmpty();
    }

    @Test
    void groupNamesWhenLegacyGroupsIgnoredThenNothingAndNothingRead() {
        LegacyStoreConfig config = config("legacyGroupsAs", "none");

        assertThat(LegacyAuthorities.groupNames(config, NOT_TO_BE_READ)).isEmpty();
        assertThat(LegacyAuthorities.roleNames(config, row(false, false), NOT_TO_BE_READ)).isEmpty();
    }
}
