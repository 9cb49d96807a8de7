package dev.legacybridge.keycloak;

import dev.legacybridge.keycloak.config.LegacyStoreConfig;
import dev.legacybridge.keycloak.migration.LegacyIdentity;
import dev.legacybridge.store.ProfileField;
import dev.legacybridge.store.UserSearch;
import java.util.Map;
import org.keycloak.models.UserModel;

/**
 * Translates Keycloak's user-search parameters into a {@link UserSearch}.
 *
 * <p>What arrives (verified against Keycloak 26.7's admin REST API and console): {@code search} with Keycloak's own
 * syntax (prefix by default, {@code *} wildcard, {@code "exact"}), the field keys {@code username}, {@code email},
 * {@code firstName}, {@code lastName} with {@code exact}, {@code enabled}, {@code emailVerified}, and any other key as
 * a custom attribute ({@code ?q=name:value}). Criteria a legacy row can never meet (identity-provider links, unknown
 * attributes, creation-date ranges) make the search match nothing rather than everything.
 */
final class SearchCriteria {

    private static final String PREFIX = "keycloak.session.realm.users.query.";

    private SearchCriteria() {
    }

    static UserSearch from(Map<String, String> params, LegacyStoreConfig config) {
        UserSearch search = UserSearch.all().withExact(Boolean.parseBoolean(params.get(UserModel.EXACT)));
        for (Map.Entry<String, String> param : params.entrySet()) {
            String key = param.getKey();
            String value = param.getValue();
            if (value == null) {
                continue;
            }
            switch (key) {
                case UserModel.SEARCH -> {
                    String trimmed = value.trim();
                    if (!trimmed.isEmpty() && !trimmed.equals("*")) {
                        search = search.withText(trimmed);
                    }
                }
                case UserModel.USERNAME -> search = search.withUsername(value);
                case UserModel.EMAIL -> search = search.withField(ProfileField.EMAIL, value);
                case UserModel.FIRST_NAME -> search = search.withField(ProfileField.FIRST_NAME, value);
                case UserModel.LAST_NAME -> search = search.withField(ProfileField.LAST_NAME, value);
                case UserModel.ENABLED -> search = search.withActive(Boolean.valueOf(value));
                case LegacyIdentity.LEGACY_USERNAME -> search = search.withUsername(value).withExact(true);
                case UserModel.EXACT, UserModel.INCLUDE_SERVICE_ACCOUNT, UserModel.EMAIL_VERIFIED -> {
                    // exact is read above; legacy users are never service accounts; emails count as verified or not
                    // per the trust setting, which a search cannot narrow further.
                }
                case UserModel.IDP_ALIAS, UserModel.IDP_USER_ID, UserModel.CREATED_AFTER, UserModel.CREATED_BEFORE ->
                        search = search.matchingNothing();
                default -> {
                    if (key.startsWith(PREFIX)) {
                        continue; // other internal flags
                    }
                    if (config.schema().attributeColumns().contains(key)) {
                        search = search.withAttribute(key, value);
                    } else {
                        search = search.matchingNothing();
                    }
                }
            }
        }
        return search;
    }
}
