package dev.legacybridge.keycloak.user;

import dev.legacybridge.keycloak.config.LegacyEditMode;
import dev.legacybridge.keycloak.config.LegacyStoreConfig;
import dev.legacybridge.keycloak.migration.LegacyIdentity;
import dev.legacybridge.store.LegacyStoreException;
import dev.legacybridge.store.LegacyUser;
import dev.legacybridge.store.LegacyUserRepository;
import dev.legacybridge.store.ProfileField;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import org.jboss.logging.Logger;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.UserModelDelegate;
import org.keycloak.storage.ReadOnlyException;

/**
 * A Keycloak user linked to a legacy row, as the provider hands it to Keycloak after every lookup: Keycloak's own
 * user (already brought in step with the row), with the legacy table's rules for changes.
 *
 * <ul>
 *   <li>Reads come from the Keycloak user; {@link #isEnabled()} also needs the legacy active flag, so an account
 *       deactivated in the legacy app stays disabled while an admin can still lock a user in Keycloak only.</li>
 *   <li>Changes to what the row owns (username, email, first and last name, the active flag, the legacy attributes)
 *       go to the legacy row first in mode WRITABLE, and are refused with {@link ReadOnlyException} otherwise (a 400
 *       for the admin). Setting the value the user already has is a no-op: Keycloak's user profile re-submits
 *       unchanged values.</li>
 *   <li>Everything else (required actions, other attributes, Keycloak-side roles, groups, credentials) is Keycloak's
 *       own data of the user.</li>
 * </ul>
 */
public final class LinkedLegacyUser extends UserModelDelegate {

    private static final Logger LOG = Logger.getLogger(LinkedLegacyUser.class);

    private final LegacyStoreConfig config;
    private final LegacyUserRepository repository;
    private final Consumer<LegacyUser> rowWritten;
    private LegacyUser row;

    /**
     * @param rowWritten told about the row after every write made through this user (the session's row cache)
     */
    public LinkedLegacyUser(UserModel local, LegacyStoreConfig config, LegacyUserRepository repository, LegacyUser row,
                            Consumer<LegacyUser> rowWritten) {
        super(local);
        this.config = config;
        this.repository = repository;
        this.row = row;
        this.rowWritten = rowWritten;
    }

    /** The legacy row this user was last brought in step with. */
    public LegacyUser row() {
        return row;
    }

    @Override
    public void setUsername(String username) {
        if (username != null && username.equalsIgnoreCase(row.username())) {
            return;
        }
        throw new ReadOnlyException("The username of a legacy user cannot be changed in Keycloak");
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
        return config.trustEmail() && getEmail() != null && config.schema().emailColumn() != null
                || super.isEmailVerified();
    }

    @Override
    public void setEmail(String email) {
        if (config.schema().emailColumn() == null) {
            super.setEmail(email);
        } else if (!same(ProfileField.EMAIL, getEmail(), email)) {
            write(ProfileField.EMAIL, blankToNull(email));
            super.setEmail(email);
        }
    }

    @Override
    public void setFirstName(String firstName) {
        if (config.schema().firstNameColumn() == null) {
            super.setFirstName(firstName);
        } else if (!same(ProfileField.FIRST_NAME, getFirstName(), firstName)) {
            write(ProfileField.FIRST_NAME, blankToNull(firstName));
            super.setFirstName(firstName);
        }
    }

    @Override
    public void setLastName(String lastName) {
        if (config.schema().lastNameColumn() == null) {
            super.setLastName(lastName);
        } else if (!same(ProfileField.LAST_NAME, getLastName(), lastName)) {
            write(ProfileField.LAST_NAME, blankToNull(lastName));
            super.setLastName(lastName);
        }
    }

    @Override
    public void setSingleAttribute(String name, String value) {
        switch (owner(name)) {
            case EMAIL -> setEmail(value);
            case FIRST_NAME -> setFirstName(value);
            case LAST_NAME -> setLastName(value);
            case LEGACY -> refuseUnlessSame(name, value);
            case KEYCLOAK -> super.setSingleAttribute(name, value);
        }
    }

