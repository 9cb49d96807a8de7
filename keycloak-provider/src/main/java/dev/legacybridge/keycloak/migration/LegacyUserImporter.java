package dev.legacybridge.keycloak.migration;

import dev.legacybridge.keycloak.config.LegacyGroupsAs;
import dev.legacybridge.keycloak.config.LegacyStoreConfig;
import dev.legacybridge.keycloak.credential.LegacyPasswordHashProviderFactory;
import dev.legacybridge.keycloak.user.LegacyAuthorities;
import dev.legacybridge.keycloak.user.LegacyUserAdapter;
import dev.legacybridge.store.LegacyUser;
import dev.legacybridge.store.LegacyUserRepository;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;
import org.keycloak.credential.hash.PasswordHashProvider;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.PasswordPolicy;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserCredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserProvider;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.policy.PasswordPolicyManagerProvider;
import org.keycloak.policy.PolicyError;
import org.keycloak.storage.UserStoragePrivateUtil;

/**
 * Copies one legacy user into Keycloak's own user store. The only class that touches Keycloak's private local-storage
 * and credential APIs.
 *
 * <p>Every import runs in its own Keycloak transaction, committed before this class returns: the user, its
 * attributes, roles, groups and password appear together or not at all, and a failure halfway leaves nothing behind.
 * The created user has no federation link, so later logins never reach the legacy table and the user keeps working
 * when the provider is disabled or removed.
 *
 * <p>Imports are idempotent: if a local user with that username already exists (a concurrent first login, an earlier
 * bulk run), nothing is written and its id is returned. Concurrent imports of one user in this JVM are serialised by
 * a striped lock; across cluster nodes the database's unique username constraint decides, and the loser finds the
 * winner's user.
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

    /** How the imported user's password is set. */
    public sealed interface PasswordSource permits Plaintext, LegacyHash {
    }

    /** MIGRATE on login: the password the user just typed, verified against the legacy hash. */
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
     * @param userId     the Keycloak id of the local user
     * @param created    false when the user already existed and nothing was written
     * @param policyNote why the user must update the password at next login, or null
     */
    public record Result(String userId, boolean created, String policyNote) {
    }

    /**
     * Imports {@code row} in a new transaction of {@code factory}.
     *
     * @throws RuntimeException when Keycloak could not store the user; nothing was stored then
     */
    public static Result importUser(KeycloakSessionFactory factory, String realmId, LegacyStoreConfig config,
                                    LegacyUserRepository repository, LegacyUser row, PasswordSource password) {
        String username = row.username().toLowerCase(Locale.ROOT);
        ReentrantLock lock = LOCKS[Math.floorMod((realmId + '\n' + username).hashCode(), LOCKS.length)];
        lock.lock();
        try {
            try {
                return KeycloakModelUtils.runJobInTransactionWithResult(factory,
                        session -> {
                            RealmModel realm = session.realms().getRealm(realmId);
                            session.getContext().setRealm(realm);
                            List<String> groups = config.legacyGroupsAs() == LegacyGroupsAs.NONE ? List.of()
                                    : repository.groupNamesOf(row.id());
                            return importInSession(session, realm, config, row, password, groups);
                        });
            } catch (ModelDuplicateException e) {
                // Another node created the user between our check and our commit: theirs is as good as ours.
                String existing = KeycloakModelUtils.runJobInTransactionWithResult(factory, session -> {
                    RealmModel realm = session.realms().getRealm(realmId);
                    UserModel user = UserStoragePrivateUtil.userLocalStorage(session).getUserByUsername(realm, username);
                    return user == null ? null : user.getId();
                });
                if (existing == null) {
                    throw e;
                }
                return new Result(existing, false, null);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Imports {@code row} inside the caller's transaction (bulk migration batches several rows per transaction).
     *
     * @param legacyGroups the row's legacy group names, already read
     */
    static Result importInSession(KeycloakSession session, RealmModel realm, LegacyStoreConfig config, LegacyUser row,
                                  PasswordSource password, List<String> legacyGroups) {
        UserModel existing = findLocal(session, realm, row);
        return importInSession(session, realm, config, row, password, legacyGroups, existing);
    }

    /** The Keycloak user that already holds {@code row}'s username (lower-cased, as Keycloak stores it), or null. */
    static UserModel findLocal(KeycloakSession session, RealmModel realm, LegacyUser row) {
        return UserStoragePrivateUtil.userLocalStorage(session)
                .getUserByUsername(realm, row.username().toLowerCase(Locale.ROOT));
    }

    /**
     * As above, with the local user of that username already looked up ({@link #findLocal}). Bulk migration looks all
     * of a transaction's usernames up before its first write: each query after a write makes Hibernate flush the
     * whole persistence context first, which made the per-user cost grow with the transaction's size.
     */
    static Result importInSession(KeycloakSession session, RealmModel realm, LegacyStoreConfig config, LegacyUser row,
                                  PasswordSource password, List<String> legacyGroups, UserModel existing) {
        UserProvider local = UserStoragePrivateUtil.userLocalStorage(session);
        String username = row.username().toLowerCase(Locale.ROOT);

        if (existing != null) {
            if (row.id().equals(existing.getFirstAttribute(LegacyUserAdapter.LEGACY_ID))) {
                return new Result(existing.getId(), false, null); // migrated before (or by a concurrent login)
            }
            throw new UsernameTakenException("the username '" + username + "' already belongs to another Keycloak "
                    + "user (id " + existing.getId() + ")");
        }

        UserModel user = local.addUser(realm, null, username, true, true);
        user.setEnabled(row.active());
        if (row.email() != null && config.schema().emailColumn() != null) {
            user.setEmail(row.email());
            user.setEmailVerified(config.trustEmail());
        }
        if (row.firstName() != null) {
            user.setFirstName(row.firstName());
        }
        if (row.lastName() != null) {
            user.setLastName(row.lastName());
        }
        if (row.created() != null) {
            user.setCreatedTimestamp(row.created().toEpochMilli());
        }
        user.setSingleAttribute(LegacyUserAdapter.LEGACY_ID, row.id());
        user.setSingleAttribute(LegacyUserAdapter.LEGACY_USERNAME, row.username());
        row.attributes().forEach(user::setSingleAttribute);

        for (String roleName : LegacyAuthorities.roleNames(config, row, () -> legacyGroups)) {
            RoleModel role = realm.getRole(roleName);
            if (role != null) {
                user.grantRole(role);
            } else {
                LOG.warnf("Realm [%s] has no role [%s] for migrated legacy user [%s]; not granted", realm.getName(),
                        roleName, row.id());
            }
        }
        for (String groupName : LegacyAuthorities.groupNames(config, () -> legacyGroups)) {
            user.joinGroup(ensureTopLevelGroup(session, realm, groupName));
        }

        String policyNote = null;
        if (password instanceof Plaintext plaintext) {
            policyNote = setPassword(session, realm, user, plaintext.password());
        } else if (password instanceof LegacyHash legacy) {
            user.credentialManager().createStoredCredential(
                    LegacyPasswordHashProviderFactory.credentialOf(legacy.storedHash(), legacy.scheme()));
        }
        return new Result(user.getId(), true, policyNote);
    }

    /**
     * Stores the password under the realm's hash policy. A legacy password that breaks the realm's password policy
     * (too short, say) still logs in this once: it is stored without the policy check and the user must choose a new
     * one (UPDATE_PASSWORD required action).
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

    /** A local user of that username exists and is not this legacy row: never merge two people. */
    public static final class UsernameTakenException extends org.keycloak.models.ModelException {
        private static final long serialVersionUID = 1L;

        UsernameTakenException(String message) {
            super(message);
        }
    }

    /** The top-level group of that name, created if missing. */
    public static GroupModel ensureTopLevelGroup(KeycloakSession session, RealmModel realm, String name) {
        GroupModel group = KeycloakModelUtils.findGroupByPath(session, realm, "/" + name);
        return group != null ? group : session.groups().createGroup(realm, name);
    }
}
