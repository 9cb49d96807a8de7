package dev.legacybridge.keycloak;

import dev.legacybridge.keycloak.migration.LocalUsers;
import dev.legacybridge.store.LegacyUser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Keeps lists and counts of legacy users free of the people Keycloak already lists itself.
 *
 * <p>Keycloak answers a user search from its own store first, then asks each federation provider, paging across them
 * by their counts. Every legacy row Keycloak has met is a user of its own store (linked or migrated), so the provider
 * must list and count only the rows that have no Keycloak user yet, or each such person would appear twice (the
 * earlier count of 363 for 258 people). Whether a row has one is a question for Keycloak's database, not the legacy
 * one, so pages are filtered after reading them ({@link LocalUsers#present}: one query per page):
 * <ul>
 *   <li>a page is filled by reading on until it has {@code max} rows without a Keycloak user, after skipping
 *       {@code first} of them, so pages tile exactly;</li>
 *   <li>a count up to {@value #EXACT_COUNT_LIMIT} matching rows checks every row the same way, so counts equal lists;
 *       above that (a search for everything on a huge table) it is the legacy count minus the Keycloak users that
 *       came from this component and match the same search, which is exact as long as those users' names and emails
 *       still equal their rows'.</li>
 * </ul>
 */
final class KeycloakUsersOfRows {

    /** Above this many matching rows a count is estimated rather than checked row by row. */
    static final int EXACT_COUNT_LIMIT = 10_000;
    private static final int MAX_BATCH = 1000;

    /** Reads matching legacy rows in a stable order. */
    interface Pager {
        List<LegacyUser> page(int offset, int size);
    }

    /** Keycloak's side: which rows have a Keycloak user, and how many of the component's users match a search. */
    interface KeycloakSide {
        Set<String> present(List<LegacyUser> rows);

        int countFromComponent(Map<String, String> keycloakParams);
    }

    private final KeycloakSide keycloak;

    KeycloakUsersOfRows(KeycloakSide keycloak) {
        this.keycloak = keycloak;
    }

    /** Keycloak's own store, in the component's realm, through {@link LocalUsers}. */
    static KeycloakUsersOfRows of(KeycloakSession session, RealmModel realm, String componentId) {
        return new KeycloakUsersOfRows(new KeycloakSide() {
            @Override
            public Set<String> present(List<LegacyUser> rows) {
                return LocalUsers.present(session, realm, componentId, rows);
            }

            @Override
            public int countFromComponent(Map<String, String> keycloakParams) {
                return LocalUsers.countFromComponent(session, realm, componentId, keycloakParams);
            }
        });
    }

    List<LegacyUser> withoutKeycloakUsers(List<LegacyUser> rows) {
        if (rows.isEmpty()) {
            return rows;
        }
        Set<String> present = keycloak.present(rows);
        return rows.stream().filter(row -> !present.contains(row.id())).toList();
    }

    /** Rows {@code first} to {@code first + max} (all after {@code first} when {@code max < 0}) without a Keycloak user. */
    List<LegacyUser> page(Pager pager, int first, int max) {
        if (max == 0) {
            return List.of();
        }
        int batch = max < 0 ? MAX_BATCH : Math.min(MAX_BATCH, Math.max(50, 2 * (first + max)));
        List<LegacyUser> out = new ArrayList<>();
        int toSkip = first;
        int offset = 0;
        while (true) {
            List<LegacyUser> rows = pager.page(offset, batch);
            offset += rows.size();
            for (LegacyUser row : withoutKeycloakUsers(rows)) {
                if (toSkip > 0) {
                    toSkip--;
                } else {
                    out.add(row);
                    if (max > 0 && out.size() == max) {
                        return out;
                    }
                }
            }
            if (rows.size() < batch) {
                return out;
            }
        }
    }

    /**
     * @param legacyCount     how many legacy rows match
     * @param keycloakParams  the same search in Keycloak's terms, for the estimate of large counts
     */
    int count(int legacyCount, Pager pager, Map<String, String> keycloakParams) {
        if (legacyCount == 0) {
            return 0;
        }
        if (legacyCount <= EXACT_COUNT_LIMIT) {
            List<LegacyUser> rows = pager.page(0, EXACT_COUNT_LIMIT + 1);
            return withoutKeycloakUsers(rows).size();
        }
        return Math.max(0, legacyCount - keycloak.countFromComponent(keycloakParams));
    }
}