    @Override
    public void setAttribute(String name, List<String> values) {
        String first = values == null || values.isEmpty() ? null : values.get(0);
        if (owner(name) == Owner.KEYCLOAK) {
            super.setAttribute(name, values);
        } else {
            setSingleAttribute(name, first);
        }
    }

    @Override
    public void removeAttribute(String name) {
        if (owner(name) == Owner.KEYCLOAK) {
            super.removeAttribute(name);
        } else {
            setSingleAttribute(name, null);
        }
    }

    private enum Owner { EMAIL, FIRST_NAME, LAST_NAME, LEGACY, KEYCLOAK }

    private Owner owner(String name) {
        if (name == null) {
            return Owner.KEYCLOAK;
        }
        if (UserModel.USERNAME.equals(name)) {
            return Owner.LEGACY;
        }
        if (UserModel.EMAIL.equals(name) && config.schema().emailColumn() != null) {
            return Owner.EMAIL;
        }
        if (UserModel.FIRST_NAME.equals(name) && config.schema().firstNameColumn() != null) {
            return Owner.FIRST_NAME;
        }
        if (UserModel.LAST_NAME.equals(name) && config.schema().lastNameColumn() != null) {
            return Owner.LAST_NAME;
        }
        if (LegacyIdentity.LEGACY_ID.equals(name) || LegacyIdentity.LEGACY_USERNAME.equals(name)
                || LegacyIdentity.LEGACY_COMPONENT.equals(name) || config.schema().attributeColumns().contains(name)) {
            return Owner.LEGACY;
        }
        return Owner.KEYCLOAK;
    }

    private void refuseUnlessSame(String name, String value) {
        if (UserModel.USERNAME.equals(name)) {
            setUsername(value);
            return;
        }
        if (!Objects.equals(blankToNull(getFirstAttribute(name)), blankToNull(value))) {
            throw new ReadOnlyException("Attribute '" + name + "' comes from the legacy database and is read-only");
        }
    }

    private boolean same(ProfileField field, String current, String value) {
        String a = blankToNull(current);
        String b = blankToNull(value);
        return field == ProfileField.EMAIL ? (a == null ? b == null : a.equalsIgnoreCase(b)) : Objects.equals(a, b);
    }

    /** Writes one field to the legacy row (WRITABLE only); the caller then updates Keycloak's copy. */
    private void write(ProfileField field, Object value) {
        if (config.editMode() != LegacyEditMode.WRITABLE) {
            throw new ReadOnlyException(field.name().toLowerCase(Locale.ROOT).replace('_', ' ') + " comes from the "
                    + "legacy database and is read-only in mode " + config.editMode());
        }
        boolean updated;
        try {
            updated = repository.writes().updateField(row.id(), field, value);
        } catch (LegacyStoreException e) {
            LOG.warnf("Could not write %s of legacy user [%s]: %s", field, row.id(), e.getMessage());
            if (e.constraintViolation()) {
                throw new ReadOnlyException("The legacy table refused this value for " + field.name()
                        .toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " (a constraint of the legacy "
                        + "database; the server log names it)");
            }
            throw new ReadOnlyException("The legacy database is unavailable; try again later");
        }
        if (!updated) {
            throw new ReadOnlyException("The legacy row of this user no longer exists");
        }
        row = switch (field) {
            case EMAIL -> row.withProfile((String) value, row.firstName(), row.lastName(), row.active());
            case FIRST_NAME -> row.withProfile(row.email(), (String) value, row.lastName(), row.active());
            case LAST_NAME -> row.withProfile(row.email(), row.firstName(), (String) value, row.active());
            case ACTIVE -> row.withProfile(row.email(), row.firstName(), row.lastName(), (Boolean) value);
        };
        rowWritten.accept(row);
        LOG.infof("Wrote %s of legacy user [%s] (Keycloak id [%s]) back to the legacy database", field, row.id(),
                getId());
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
