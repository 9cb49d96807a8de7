package dev.legacybridge.keycloak.migration;

import dev.legacybridge.keycloak.config.LegacyStoreConfig;
import dev.legacybridge.keycloak.credential.LegacyPasswordHashProviderFactory;
import dev.legacybridge.store.LegacyUser;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.jboss.logging.Logger;
import org.keycloak.credential.hash.PasswordHashProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.PasswordPolicy;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserCredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.policy.PasswordPolicyManagerProvider;
import org.keycloak.policy.PolicyError;

/**
 * Brings legacy rows into Keycloak's own store, in the two steps every legacy user goes through (see
 * {@link LegacyIdentity} for the id both steps use):
 * <ol>
 *   <li><b>linked</b> ({@link #importLinked}): the first time Keycloak meets a row (a login, an admin opening the
 *       user), it gets a Keycloak user with a federation link to the component. The legacy table stays the source of
 *       truth: {@link #sync} copies the row's profile, roles and groups into it again on every lookup, and its
 *       password is checked against the legacy hash by the provider;</li>
 *   <li><b>migrated</b> ({@link #migrateLinked}, {@link #migrateInSession}): in mode MIGRATE, after a verified login,
 *       a password change or bulk migration, the link is removed and the password becomes a Keycloak credential. The
 *       user keeps its id; the provider never sees it again, and it keeps working without the provider.</li>
 * </ol>
 *
 * <p>Concurrency: a first import runs in its own transaction under a per-username lock, so parallel first logins on
 * one node make one user, and on several nodes the loser of the primary key finds the winner's user. Migration claims
 * the link with a conditional update ({@link LocalUsers#claimForMigration}), so exactly one of several concurrent
 * migrations sets the password.
 */
public final class LegacyUserImporter {

    private static final Logger LOG = Logger.getLogger(LegacyUserImporter.class);
    private static final ReentrantLock[] LOCKS = new ReentrantLock[64];

    static {
        for (int i = 0; i < LOCKS.length; i++) {
            LOCKS[i] = new ReentrantLock();
        }
    }

    private LegacyUserImporter() {
    }

    /** How a migrated user's password is set. */
    public sealed interface PasswordSource permits Plaintext, LegacyHash, StandardFormHash {
    }

    /**
     * A password the user typed. At a login migration it was just verified against the legacy hash and may break the
     * realm's password policy (it is stored, and UPDATE_PASSWORD is required); a new password set in Keycloak was
     * checked against the policy before anything was written.
     */
    public record Plaintext(String password) implements PasswordSource {
        @Override
        public String toString() {
            return "Plaintext[****]";
        }
    }

    /** Bulk migration: the legacy hash itself, verified later by {@link LegacyPasswordHashProviderFactory}. */
    public record LegacyHash(String storedHash, String scheme) implements PasswordSource {
        @Override
        public String toString() {
            return "LegacyHash[scheme=" + scheme + "]";
        }
    }

    /**
     * Bulk migration of a hash that is plain PBKDF2 or Argon2 underneath: stored as Keycloak's own credential
     * ({@link dev.legacybridge.keycloak.credential.NativeCredentials}) when this server verifies it the same way, else as
     * a {@code legacy-hash} credential like {@link LegacyHash}.
     */
    public record StandardFormHash(String storedHash, String scheme, dev.legacybridge.hash.StandardHash standard)
            implements PasswordSource {
        @Override
        public String toString() {
            return "StandardFormHash[scheme=" + scheme + "]";
        }
    }

    /**
     * @param userId     the Keycloak id of the user
     * @param created    whether this call migrated (or created) the user; false when it already was
     * @param policyNote why the user must update the password at next login, or null
     */
    public record Result(String userId, boolean created, String policyNote) {
    }

    /** A Keycloak user of that username exists and is not this legacy row: never merge two people. */
    public static final class UsernameTakenException extends org.keycloak.models.ModelException {
        private static final long serialVersionUID = 1L;

        UsernameTakenException(String message) {
            super(message);
        }
    }

    // ------------------------------------------------------------------ linked

