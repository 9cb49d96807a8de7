package dev.legacybridge.keycloak.user;

import dev.legacybridge.keycloak.config.LegacyEditMode;
import dev.legacybridge.keycloak.config.LegacyGroupsAs;
import dev.legacybridge.keycloak.config.LegacyStoreConfig;
import dev.legacybridge.store.LegacyStoreException;
import dev.legacybridge.store.LegacyUser;
import dev.legacybridge.store.LegacyUserRepository;
import dev.legacybridge.store.ProfileField;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
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
 * A legacy row seen as a Keycloak user, without importing it.
 *
 * <p>Identity: the Keycloak id is {@code f:<component id>:<legacy primary key>}, stable across username changes in
 * the legacy app. The username is the legacy one lower-cased, as Keycloak expects; the original spelling is the
 * read-only attribute {@value #LEGACY_USERNAME}.
 *
 * <p>What comes from where:
 * <ul>
 *   <li>email, first and last name, enabled (active column), created timestamp: the legacy row;</li>
 *   <li>{@value #LEGACY_ID}, {@value #LEGACY_USERNAME} and the configured extra columns: the legacy row, read-only,
 *       shown to administrators through the user profile (see {@code LegacyUserStorageProvider#decorateUserProfile});</li>
 *   <li>realm roles: the role flag columns (e.g. {@code is_superuser -> admin}) and, if so configured, legacy groups,
 *       plus anything granted in Keycloak;</li>
 *   <li>groups: legacy groups mapped to Keycloak top-level groups of the same name, plus Keycloak memberships;</li>
 *   <li>everything else (required actions, other attributes, Keycloak-side role grants, consents): Keycloak's federated
 *       storage, as for any federated user.</li>
 * </ul>
 *
 * <p>Writes to legacy-backed fields go to the legacy row only in {@link LegacyEditMode#WRITABLE}; otherwise setting a
 * different value throws {@link ReadOnlyException}, which Keycloak reports to the admin as a 400. Setting the same
 * value is a no-op, because Keycloak's user profile re-submits unchanged values.
 */
public final class LegacyUserAdapter extends AbstractUserAdapterFederatedStorage {

    private static final Logger LOG = Logger.getLogger(LegacyUserAdapter.class);

    /** Attribute holding the legacy primary key. */
    public static final String LEGACY_ID = "legacyId";
    /** Attribute holding the legacy username exactly as stored. */
    public static final String LEGACY_USERNAME = "legacyUsername";

    private final LegacyStoreConfig config;
    private final LegacyUserRepository repository;
    private LegacyUser row;
    private List<String> legacyGroupNames;

    public LegacyUserAdapter(KeycloakSession session, RealmModel realm, ComponentModel model, LegacyStoreConfig config,
                             LegacyUserRepository repository, LegacyUser row) {
        super(session, realm, model);
        this.config = config;
        this.repository = repository;
        this.row = row;
        this.storageId = new StorageId(StorageId.keycloakId(model, row.id()));
    }

    /** The row this adapter was made from (after any writes made through it). */
    public LegacyUser row() {
        return row;
    }

    @Override
    public String getUsername() {
        return row.username().toLowerCase(Locale.ROOT);
    }

    @Override
    public void setUsername(String username) {
        if (username != null && username.equalsIgnoreCase(row.username())) {
            return;
        }
        throw new ReadOnlyException("The username of a legacy user cannot be changed in Keycloak");
    }

    @Override
    public Long getCreatedTimestamp() {
        return row.created() != null ? Long.valueOf(row.created().toEpochMilli()) : super.getCreatedTimestamp();
    }

    @Override
    public boolean isEnabled() {
        // The legacy flag wins: an account deactivated in the legacy app stays disabled. Keycloak-side disabling
        // (federated storage) also applies, so an admin can lock a legacy user without touching the legacy table.
        return row.active() && super.isEnabled();
    }

    @Override
    public void setEnabled(boolean enabled) {
        if (config.editMode() == LegacyEditMode.WRITABLE && config.schema().activeColumn() != null) {
            if (enabled != row.active()) {
                write(ProfileField.ACTIVE, enabled);
            }
            if (!super.isEnabled()) {
                super.setEnabled(true);
            }
            return;
        }
        super.setEnabled(enabled);
    }

    @Override
    public boolean isEmailVerified() {
        if (config.trustEmail() && row.email() != null && mapped(UserModel.EMAIL)) {
            return true;
        }
        return super.isEmailVerified();
    }

    // ------------------------------------------------------------------ attributes

    @Override
    public String getFirstAttribute(String name) {
        if (isLegacyAttribute(name)) {
            return legacyAttributes().get(name);
        }
        return super.getFirstAttribute(name);
    }

    @Override
    public Stream<String> getAttributeStream(String name) {
        if (isLegacyAttribute(name)) {
            String value = legacyAttributes().get(name);
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
            attributes.put(legacy.getKey(), Collections.singletonList(legacy.getValue()));
        }
        return attributes;
    }

    @Override
    public void setSingleAttribute(String name, String value) {
        if (isLegacyAttribute(name)) {
            writeLegacyAttribute(name, value);
        } else {
            super.setSingleAttribute(name, value);
        }
    }

    @Override
    public void setAttribute(String name, List<String> values) {
        if (isLegacyAttribute(name)) {
            writeLegacyAttribute(name, values == null || values.isEmpty() ? null : values.get(0));
        } else {
            super.setAttribute(name, values);
        }
    }

    @Override
    public void removeAttribute(String name) {
        if (isLegacyAttribute(name)) {
            writeLegacyAttribute(name, null);
        } else {
            super.removeAttribute(name);
        }
    }

    /** Attributes the legacy row owns, by Keycloak attribute name; values may be null. */
    private Map<String, String> legacyAttributes() {
        Map<String, String> values = new LinkedHashMap<>();
        if (mapped(UserModel.EMAIL)) {
            values.put(UserModel.EMAIL, row.email());
        }
        if (mapped(UserModel.FIRST_NAME)) {
            values.put(UserModel.FIRST_NAME, row.firstName());
        }
        if (mapped(UserModel.LAST_NAME)) {
            values.put(UserModel.LAST_NAME, row.lastName());
        }
        values.put(LEGACY_ID, row.id());
        values.put(LEGACY_USERNAME, row.username());
        for (String column : config.schema().attributeColumns()) {
            values.put(column, row.attributes().get(column));
        }
        return values;
    }

    private boolean isLegacyAttribute(String name) {
        if (name == null || UserModel.USERNAME.equals(name)) {
            return false;
        }
        return mapped(name) || LEGACY_ID.equals(name) || LEGACY_USERNAME.equals(name)
                || config.schema().attributeColumns().contains(name);
    }

    private boolean mapped(String attribute) {
        return switch (attribute) {
            case UserModel.EMAIL -> config.schema().emailColumn() != null;
            case UserModel.FIRST_NAME -> config.schema().firstNameColumn() != null;
            case UserModel.LAST_NAME -> config.schema().lastNameColumn() != null;
            default -> false;
        };
    }

    private void writeLegacyAttribute(String name, String value) {
        String current = legacyAttributes().get(name);
        String normalized = value == null || value.isEmpty() ? null : value;
        boolean same = UserModel.EMAIL.equals(name) ? equalsIgnoreCase(current, normalized)
                : Objects.equals(current, normalized);
        if (same) {
            return;
        }
        ProfileField field = switch (name) {
            case UserModel.EMAIL -> ProfileField.EMAIL;
            case UserModel.FIRST_NAME -> ProfileField.FIRST_NAME;
            case UserModel.LAST_NAME -> ProfileField.LAST_NAME;
            default -> null;
        };
        if (field == null || config.editMode() != LegacyEditMode.WRITABLE) {
            throw new ReadOnlyException("Attribute '" + name + "' comes from the legacy database and is read-only"
                    + (field == null ? "" : " in mode " + config.editMode()));
        }
        write(field, normalized);
    }

    private void write(ProfileField field, Object value) {
        if (!repository.updateField(row.id(), field, value)) {
            throw new ReadOnlyException("The legacy row of this user no longer exists");
        }
        row = switch (field) {
            case EMAIL -> new LegacyUser(row.id(), row.username(), row.passwordHash(), (String) value, row.firstName(),
                    row.lastName(), row.active(), row.created(), row.migrated(), row.attributes(), row.flags());
            case FIRST_NAME -> new LegacyUser(row.id(), row.username(), row.passwordHash(), row.email(), (String) value,
                    row.lastName(), row.active(), row.created(), row.migrated(), row.attributes(), row.flags());
            case LAST_NAME -> new LegacyUser(row.id(), row.username(), row.passwordHash(), row.email(), row.firstName(),
                    (String) value, row.active(), row.created(), row.migrated(), row.attributes(), row.flags());
            case ACTIVE -> new LegacyUser(row.id(), row.username(), row.passwordHash(), row.email(), row.firstName(),
                    row.lastName(), (Boolean) value, row.created(), row.migrated(), row.attributes(), row.flags());
        };
        LOG.infof("Wrote %s of legacy user [%s] (Keycloak id [%s]) back to the legacy database", field, row.id(),
                getId());
    }

    private static boolean equalsIgnoreCase(String a, String b) {
        return a == null ? b == null : a.equalsIgnoreCase(b);
    }

    // ------------------------------------------------------------------ roles and groups

    @Override
    protected Set<RoleModel> getRoleMappingsInternal() {
        Set<RoleModel> roles = new HashSet<>();
        for (String roleName : LegacyAuthorities.roleNames(config, row, this::legacyGroupNames)) {
            RoleModel role = realm.getRole(roleName);
            if (role != null) {
                roles.add(role);
            } else {
                LOG.debugf("Realm [%s] has no role [%s] mapped from legacy user [%s]; skipped", realm.getName(),
                        roleName, row.id());
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
            } else {
                LOG.debugf("Realm [%s] has no group [%s] of legacy user [%s]; skipped until the provider is saved "
                        + "again or synchronized", realm.getName(), name, row.id());
            }
        }
        return groups;
    }

    @Override
    public Stream<GroupModel> getGroupsStream() {
        return super.getGroupsStream().distinct();
    }

    private List<String> legacyGroupNames() {
        if (legacyGroupNames == null) {
            if (config.legacyGroupsAs() == LegacyGroupsAs.NONE) {
                legacyGroupNames = List.of();
            } else {
                try {
                    legacyGroupNames = new ArrayList<>(repository.groupNamesOf(row.id()));
                } catch (LegacyStoreException e) {
                    // Fewer authorities for this one request is the safe way to fail; the lookup that follows will
                    // report the outage itself.
                    LOG.warnf("Could not read the legacy groups of user [%s]: %s", row.id(), e.getMessage());
                    return List.of();
                }
            }
        }
        return legacyGroupNames;
    }
}
