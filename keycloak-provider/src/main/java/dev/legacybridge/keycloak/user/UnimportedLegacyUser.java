package dev.legacybridge.keycloak.user;

import dev.legacybridge.keycloak.config.LegacyGroupsAs;
import dev.legacybridge.keycloak.config.LegacyStoreConfig;
import dev.legacybridge.keycloak.migration.LegacyIdentity;
import dev.legacybridge.store.LegacyStoreException;
import dev.legacybridge.store.LegacyUser;
import dev.legacybridge.store.LegacyUserRepository;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jboss.logging.Logger;
import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.storage.ReadOnlyException;
import org.keycloak.storage.StorageId;
import org.keycloak.storage.adapter.AbstractUserAdapterFederatedStorage;

/**
 * A legacy row that Keycloak has not met yet, as one line of a user list or search result: read-only, with the
 * federated id {@code f:<component id>:<legacy primary key>}. Listing users never writes to Keycloak, so pages and
 * counts stay stable while an admin pages through them.
 *
 * <p>Reading such a user (a list, the admin opening it) never writes to Keycloak. The first change (a role grant, a
 * required action, a profile edit, a password) imports the row as a linked user with its permanent id
 * ({@link LegacyIdentity}) and is made on that user; from then on Keycloak lists and returns the imported user, and the
 * {@code f:} id leads to it. So the {@code f:} id is never seen in a token.
 */
public final class UnimportedLegacyUser extends AbstractUserAdapterFederatedStorage {

    private static final Logger LOG = Logger.getLogger(UnimportedLegacyUser.class);

    private final LegacyStoreConfig config;
    private final LegacyUserRepository repository;
    private final LegacyUser row;
    private final Supplier<UserModel> importer;
    private List<String> legacyGroupNames;
    private UserModel imported;

    /**
     * @param importer imports the row as a linked user (or finds the Keycloak user it already is) and returns it;
     *                 called on the first change
     */
    public UnimportedLegacyUser(KeycloakSession session, RealmModel realm, ComponentModel model,
                                LegacyStoreConfig config, LegacyUserRepository repository, LegacyUser row,
                                Supplier<UserModel> importer) {
        super(session, realm, model);
        this.config = config;
        this.repository = repository;
        this.row = row;
        this.importer = importer;
        this.storageId = new StorageId(StorageId.keycloakId(model, row.id()));
    }

    /** The legacy row this user stands for. */
    public LegacyUser row() {
        return row;
    }

    /** The imported user, importing the row first if needed. */
    public UserModel imported() {
        if (imported == null) {
            imported = importer.get();
            if (imported == null) {
                throw new ReadOnlyException("This legacy user cannot be imported: its username belongs to another "
                        + "Keycloak user");
            }
        }
        return imported;
    }

    @Override
    public String getUsername() {
        return row.username().toLowerCase(Locale.ROOT);
    }

    @Override
    public void setUsername(String username) {
        imported().setUsername(username);
    }

    @Override
    public Long getCreatedTimestamp() {
        return row.created() != null ? Long.valueOf(row.created().toEpochMilli()) : super.getCreatedTimestamp();
    }

    /**
     * Disabled while the legacy row is inactive. A lockout (locked-until in the future) is not shown here: Keycloak's
     * user cache keeps what this answered when the user was cached, and no row changes when a lockout ends, so a user
     * cached while locked would stay disabled; the password check refuses a locked row instead, as read at that login.
     */
    @Override
    public boolean isEnabled() {
        return row.active() && super.isEnabled();
    }

    @Override
    public void setEnabled(boolean enabled) {
        imported().setEnabled(enabled);
    }

    @Override
    public void setEmailVerified(boolean verified) {
        imported().setEmailVerified(verified);
    }

    @Override
    public void setCreatedTimestamp(Long timestamp) {
        imported().setCreatedTimestamp(timestamp);
    }

    @Override
    public void setFederationLink(String link) {
        imported().setFederationLink(link);
    }

    @Override
    public void addRequiredAction(String action) {
        imported().addRequiredAction(action);
    }

    @Override
    public void removeRequiredAction(String action) {
        imported().removeRequiredAction(action);
    }

