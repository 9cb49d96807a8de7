package dev.legacybridge.keycloak.migration;

import dev.legacybridge.keycloak.config.LegacyStoreConfig;
import dev.legacybridge.keycloak.user.LegacyUserAdapter;
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
 * Declares the attributes migration copies ({@code legacyId}, {@code legacyUsername} and the extra columns) in the
 * realm's user profile, visible to administrators and editable by nobody.
 *
 * <p>Keycloak 26 hides undeclared ("unmanaged") attributes. For users still in the legacy table the provider declares
 * them per user ({@code UserProfileDecorator}); migrated users are ordinary local users, so the realm has to know the
 * attributes itself. Existing declarations are left as the admin made them.
 */
public final class MigratedUserProfile {

    private static final Logger LOG = Logger.getLogger(MigratedUserProfile.class);

    private MigratedUserProfile() {
    }

    /** Adds the missing declarations; does nothing when all are there. Runs in the caller's transaction. */
    public static void declare(KeycloakSession session, LegacyStoreConfig config) {
        UserProfileProvider provider = session.getProvider(UserProfileProvider.class);
        UPConfig profile = provider.getConfiguration();
        List<String> names = new ArrayList<>(List.of(LegacyUserAdapter.LEGACY_ID, LegacyUserAdapter.LEGACY_USERNAME));
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
        if (!added.isEmpty()) {
            provider.setConfiguration(profile);
            LOG.infof("Declared the migrated-user attributes %s in the user profile of realm [%s] (admin view only)",
                    added, session.getContext().getRealm() == null ? "?" : session.getContext().getRealm().getName());
        }
    }
}
