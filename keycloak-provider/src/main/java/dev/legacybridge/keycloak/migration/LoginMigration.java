package dev.legacybridge.keycloak.migration;

import dev.legacybridge.keycloak.config.LegacyStoreConfig;
import dev.legacybridge.store.LegacyStoreException;
import dev.legacybridge.store.LegacyUser;
import dev.legacybridge.store.LegacyUserRepository;
import java.util.List;
import org.jboss.logging.Logger;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Mode MIGRATE, one user at a time: a linked user becomes Keycloak's own after a verified legacy password or a new
 * password chosen in Keycloak, in the request's own transaction (see {@link LegacyUserImporter#migrateLinked}). The
 * user keeps its id, so its tokens keep their {@code sub}; the legacy row's migrated flag is set if a column is
 * mapped.
 */
public final class LoginMigration {

    private static final Logger LOG = Logger.getLogger(LoginMigration.class);

    private LoginMigration() {
    }

    /**
     * After the legacy hash matched {@code password} (which may break the realm's policy: UPDATE_PASSWORD then).
     *
     * @return whether this call migrated the user (false: a concurrent request did)
     */
    public static boolean afterVerifiedPassword(KeycloakSession session, RealmModel realm, ComponentModel model,
                                             LegacyStoreConfig config, LegacyUserRepository repository, String userId,
                                             LegacyUser row, List<String> legacyGroups, String password,
                                             String legacyScheme) {
        MfaCarryOver.Input mfa = secondFactors(session, config, repository, row);
        if (mfa == null) {
            return false;
        }
        LegacyUserImporter.Result result = LegacyUserImporter.migrateLinked(session, realm, userId, model.getId(),
                config, row, legacyGroups, new LegacyUserImporter.Plaintext(password), mfa);
        if (result.created()) {
            LOG.infof("Migrated legacy user [%s] into Keycloak as [%s] on login (legacy scheme [%s])%s", row.id(),
                    userId, legacyScheme, result.policyNote() == null ? ""
                            : "; the password breaks the realm's password policy, so UPDATE_PASSWORD is required");
            markMigrated(config, repository, row);
        }
        return result.created();
    }

    /**
     * After a new password that already passed the realm's policy (admin reset, forgot password, ...).
     *
     * @return whether this call migrated the user
     */
    public static boolean afterNewPassword(KeycloakSession session, RealmModel realm, ComponentModel model,
                                        LegacyStoreConfig config, LegacyUserRepository repository, String userId,
                                        LegacyUser row, List<String> legacyGroups, String password) {
        MfaCarryOver.Input mfa = secondFactors(session, config, repository, row);
        if (mfa == null) {
            throw new org.keycloak.models.ModelException("The legacy user's second factors cannot be read; the "
                    + "password was not changed. Try again later.");
        }
        LegacyUserImporter.Result result = LegacyUserImporter.migrateLinked(session, realm, userId, model.getId(),
                config, row, legacyGroups, new LegacyUserImporter.Plaintext(password), mfa);
        if (result.created()) {
            LOG.infof("Migrated legacy user [%s] into Keycloak as [%s] on password change", row.id(), userId);
            markMigrated(config, repository, row);
        } else {
            LOG.warnf("Legacy user [%s] was migrated by a concurrent request; its new password was not stored",
                    row.id());
        }
        return result.created();
    }

    /**
     * The row's second factors, when the component carries them over; {@link MfaCarryOver.Input#NONE} when it does
     * not; null when they cannot be read now (legacy database or vault unavailable). Without them the user is not
     * migrated: migrating would drop a second factor, so the user stays linked and the next login tries again.
     */
    static MfaCarryOver.Input secondFactors(KeycloakSession session, LegacyStoreConfig config,
                                            LegacyUserRepository repository, LegacyUser row) {
        if (!config.otp().enabled()) {
            return MfaCarryOver.Input.NONE;
        }
        try {
            return new MfaCarryOver.Input(repository.otpDevices(config.otp()).ofUser(row.id()),
                    OtpKeys.of(session, config));
        } catch (LegacyStoreException | IllegalStateException e) {
            LOG.warnf("Legacy user [%s] not migrated on this login: its second factors cannot be read (%s)", row.id(),
                    e.getMessage());
            return null;
        }
    }

    static void markMigrated(LegacyStoreConfig config, LegacyUserRepository repository, LegacyUser row) {
        if (config.schema().migratedColumn() == null) {
            return;
        }
        try {
            repository.writes().markMigrated(row.id());
        } catch (LegacyStoreException e) {
            // The Keycloak user exists and works; the flag is bookkeeping for the legacy side.
            LOG.warnf("Could not set the migrated flag of legacy user [%s]: %s", row.id(), e.getMessage());
        }
    }
}
