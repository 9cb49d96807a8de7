package dev.legacybridge.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import dev.legacybridge.store.LegacyUser;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Pages and counts of legacy rows without the ones Keycloak already has, against a fake Keycloak side. */
class KeycloakUsersOfRowsTest {

    private final List<LegacyUser> table = IntStream.rangeClosed(1, 95).mapToObj(i -> row(String.valueOf(i)))
            .toList();
    private final Set<String> inKeycloak = new HashSet<>();
    private int queries;

    private final KeycloakUsersOfRows listing = new KeycloakUsersOfRows(new KeycloakUsersOfRows.KeycloakSide() {
        @Override
        public Set<String> present(List<LegacyUser> rows) {
            queries++;
            return rows.stream().map(LegacyUser::id).filter(inKeycloak::contains).collect(Collectors.toSet());
        }

        @Override
        public int countFromComponent(Map<String, String> keycloakParams) {
            return inKeycloak.size();
        }
    });

    private final KeycloakUsersOfRows.Pager pager = (offset, size) ->
            table.subList(Math.min(offset, table.size()), Math.min(table.size(), offset + size));

    @Test
    void pageWhenSomeRowsInKeycloakThenPagesTileTheOthersExactly() {
        IntStream.of(1, 2, 3, 10, 11, 50, 51, 52, 94).forEach(i -> inKeycloak.add(String.valueOf(i)));
        List<String> expected = table.stream().map(LegacyUser::id).filter(id -> !inKeycloak.contains(id)).toList();

        List<String> paged = new ArrayList<>();
        for (int first = 0; ; first += 7) {
            List<LegacyUser> page = listing.page(pager, first, 7);
            page.forEach(r -> paged.add(r.id()));
            if (page.size() < 7) {
                break;
            }
        }

        assertThat(paged).containsExactlyElementsOf(expected);
        assertThat(listing.count(table.size(), pager, Map.of())).isEqualTo(expected.size());
        assertThat(listing.page(pager, 0, -1)).hasSize(expected.size());
    }

    @Test
    void pageWhenFirstRowsAllInKeycloakThenReadsOnUntilThePageIsFull() {
        IntStream.rangeClosed(1, 80).forEach(i -> inKeycloak.add(String.valueOf(i)));

        List<LegacyUser> page = listing.page(pager, 0, 11);

        assertThat(page).extracting(LegacyUser::id).containsExactly("81", "82", "83", "84", "85", "86", "87", "88",
                "89", "90", "91");
        assertThat(queries).isEqualTo(2); // batches of 50: rows 1-50, then 51-100
    }

    @Test
    void countWhenMoreMatchesThanTheExactLimitThenLegacyCountMinusKeycloakUsersOfTheComponent() {
        IntStream.rangeClosed(1, 40).forEach(i -> inKeycloak.add(String.valueOf(i)));

        assertThat(listing.count(KeycloakUsersOfRows.EXACT_COUNT_LIMIT + 1, pager, Map.of()))
                .isEqualTo(KeycloakUsersOfRows.EXACT_COUNT_LIMIT + 1 - 40);
        assertThat(listing.count(0, pager, Map.of())).isZero();
        assertThat(queries).as("no Keycloak query for an empty or estimated count").isZero();
    }

    private static LegacyUser row(String id) {
        return new LegacyUser(id, "user" + id, null, null, null, null, true, null, false, Map.of(), Map.of());
    }
}
