package dev.legacybridge.keycloak.user;

import dev.legacybridge.keycloak.config.LegacyGroupsAs;
import dev.legacybridge.keycloak.config.LegacyStoreConfig;
import dev.legacybridge.store.LegacyUser;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Which realm roles and groups a legacy row stands for, by name: one rule shared by the federated view and by
 * migration, so a user has the same authorities before and after being migrated.
 */
public final class LegacyAuthorities {

    private LegacyAuthorities() {
    }

    /**
     * Realm role names: each configured flag column that is true (Django {@code is_superuser -> admin},
     * {@code is_staff -> staff}), plus the legacy group names when groups become roles.
     */
    public static Set<String> roleNames(LegacyStoreConfig config, LegacyUser row, Supplier<List<String>> groupNames) {
        Set<String> names = new LinkedHashSet<>();
        for (Map.Entry<String, String> mapping : config.roleMappings().entrySet()) {
            if (Boolean.TRUE.equals(row.flags().get(mapping.getKey()))) {
                names.add(mapping.getValue());
            }
        }
        if (config.legacyGroupsAs() == LegacyGroupsAs.ROLES) {
            names.addAll(groupNames.get());
        }
        return names;
    }

    /** Keycloak top-level group names, when legacy groups become groups. */
    public static List<String> groupNames(LegacyStoreConfig config, Supplier<List<String>> groupNames) {
        return config.legacyGroupsAs() == LegacyGroupsAs.GROUPS ? groupNames.get() : List.of();
    }
}
