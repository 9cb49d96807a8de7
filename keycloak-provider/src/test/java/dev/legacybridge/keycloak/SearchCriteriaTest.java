package dev.legacybridge.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import dev.legacybridge.keycloak.config.LegacyStoreConfig;
import dev.legacybridge.store.ProfileField;
import dev.legacybridge.store.UserSearch;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.models.UserModel;

/** The parameter maps below are the ones Keycloak 26.7 was seen to pass for each admin REST call. */
class SearchCriteriaTest {

    private static final LegacyStoreConfig CONFIG = config();

    private static LegacyStoreConfig config() {
        MultivaluedHashMap<String, String> map = new MultivaluedHashMap<>();
        map.put("jdbcUrl", List.of("jdbc:sqlite:x"));
        map.put("attributeColumns", List.of("last_login"));
        return LegacyStoreConfig.from(map);
    }

    @Test
    void fromWhenConsoleSearchBoxThenSearchTermOnly() {
        UserSearch search = SearchCriteria.from(Map.of(UserModel.SEARCH, "ali",
                UserModel.INCLUDE_SERVICE_ACCOUNT, "false"), CONFIG);

        assertThat(search.terms()).containsExactly("ali");
        assertThat(search.matchesNothing()).isFalse();
    }

    @Test
    void fromWhenStarOrNoSearchThenEveryone() {
        assertThat(SearchCriteria.from(Map.of(UserModel.SEARCH, "*"), CONFIG)).isEqualTo(UserSearch.all());
        assertThat(SearchCriteria.from(Map.of(UserModel.INCLUDE_SERVICE_ACCOUNT, "false"), CONFIG))
                .isEqualTo(UserSearch.all());
    }

    @Test
    void fromWhenExactUsernameThenExactUsernameFilter() {
        UserSearch search = SearchCriteria.from(Map.of(UserModel.USERNAME, "bob", UserModel.EXACT, "true"), CONFIG);

        assertThat(search.username()).isEqualTo("bob");
        assertThat(search.exact()).isTrue();
    }

    @Test
    void fromWhenFieldsAndEnabledThenAllCombined() {
        UserSearch search = SearchCriteria.from(Map.of(UserModel.EMAIL, "example.com", UserModel.FIRST_NAME, "Jo",
                UserModel.ENABLED, "false"), CONFIG);

        assertThat(search.fields()).containsEntry(ProfileField.EMAIL, "example.com")
                .containsEntry(ProfileField.FIRST_NAME, "Jo");
        assertThat(search.active()).isFalse();
    }

    @Test
    void fromWhenCustomAttributeIsAMappedColumnThenAttributeFilterElseNothing() {
        assertThat(SearchCriteria.from(Map.of("last_login", "2024-01-01"), CONFIG).attributes())
                .containsEntry("last_login", "2024-01-01");
        assertThat(SearchCriteria.from(Map.of("department", "sales"), CONFIG).matchesNothing()).isTrue();
        assertThat(SearchCriteria.from(Map.of(UserModel.IDP_ALIAS, "github"), CONFIG).matchesNothing()).isTrue();
    }
}
