package dev.legacybridge.keycloak.migration;

import dev.legacybridge.keycloak.config.LegacyStoreConfig;
import dev.legacybridge.keycloak.user.LegacyAuthorities;
import dev.legacybridge.store.LegacyUser;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Writes what a legacy row says into the Keycloak user that stands for it: profile fields, the legacy attributes,
 * and the realm roles and groups its flag columns and legacy groups map to. Writes only what differs, so applying an
 * unchanged row (every login of a linked user) writes nothing.
 *
 * <p>Roles and groups of a linked user are kept in step with the legacy row: the ones granted from the row are
 * remembered in {@link LegacyIdentity#SYNCED_ROLES}/{@link LegacyIdentity#SYNCED_GROUPS}, so a flag cleared in the
 * legacy app takes its role away again while grants made in Keycloak stay. At migration the bookkeeping is dropped and
 * the grants become ordinary Keycloak grants.
 */
final class UserFromRow {

    private static final Logger LOG = Logger.getLogger(UserFromRow.class);

    private UserFromRow() {
    }

    /**
     * Username, email, names and the legacy attributes. A new username or email that another Keycloak user holds is
     * not copied (Keycloak's unique constraints would fail the whole request): logged, and the old value stays.
     */
    static void applyProfile(KeycloakSession session, RealmModel realm, UserModel user, LegacyStoreConfig config,
                             String componentId, LegacyUser row) {
        String username = row.username().toLowerCase(Locale.ROOT);
        if (!username.isEmpty() && !username.equals(user.getUsername())) {
            UserModel holder = LocalUsers.byUsername(session, realm, username);
            if (holder == null || holder.getId().equals(user.getId())) {
                user.setUsername(username); // renamed in the legacy app
            } else {
                LOG.warnf("Legacy user [%s] was renamed in the legacy database, but Keycloak user [%s] holds the new "
                        + "username; keeping the old one", row.id(), holder.getId());
            }
        }
        if (config.schema().emailColumn() != null) {
            String email = blankToNull(row.email());
            if (!equalsIgnoreCase(email, user.getEmail())) {
                UserModel holder = email == null || realm.isDuplicateEmailsAllowed() ? null
                        : LocalUsers.store(session).getUserByEmail(realm, email);
                if (holder == null || holder.getId().equals(user.getId())) {
                    user.setEmail(email);
                } else {
                    LOG.warnf("The email of legacy user [%s] belongs to Keycloak user [%s]; not copied", row.id(),
                            holder.getId());
                }
            }
            boolean verified = config.trustEmail() && email != null;
            if (verified && !user.isEmailVerified()) {
                user.setEmailVerified(true);
            }
        }
        if (config.schema().firstNameColumn() != null && !Objects.equals(blankToNull(row.firstName()),
                blankToNull(user.getFirstName()))) {
            user.setFirstName(blankToNull(row.firstName()));
        }
        if (config.schema().lastNameColumn() != null && !Objects.equals(blankToNull(row.lastName()),
                blankToNull(user.getLastName()))) {
            user.setLastName(blankToNull(row.lastName()));
        }
        setIfDifferent(user, LegacyIdentity.LEGACY_ID, row.id());
        setIfDifferent(user, LegacyIdentity.LEGACY_USERNAME, row.username());
        setIfDifferent(user, LegacyIdentity.LEGACY_COMPONENT, componentId);
        for (String column : config.schema().attributeColumns()) {
            setIfDifferent(user, column, row.attributes().get(column));
        }
    }

    /**
     * Grants the realm roles and joins the groups the row maps to; for a linked user ({@code keepInStep}) also takes
     * back what an earlier sync granted and the row no longer maps to.
     */
    static void applyAuthorities(KeycloakSession session, RealmModel realm, UserModel user, LegacyStoreConfig config,
                                 LegacyUser row, Supplier<List<String>> legacyGroups, boolean keepInStep) {
        Set<String> roles = LegacyAuthorities.roleNames(config, row, legacyGroups);
        Set<String> groups = new LinkedHashSet<>(LegacyAuthorities.groupNames(config, legacyGroups));
        Set<String> previousRoles = user.getAttributeStream(LegacyIdentity.SYNCED_ROLES).collect(Collectors.toSet());
        Set<String> previousGroups = user.getAttributeStream(LegacyIdentity.SYNCED_GROUPS).collect(Collectors.toSet());
        for (String name : roles) {
            RoleModel role = realm.getRole(name);
            if (role == null) {
                LOG.debugf("Realm [%s] has no role [%s] for legacy user [%s]; not granted", realm.getName(), name,
                        row.id());
            } else if (!user.hasDirectRole(role)) {
                user.grantRole(role);
            }
        }
        for (String name : groups) {
            GroupModel group = ensureTopLevelGroup(session, realm, name);
            if (user.getGroupsStream().noneMatch(g -> g.getId().equals(group.getId()))) {
                user.joinGroup(group);
            }
        }
        if (keepInStep) {
            for (String name : previousRoles) {
                RoleModel role = realm.getRole(name);
                if (!roles.contains(name) && role != null && user.hasDirectRole(role)) {
                    user.deleteRoleMapping(role);
                }
            }
            for (String name : previousGroups) {
                GroupModel group = groups.contains(name) ? null
                        : KeycloakModelUtils.findGroupByPath(session, realm, "/" + name);
                if (group != null && user.getGroupsStream().anyMatch(g -> g.getId().equals(group.getId()))) {
                    user.leaveGroup(group);
                }
            }
            setListIfDifferent(user, LegacyIdentity.SYNCED_ROLES, roles, previousRoles);
            setListIfDifferent(user, LegacyIdentity.SYNCED_GROUPS, groups, previousGroups);
        } else {
            if (!previousRoles.isEmpty()) {
                user.removeAttribute(LegacyIdentity.SYNCED_ROLES);
            }
            if (!previousGroups.isEmpty()) {
                user.removeAttribute(LegacyIdentity.SYNCED_GROUPS);
            }
        }
    }

    /** The top-level group of that name, created if missing. */
    static GroupModel ensureTopLevelGroup(KeycloakSession session, RealmModel realm, String name) {
        GroupModel group = KeycloakModelUtils.findGroupByPath(session, realm, "/" + name);
        return group != null ? group : session.groups().createGroup(realm, name);
    }

    private static void setIfDifferent(UserModel user, String name, String value) {
        String current = user.getFirstAttribute(name);
        if (value == null) {
            if (current != null) {
                user.removeAttribute(name);
            }
        } else if (!value.equals(current)) {
            user.setSingleAttribute(name, value);
        }
    }

    private static void setListIfDifferent(UserModel user, String name, Set<String> values, Set<String> current) {
        if (values.equals(current)) {
            return;
        }
        if (values.isEmpty()) {
            user.removeAttribute(name);
        } else {
            user.setAttribute(name, List.copyOf(values));
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static boolean equalsIgnoreCase(String a, String b) {
        return a == null ? b == null : a.equalsIgnoreCase(b);
    }

}