    @Override
    public void addRequiredAction(RequiredAction action) {
        imported().addRequiredAction(action);
    }

    @Override
    public void removeRequiredAction(RequiredAction action) {
        imported().removeRequiredAction(action);
    }

    @Override
    public void joinGroup(GroupModel group) {
        imported().joinGroup(group);
    }

    @Override
    public void leaveGroup(GroupModel group) {
        imported().leaveGroup(group);
    }

    @Override
    public void grantRole(RoleModel role) {
        imported().grantRole(role);
    }

    @Override
    public void deleteRoleMapping(RoleModel role) {
        imported().deleteRoleMapping(role);
    }

    @Override
    public boolean isEmailVerified() {
        return config.trustEmail() && row.email() != null && config.schema().emailColumn() != null;
    }

    @Override
    public String getFirstAttribute(String name) {
        Map<String, String> legacy = legacyAttributes();
        return legacy.containsKey(name) ? legacy.get(name) : super.getFirstAttribute(name);
    }

    @Override
    public Stream<String> getAttributeStream(String name) {
        Map<String, String> legacy = legacyAttributes();
        if (legacy.containsKey(name)) {
            String value = legacy.get(name);
            return value == null ? Stream.empty() : Stream.of(value);
        }
        return super.getAttributeStream(name);
    }

    @Override
    public Map<String, List<String>> getAttributes() {
        Map<String, List<String>> attributes = super.getAttributes();
        if (attributes == null) {
            attributes = new MultivaluedHashMap<>();
        }
        for (Map.Entry<String, String> legacy : legacyAttributes().entrySet()) {
            if (legacy.getValue() != null) {
                attributes.put(legacy.getKey(), Collections.singletonList(legacy.getValue()));
            }
        }
        return attributes;
    }

    @Override
    public void setSingleAttribute(String name, String value) {
        imported().setSingleAttribute(name, value);
    }

    @Override
    public void setAttribute(String name, List<String> values) {
        imported().setAttribute(name, values);
    }

    @Override
    public void removeAttribute(String name) {
        imported().removeAttribute(name);
    }

    private Map<String, String> legacyAttributes() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(UserModel.USERNAME, getUsername());
        if (config.schema().emailColumn() != null) {
            values.put(UserModel.EMAIL, blankToNull(row.email()));
        }
        if (config.schema().firstNameColumn() != null) {
            values.put(UserModel.FIRST_NAME, blankToNull(row.firstName()));
        }
        if (config.schema().lastNameColumn() != null) {
            values.put(UserModel.LAST_NAME, blankToNull(row.lastName()));
        }
        values.put(LegacyIdentity.LEGACY_ID, row.id());
        values.put(LegacyIdentity.LEGACY_USERNAME, row.username());
        for (String column : config.schema().attributeColumns()) {
            values.put(column, row.attributes().get(column));
        }
        return values;
    }

    @Override
    protected Set<RoleModel> getRoleMappingsInternal() {
        Set<RoleModel> roles = new HashSet<>();
        for (String roleName : LegacyAuthorities.roleNames(config, row, this::legacyGroupNames)) {
            RoleModel role = realm.getRole(roleName);
            if (role != null) {
                roles.add(role);
            }
        }
        return roles;
    }

    @Override
    protected Set<GroupModel> getGroupsInternal() {
        if (config.legacyGroupsAs() != LegacyGroupsAs.GROUPS) {
            return Collections.emptySet();
        }
        Set<GroupModel> groups = new HashSet<>();
        for (String name : legacyGroupNames()) {
            GroupModel group = KeycloakModelUtils.findGroupByPath(session, realm, "/" + name);
            if (group != null) {
                groups.add(group);
            }
        }
        return groups;
    }

    private List<String> legacyGroupNames() {
        if (legacyGroupNames == null) {
            try {
                legacyGroupNames = config.legacyGroupsAs() == LegacyGroupsAs.NONE ? List.of()
                        : new ArrayList<>(repository.lookups().groupNamesOf(row.id()));
            } catch (LegacyStoreException e) {
                LOG.warnf("Could not read the legacy groups of user [%s]: %s", row.id(), e.getMessage());
                return List.of();
            }
        }
        return legacyGroupNames;
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
