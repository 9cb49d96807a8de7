package dev.legacybridge.keycloak.migration;

import dev.legacybridge.keycloak.config.LegacyStoreConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.representations.userprofile.config.UPAttribute;
import org.keycloak.representations.userprofile.config.UPAttributePermissions;
import org.keycloak.representations.userprofile.config.UPConfig;
import org.keycloak.userprofile.UserProfileProvider;
import org.keycloak.userprofile.UserProfileUtil;

/**
 * Prepares the realm's user profile for migrated users. Declares the attributes migration copies ({@code legacyId}, {@code legacyUsername} and the extra columns) in the
 * realm's user profile, visible to administrators and editable by nobody.
 *
 * <p>Keycloak 26 hides undeclared ("unmanaged") attributes. For users still in the legacy table the provider declares
 * them per user ({@code UserProfileDecorator}); migrated users are ordinary local users, so the realm has to know the
 * attributes itself. Existing declarations are left as the admin made them.
 *
 * <p>With {@link LegacyStoreConfig#optionalProfileFields()}, it also makes the mapped email and names optional:
 * Keycloak's default profile requires them, and a migrated user without them would get the "verify profile" required
 * action, which the password grant answers with "Account is not fully set up".
 */
public final class MigratedUserProfile {

    private static final Logger LOG = Logger.getLogger(MigratedUserProfile.class);

    private MigratedUserProfile() {
    }

    private static List<String> mappedProfileFields(LegacyStoreConfig config) {
        List<String> names = new ArrayList<>();
        if (config.schema().emailColumn() != null) {
            names.add(org.keycloak.models.UserModel.EMAIL);
        }
        if (config.schema().firstNameColumn() != null) {
            names.add(org.keycloak.models.UserModel.FIRST_NAME);
        }
        if (config.schema().lastNameColumn() != null) {
            names.add(org.keycloak.models.UserModel.LAST_NAME);
        }
        return names;
    }

    /** Adds the missing declarations; does nothing when all are there. Runs in the caller's transaction. */
    public static void declare(KeycloakSession session, LegacyStoreConfig config) {
        UserProfileProvider provider = session.getProvider(UserProfileProvider.class);
        UPConfig profile = provider.getConfiguration();
        List<String> names = new ArrayList<>(List.of(LegacyIdentity.LEGACY_ID, LegacyIdentity.LEGACY_USERNAME));
        names.addAll(config.schema().attributeColumns());
        boolean metadataGroup = profile.getGroups() != null && profile.getGroups().stream()
                .anyMatch(g -> UserProfileUtil.USER_METADATA_GROUP.equals(g.getName()));
        List<String> added = new ArrayList<>();
        for (String name : names) {
            if (profile.getAttribute(name) != null) {
                continue;
            }
            UPAttribute attribute = new UPAttribute(name, new UPAttributePermissions(Set.of("admin"), Set.of()));
            attribute.setDisplayName(name);
            if (metadataGroup) {
                attribute.setGroup(UserProfileUtil.USER_METADATA_GROUP);
            }
            profile.addOrReplaceAttribute(attribute);
            added.add(name);
        }
        List<String> relaxed = new ArrayList<>();
        if (config.optionalProfileFields()) {
            for (String name : mappedProfileFields(config)) {
                UPAttribute attribute = profile.getAttribute(name);
                if (attribute != null && attribute.getRequired() != null) {
                    attribute.setRequired(null);
                    relaxed.add(name);
                }
            }
        }
        if (!added.isEmpty() || !relaxed.isEmpty()) {
            provider.setConfiguration(profile);
            String realm = session.getContext().getRealm() == null ? "?" : session.getContext().getRealm().getName();
            if (!added.isEmpty()) {
                LOG.infof("Declared the migrated-user attributes %s in the user profile of realm [%s] (admin view only)",
                        added, realm);
            }
            if (!relaxed.isEmpty()) {
                LOG.infof("Made %s optional in the user profile of realm [%s]: legacy rows may leave them empty "
                        + "(option 'Names and email optional for migrated users')", relaxed, realm);
            }
        }
    }
}