    /**
     * The Keycloak id of the user standing for {@code row}, importing it as a linked user first if Keycloak has never
     * seen it, in a transaction of its own that is committed when this returns.
     *
     * @return the user's id: {@link LegacyIdentity#keycloakId}, or the id of a user an earlier version migrated with
     *         the same legacy id; null when the row's username belongs to somebody else in Keycloak
     */
    public static String importLinked(KeycloakSessionFactory factory, String realmId, String componentId,
                                      LegacyStoreConfig config, LegacyUser row, Supplier<List<String>> legacyGroups) {
        String keycloakId = LegacyIdentity.keycloakId(componentId, row.id());
        ReentrantLock lock = lockFor(realmId, row);
        lock.lock();
        try {
            try {
                return KeycloakModelUtils.runJobInTransactionWithResult(factory, session -> {
                    RealmModel realm = session.realms().getRealm(realmId);
                    session.getContext().setRealm(realm);
                    if (LocalUsers.byId(session, realm, keycloakId) != null) {
                        return keycloakId;
                    }
                    UserModel sameName = LocalUsers.byUsername(session, realm, row.username());
                    if (sameName != null) {
                        return sameOrNull(sameName, row);
                    }
                    UserModel user = LocalUsers.store(session).addUser(realm, keycloakId,
                            row.username().toLowerCase(Locale.ROOT), true, true);
                    user.setFederationLink(componentId);
                    // Keycloak's side of "enabled"; the legacy active flag is read live (LinkedLegacyUser#isEnabled).
                    user.setEnabled(true);
                    if (row.created() != null) {
                        user.setCreatedTimestamp(row.created().toEpochMilli());
                    }
                    UserFromRow.applyProfile(session, realm, user, config, componentId, row);
                    UserFromRow.applyAuthorities(session, realm, user, config, row, legacyGroups, true);
                    LOG.debugf("Imported legacy user [%s] as Keycloak user [%s], linked to component [%s]", row.id(),
                            keycloakId, componentId);
                    return keycloakId;
                });
            } catch (ModelDuplicateException e) {
                // Another node imported the same row between our check and our commit: same id, same user.
                return KeycloakModelUtils.runJobInTransactionWithResult(factory, session -> {
                    RealmModel realm = session.realms().getRealm(realmId);
                    if (LocalUsers.byId(session, realm, keycloakId) != null) {
                        return keycloakId;
                    }
                    UserModel sameName = LocalUsers.byUsername(session, realm, row.username());
                    if (sameName == null) {
                        throw e;
                    }
                    return sameOrNull(sameName, row);
                });
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Keeps a linked user in step with its legacy row, in the caller's transaction; writes only what changed.
     *
     * @param authorities whether to sync roles and groups too (they need the legacy groups, one more query)
     */
    public static void sync(KeycloakSession session, RealmModel realm, UserModel linked, LegacyStoreConfig config,
                            String componentId, LegacyUser row, Supplier<List<String>> legacyGroups,
                            boolean authorities) {
        UserFromRow.applyProfile(session, realm, linked, config, componentId, row);
        if (authorities) {
            UserFromRow.applyAuthorities(session, realm, linked, config, row, legacyGroups, true);
        }
    }

    // ------------------------------------------------------------------ migrated

    /**
     * Migrates a linked user in the caller's transaction: the link goes, the row's profile, roles and groups stay as
     * ordinary Keycloak data, the password becomes a Keycloak credential. Does nothing (and says so) when another
     * login, node or bulk run migrated the user first.
     */
    public static Result migrateLinked(KeycloakSession session, RealmModel realm, String userId, String componentId,
                                       LegacyStoreConfig config, LegacyUser row, List<String> legacyGroups,
                                       PasswordSource password) {
        return migrateLinked(session, realm, userId, componentId, config, row, legacyGroups, password,
                MfaCarryOver.Input.NONE);
    }

    /** As above, carrying the row's second factors over too ({@link MfaCarryOver}). */
    public static Result migrateLinked(KeycloakSession session, RealmModel realm, String userId, String componentId,
                                       LegacyStoreConfig config, LegacyUser row, List<String> legacyGroups,
                                       PasswordSource password, MfaCarryOver.Input mfa) {
        if (!LocalUsers.claimForMigration(session, realm, userId, componentId)) {
            return new Result(userId, false, null);
        }
        UserModel user = LocalUsers.byId(session, realm, userId);
        String note = finishMigration(session, realm, user, config, componentId, row, legacyGroups, password, mfa);
        return new Result(userId, true, note);
    }

    /**
     * Bulk migration of one row in the caller's transaction (a chunk of rows shares one): a linked user is migrated,
     * a row Keycloak never saw becomes a migrated user with the id a login would have given it, a migrated one is
     * left alone.
     *
     * @param byId   the user of the row's {@link LegacyIdentity#keycloakId}, looked up before the chunk's first write
     * @param byName the user holding the row's username, looked up likewise
     * @throws UsernameTakenException when the username belongs to another person
     */
    static Result migrateInSession(KeycloakSession session, RealmModel realm, String componentId,
                                   LegacyStoreConfig config, LegacyUser row, PasswordSource password,
                                   List<String> legacyGroups, UserModel byId, UserModel byName) {
        return migrateInSession(session, realm, componentId, config, row, password, legacyGroups, byId, byName,
                MfaCarryOver.Input.NONE);
    }

    /** As above, carrying the row's second factors over too. */
    static Result migrateInSession(KeycloakSession session, RealmModel realm, String componentId,
                                   LegacyStoreConfig config, LegacyUser row, PasswordSource password,
                                   List<String> legacyGroups, UserModel byId, UserModel byName,
                                   MfaCarryOver.Input mfa) {
        if (byId != null) {
            if (componentId.equals(byId.getFederationLink())) {
                return migrateLinked(session, realm, byId.getId(), componentId, config, row, legacyGroups, password,
                        mfa);
            }
            return new Result(byId.getId(), false, null);
        }
        if (byName != null) {
            if (row.id().equals(byName.getFirstAttribute(LegacyIdentity.LEGACY_ID))) {
                return new Result(byName.getId(), false, null); // migrated by an earlier version
            }
            throw new UsernameTakenException("the username '" + row.username().toLowerCase(Locale.ROOT)
                    + "' already belongs to another Keycloak user (id " + byName.getId() + ")");
        }
        String keycloakId = LegacyIdentity.keycloakId(componentId, row.id());
        UserModel user = LocalUsers.store(session).addUser(realm, keycloakId, row.username().toLowerCase(Locale.ROOT),
                true, true);
        user.setEnabled(true);
        if (row.created() != null) {
            user.setCreatedTimestamp(row.created().toEpochMilli());
        }
        String note = finishMigration(session, realm, user, config, componentId, row, legacyGroups, password, mfa);
        return new Result(keycloakId, true, note);
    }

    private static String finishMigration(KeycloakSession session, RealmModel realm, UserModel user,
                                          LegacyStoreConfig config, String componentId, LegacyUser row,
                                          List<String> legacyGroups, PasswordSource password,
                                          MfaCarryOver.Input mfa) {
        UserFromRow.applyProfile(session, realm, user, config, componentId, row);
        MfaCarryOver.apply(realm, user, row.id(), mfa);
        UserFromRow.applyAuthorities(session, realm, user, config, row, () -> legacyGroups, false);
        if (!row.active()) {
            user.setEnabled(false); // the legacy app's deactivation becomes Keycloak's own
        }
        if (password instanceof Plaintext plaintext) {
            return setPassword(session, realm, user, plaintext.password());
        }
        if (password instanceof LegacyHash legacy) {
            user.credentialManager().createStoredCredential(
                    LegacyPasswordHashProviderFactory.credentialOf(legacy.storedHash(), legacy.scheme()));
        }
        if (password instanceof StandardFormHash translated) {
            user.credentialManager().createStoredCredential(dev.legacybridge.keycloak.credential.NativeCredentials
                    .of(session.getKeycloakSessionFactory(), translated.standard())
                    .orElseGet(() -> LegacyPasswordHashProviderFactory.credentialOf(translated.storedHash(),
                            translated.scheme())));
        }
        return null;
    }

    /**
     * Stores the password under the realm's hash policy. A legacy password that breaks the realm's password policy
     * (too short, say) still logs in this once: it is stored without the policy check and the user must choose a new
     * one (UPDATE_PASSWORD required action). New passwords set in Keycloak never get here unchecked: the provider
     * checks them against the policy before anything is written.
     */
    private static String setPassword(KeycloakSession session, RealmModel realm, UserModel user, String password) {
        PolicyError error = session.getProvider(PasswordPolicyManagerProvider.class).validate(realm, user, password);
        if (error == null) {
            user.credentialManager().updateCredential(UserCredentialModel.password(password, false));
            return null;
        }
        PasswordPolicy policy = realm.getPasswordPolicy();
        PasswordHashProvider hash = policy != null && policy.getHashAlgorithm() != null
                ? session.getProvider(PasswordHashProvider.class, policy.getHashAlgorithm())
                : session.getProvider(PasswordHashProvider.class);
        PasswordCredentialModel credential = hash.encodedCredential(password,
                policy != null ? policy.getHashIterations() : -1);
        credential.setCreatedDate(org.keycloak.common.util.Time.currentTimeMillis());
        user.credentialManager().createStoredCredential(credential);
        user.addRequiredAction(UserModel.RequiredAction.UPDATE_PASSWORD);
        return error.getMessage();
    }

    private static String sameOrNull(UserModel sameName, LegacyUser row) {
        if (row.id().equals(sameName.getFirstAttribute(LegacyIdentity.LEGACY_ID))) {
            return sameName.getId(); // migrated by an earlier version of the provider, under another id
        }
        LOG.warnf("Legacy user [%s]: the username belongs to Keycloak user [%s], who is somebody else; the legacy row "
                + "is ignored until the data is fixed", row.id(), sameName.getId());
        return null;
    }

    /** The top-level group of that name, created if missing. */
    public static org.keycloak.models.GroupModel ensureTopLevelGroup(KeycloakSession session, RealmModel realm,
                                                                      String name) {
        return UserFromRow.ensureTopLevelGroup(session, realm, name);
    }

    private static ReentrantLock lockFor(String realmId, LegacyUser row) {
        return LOCKS[Math.floorMod((realmId + '\n' + row.username().toLowerCase(Locale.ROOT)).hashCode(), LOCKS.length)];
    }
}
