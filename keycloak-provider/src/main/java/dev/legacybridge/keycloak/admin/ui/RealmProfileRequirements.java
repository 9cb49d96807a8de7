package dev.legacybridge.keycloak.admin.ui;

import dev.legacybridge.store.ProfileRequirements;
import java.util.Set;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.keycloak.representations.userprofile.config.UPAttribute;
import org.keycloak.representations.userprofile.config.UPAttributeRequired;
import org.keycloak.representations.userprofile.config.UPConfig;
import org.keycloak.userprofile.UserProfileProvider;

/**
 * Which of email, first name and last name the realm's user profile requires of an ordinary user, as a migrated legacy
 * user is one: required for the role {@code user} (or for every role) and not only under some client scope.
 * Keycloak's default profile requires all three; the provider's option "Names and email optional for migrated users"
 * removes the requirement for the mapped ones.
 */
final class RealmProfileRequirements {

    private static final String USER_ROLE = "user";

    private RealmProfileRequirements() {
    }

    static ProfileRequirements of(KeycloakSession session) {
        UPConfig config = session.getProvider(UserProfileProvider.class).getConfiguration();
        return new ProfileRequirements(required(config, UserModel.EMAIL), required(config, UserModel.FIRST_NAME),
                required(config, UserModel.LAST_NAME));
    }

    private static boolean required(UPConfig config, String name) {
        UPAttribute attribute = config.getAttribute(name);
        if (attribute == null || attribute.getRequired() == null) {
            return false;
        }
        UPAttributeRequired required = attribute.getRequired();
        Set<String> roles = required.getRoles();
        Set<String> scopes = required.getScopes();
        return (roles == null || roles.isEmpty() || roles.contains(USER_ROLE)) && (scopes == null || scopes.isEmpty());
    }
}
