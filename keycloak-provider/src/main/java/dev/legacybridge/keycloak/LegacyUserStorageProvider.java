package dev.legacybridge.keycloak;

import dev.legacybridge.hash.EncodingTarget;
import dev.legacybridge.hash.PasswordEncoders;
import dev.legacybridge.hash.VerificationResult;
import dev.legacybridge.keycloak.config.LegacyEditMode;
import dev.legacybridge.keycloak.config.LegacyGroupsAs;
import dev.legacybridge.keycloak.config.LegacyStoreConfig;
import dev.legacybridge.keycloak.config.UsernameCase;
import dev.legacybridge.keycloak.migration.LegacyUserImporter;
import dev.legacybridge.keycloak.pool.LegacyDatabase;
import dev.legacybridge.keycloak.user.LegacyUserAdapter;
import dev.legacybridge.store.LegacyStoreException;
import dev.legacybridge.store.LegacyUser;
import dev.legacybridge.store.LegacyUserRepository;
import dev.legacybridge.store.UserSearch;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jboss.logging.Logger;
import org.keycloak.component.ComponentModel;
import org.keycloak.credential.CredentialInput;
import org.keycloak.credential.CredentialInputUpdater;
import org.keycloak.credential.CredentialInputValidator;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.cache.UserCache;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.storage.ReadOnlyException;
import org.keycloak.storage.StorageId;
import org.keycloak.storage.UserStoragePrivateUtil;
import org.keycloak.storage.UserStorageProvider;
import org.keycloak.storage.user.UserLookupProvider;
import org.keycloak.storage.user.UserQueryProvider;
import org.keycloak.userprofile.AttributeGroupMetadata;
import org.keycloak.userprofile.AttributeMetadata;
import org.keycloak.userprofile.UserProfileDecorator;
import org.keycloak.userprofile.UserProfileMetadata;
import org.keycloak.userprofile.UserProfileUtil;

/**
 * Users of a legacy SQL table, for one Keycloak session. Thin: lookups and searches go to the
 * {@link LegacyUserRepository}, passwords to the hashing package, migration to {@link LegacyUserImporter}; the pool and
 * parsed configuration live in the factory's {@link LegacyDatabase}.
 *
 * <p>SPI contract, as Keycloak's LDAP provider keeps it:
 * <ul>
 *   <li>unknown user: {@code null}; wrong password: {@code false};</li>
 *   <li>a stored hash that is malformed, of an unknown format or refused by the policy: a warning naming the user id
 *       and scheme (never the hash), then {@code false};</li>
 *   <li>the legacy database failing: one warning line, then {@link LegacyStoreFailures.Unavailable} from lookups by
 *       username or email and from searches (Keycloak degrades gracefully: the user is not found, {@code invalid_grant})
 *       and {@link LegacyStoreFailures.TemporarilyUnavailable} from lookups by id, password checks and writes (HTTP 503
 *       {@code temporarily_unavailable}). Never a silent {@code false}, which would count as a failed login.</li>
 * </ul>
 *
 * <p>Timing: a login with an unknown username costs the same as one with a wrong password; see {@link LoginTiming}.
 */
public final class LegacyUserStorageProvider implements UserStorageProvider, UserLookupProvider, UserQueryProvider,
        CredentialInputValidator, CredentialInputUpdater, UserProfileDecorator {

    private static final Logger LOG = Logger.getLogger(LegacyUserStorageProvider.class);

    private final KeycloakSession session;
    private final ComponentModel model;
    private final LegacyDatabase database;
    private final LegacyStoreConfig config;
    private final LegacyUserRepository repository;
    private final LoginTiming timing;

    /** Why the component cannot be used (invalid configuration, missing vault secret), or null. */
    private final String unusableReason;

    LegacyUserStorageProvider(KeycloakSession session, ComponentModel model, LegacyDatabase database) {
        this.session = session;
        this.model = model;
        this.database = database;
        this.config = database.config();
        this.repository = database.repository();
        this.timing = new LoginTiming(session, database);
        this.unusableReason = null;
    }

    /**
     * A provider for a component that cannot be used right now. Keycloak creates providers for many operations
     * (deleting a realm, listing users); this one lets them proceed, and answers lookups and logins with "storage
     * unavailable" so Keycloak degrades gracefully.
     */
    LegacyUserStorageProvider(KeycloakSession session, ComponentModel model, String unusableReason) {
        this.session = session;
        this.model = model;
        this.database = null;
        this.config = null;
        this.repository = null;
        this.timing = null;
        this.unusableReason = unusableReason;
    }

    private void requireUsable() {
        if (unusableReason != null) {
            throw new LegacyStoreFailures.Unavailable("Legacy user storage '" + model.getName() + "' cannot be used: "
                    + unusableReason);
        }
    }

    // ------------------------------------------------------------------ lookups

    @Override
    public UserModel getUserById(RealmModel realm, String id) {
        if (unusableReason != null) {
            // As for a database failure below: Keycloak has no graceful degradation for lookups by id.
            LOG.debugf("Legacy user storage [%s] cannot be used: %s", model.getName(), unusableReason);
            throw new LegacyStoreFailures.TemporarilyUnavailable();
        }
        String externalId = StorageId.externalId(id);
        // Keycloak has no graceful degradation for lookups by id (it holds the id of a user it already knows), so a
        // database failure here is answered as "temporarily unavailable".
        Optional<LegacyUser> row = required("find user by id", () -> repository.findById(externalId));
        if (row.isEmpty()) {
            return null;
        }
        if (config.editMode() == LegacyEditMode.MIGRATE) {
            // Once migrated, the local user is the user: also when something still holds the federated id, such as
            // the authentication session of the very login that migrated it.
            UserModel local = UserStoragePrivateUtil.userLocalStorage(session).getUserByUsername(realm,
                    row.get().username().toLowerCase(Locale.ROOT));
            if (local != null && local.getFederationLink() == null) {
                return local;
            }
        }
        return adapter(realm, row.get());
    }

    /** Longer than any real login name; such input is answered without a query. */
    private static final int MAX_LOOKUP_LENGTH = 512;

    @Override
    public UserModel getUserByUsername(RealmModel realm, String username) {
        requireUsable();
        if (!plausible(username)) {
            timing.afterLookupMiss();
            return null;
        }
        boolean insensitive = config.usernameCase() == UsernameCase.INSENSITIVE;
        List<LegacyUser> rows = read("find user by username", () -> repository.findByUsername(username, insensitive));
        return single(realm, rows, "username");
    }

    @Override
    public UserModel getUserByEmail(RealmModel realm, String email) {
        requireUsable();
        if (!config.loginWithEmail() || !plausible(email)) {
            return null;
        }
        List<LegacyUser> rows = read("find user by email", () -> repository.findByEmail(email));
        return single(realm, rows, "email");
    }

    /**
     * Input no legacy row can match (empty, NUL characters, absurdly long) is not sent to the database: PostgreSQL
     * rejects NUL in text parameters with an error that would look like an outage.
     */
    private static boolean plausible(String value) {
        return value != null && !value.isEmpty() && value.length() <= MAX_LOOKUP_LENGTH && value.indexOf(0) < 0;
    }

    private UserModel single(RealmModel realm, List<LegacyUser> rows, String what) {
        if (rows.size() == 1) {
            return adapter(realm, rows.get(0));
        }
        if (rows.size() > 1) {
            LOG.warnf("Legacy user storage [%s]: several legacy rows (ids %s) share this %s when compared "
                    + "case-insensitively; refusing all of them until the data is fixed", model.getName(),
                    rows.stream().map(LegacyUser::id).collect(Collectors.joining(", ")), what);
        }
        timing.afterLookupMiss();
        return null;
    }

    private LegacyUserAdapter adapter(RealmModel realm, LegacyUser row) {
        return new LegacyUserAdapter(session, realm, model, config, repository, row);
    }

    // ------------------------------------------------------------------ search and count

    @Override
    public Stream<UserModel> searchForUserStream(RealmModel realm, Map<String, String> params, Integer firstResult,
                                                 Integer maxResults) {
        requireUsable();
        if (params.values().stream().anyMatch(v -> v != null && v.indexOf(0) >= 0)) {
            return Stream.empty(); // no legacy value contains NUL, and PostgreSQL refuses it as a parameter
        }
        int first = firstResult == null || firstResult < 0 ? 0 : firstResult;
        int max = maxResults == null || maxResults < 0 ? -1 : maxResults;
        String legacyId = params.get(LegacyUserAdapter.LEGACY_ID);
        List<LegacyUser> rows;
        if (legacyId != null) {
            rows = first > 0 ? List.of() : read("find user by id", () -> repository.findById(legacyId)).stream().toList();
        } else {
            UserSearch search = notMigrated(SearchCriteria.from(params, config));
            rows = read("search users", () -> repository.search(search, first, max));
        }
        return withoutMigrated(realm, rows).map(row -> adapter(realm, row));
    }

    @Override
    public int getUsersCount(RealmModel realm, Map<String, String> params) {
        requireUsable();
        if (params.values().stream().anyMatch(v -> v != null && v.indexOf(0) >= 0)) {
            return 0;
        }
        if (params.get(LegacyUserAdapter.LEGACY_ID) != null) {
            return (int) searchForUserStream(realm, params, 0, 1).count();
        }
        UserSearch search = notMigrated(SearchCriteria.from(params, config));
        return read("count users", () -> repository.count(search));
    }

    @Override
    public int getUsersCount(RealmModel realm, boolean includeServiceAccount) {
        requireUsable();
        return read("count users", () -> repository.count(notMigrated(UserSearch.all())));
    }

    @Override
    public Stream<UserModel> getGroupMembersStream(RealmModel realm, GroupModel group, Integer firstResult,
                                                   Integer maxResults) {
        requireUsable();
        if (config.legacyGroupsAs() != LegacyGroupsAs.GROUPS || group.getParentId() != null) {
            return Stream.empty();
        }
        int first = firstResult == null || firstResult < 0 ? 0 : firstResult;
        int max = maxResults == null || maxResults < 0 ? -1 : maxResults;
        List<LegacyUser> rows = read("list group members", () -> repository.membersOfGroup(group.getName(), first, max));
        return withoutMigrated(realm, rows).map(row -> adapter(realm, row));
    }

    @Override
    public Stream<UserModel> getRoleMembersStream(RealmModel realm, RoleModel role, Integer firstResult,
                                                  Integer maxResults) {
        requireUsable();
        if (role.isClientRole()) {
            return Stream.empty();
        }
        int first = firstResult == null || firstResult < 0 ? 0 : firstResult;
        int max = maxResults == null || maxResults < 0 ? -1 : maxResults;
        List<LegacyUser> rows = new ArrayList<>();
        for (Map.Entry<String, String> mapping : config.roleMappings().entrySet()) {
            if (mapping.getValue().equals(role.getName())) {
                rows.addAll(read("list role members", () -> repository.findFlagged(mapping.getKey(), first, max)));
            }
        }
        return withoutMigrated(realm, rows).distinct().map(row -> adapter(realm, row));
    }

    @Override
    public Stream<UserModel> searchForUserByUserAttributeStream(RealmModel realm, String attrName, String attrValue) {
        requireUsable();
        if (LegacyUserAdapter.LEGACY_ID.equals(attrName)) {
            return withoutMigrated(realm, read("find user by id", () -> repository.findById(attrValue)).stream().toList())
                    .map(row -> adapter(realm, row));
        }
        if (!config.schema().attributeColumns().contains(attrName)) {
            return Stream.empty();
        }
        List<LegacyUser> rows = read("find users by attribute", () -> repository.findByAttribute(attrName, attrValue, 0, -1));
        return withoutMigrated(realm, rows).map(row -> adapter(realm, row));
    }

    /**
     * In MIGRATE mode with a migrated column, rows flagged as migrated are left out in SQL, so that searches, pages and
     * counts only cover users not yet in Keycloak's own store (which Keycloak lists itself).
     */
    private UserSearch notMigrated(UserSearch search) {
        return config.editMode() == LegacyEditMode.MIGRATE ? search.withMigrated(false) : search;
    }

    /** In MIGRATE mode a migrated user is listed once, as the local user Keycloak already returns. */
    private Stream<LegacyUser> withoutMigrated(RealmModel realm, List<LegacyUser> rows) {
        if (config.editMode() != LegacyEditMode.MIGRATE) {
            return rows.stream();
        }
        var local = UserStoragePrivateUtil.userLocalStorage(session);
        return rows.stream().filter(row -> !row.migrated()
                && local.getUserByUsername(realm, row.username().toLowerCase(Locale.ROOT)) == null);
    }

    // ------------------------------------------------------------------ credentials

    @Override
    public boolean supportsCredentialType(String credentialType) {
        return PasswordCredentialModel.TYPE.equals(credentialType);
    }

    @Override
    public boolean isConfiguredFor(RealmModel realm, UserModel user, String credentialType) {
        requireUsable();
        if (!supportsCredentialType(credentialType) || !isOurs(user)) {
            return false;
        }
        Optional<LegacyUser> row = required("find user by id", () -> repository.findById(StorageId.externalId(user.getId())));
        return row.isPresent() && database.verifier().inspect(row.get().passwordHash()).status()
                != dev.legacybridge.hash.HashInspection.Status.UNUSABLE
                && row.get().passwordHash() != null && !row.get().passwordHash().isEmpty();
    }

    @Override
    public boolean isValid(RealmModel realm, UserModel user, CredentialInput input) {
        requireUsable();
        if (!supportsCredentialType(input.getType()) || !isOurs(user) || input.getChallengeResponse() == null) {
            return false;
        }
        String legacyId = StorageId.externalId(user.getId());
        // Always the current hash from the database: the user may come from Keycloak's cache, and the legacy app may
        // have changed the password since.
        Optional<LegacyUser> row = required("read password hash", () -> repository.findById(legacyId));
        if (row.isEmpty()) {
            return false;
        }
        VerificationResult result = database.verifier().verify(input.getChallengeResponse(), row.get().passwordHash());
        switch (result.outcome()) {
            case MATCH -> {
                LOG.debugf("Legacy password of user [%s] verified (scheme [%s])", legacyId, result.scheme());
                afterSuccessfulLogin(realm, user, row.get(), input.getChallengeResponse(), result);
                return true;
            }
            case MISMATCH -> {
                timing.afterWrongPassword(realm);
                return false;
            }
            default -> {
                LOG.warnf("Legacy user storage [%s]: the stored password of legacy user [%s] cannot be used: %s, "
                        + "scheme [%s] (%s)", model.getName(), legacyId, result.outcome().jsonName(), result.scheme(),
                        result.reason());
                timing.afterWrongPassword(realm);
                return false;
            }
        }
    }

    private void afterSuccessfulLogin(RealmModel realm, UserModel user, LegacyUser row, String password,
                                      VerificationResult result) {
        if (config.editMode() == LegacyEditMode.MIGRATE) {
            LegacyUserImporter.Result imported = LegacyUserImporter.importUser(session.getKeycloakSessionFactory(),
                    realm.getId(), config, repository, row, new LegacyUserImporter.Plaintext(password));
            if (imported.created()) {
                LOG.infof("Migrated legacy user [%s] into Keycloak as [%s] on login (legacy scheme [%s])%s", row.id(),
                        imported.userId(), result.scheme(), imported.policyNote() == null ? ""
                                : "; the password breaks the realm's password policy, so UPDATE_PASSWORD is required");
                markMigrated(row);
            }
            // The rest of this login still holds the federated user; let it find the local one from now on.
            UserCache cache = session.getProvider(UserCache.class);
            if (cache != null) {
                cache.evict(realm, user);
            }
            return;
        }
        if (config.editMode() == LegacyEditMode.WRITABLE && config.upgradeOnLogin() && result.upgradeRecommended()) {
            EncodingTarget target = config.passwordFormat();
            String upgraded = PasswordEncoders.encode(target, password);
            required("upgrade password hash", () -> repository.updatePasswordHash(row.id(), upgraded));
            LOG.infof("Upgraded the legacy password hash of user [%s] from scheme [%s] to [%s]", row.id(),
                    result.scheme(), target.scheme());
        }
    }

    private void markMigrated(LegacyUser row) {
        if (config.schema().migratedColumn() == null) {
            return;
        }
        try {
            repository.markMigrated(row.id());
        } catch (LegacyStoreException e) {
            // The Keycloak user exists and works; the flag is bookkeeping for the legacy side.
            LOG.warnf("Could not set the migrated flag of legacy user [%s]: %s", row.id(), e.getMessage());
        }
    }

    @Override
    public boolean updateCredential(RealmModel realm, UserModel user, CredentialInput input) {
        requireUsable();
        if (!supportsCredentialType(input.getType()) || !isOurs(user)) {
            return false;
        }
        String legacyId = StorageId.externalId(user.getId());
        switch (config.editMode()) {
            case WRITABLE -> {
                EncodingTarget target = config.passwordFormat();
                String hash = PasswordEncoders.encode(target, input.getChallengeResponse());
                boolean updated = required("write password hash", () -> repository.updatePasswordHash(legacyId, hash));
                if (!updated) {
                    throw new ModelException("The legacy row of this user no longer exists");
                }
                LOG.infof("Wrote the new password of legacy user [%s] back to the legacy database (scheme [%s])",
                        legacyId, target.scheme());
                return true;
            }
            case MIGRATE -> {
                // A new password set in Keycloak (admin reset, forgot password) is as good a reason to migrate as a
                // verified login: the user gets it as a native credential and stops depending on the legacy row.
                LegacyUser row = required("find user by id", () -> repository.findById(legacyId))
                        .orElseThrow(() -> new ModelException("The legacy row of this user no longer exists"));
                LegacyUserImporter.Result imported = LegacyUserImporter.importUser(session.getKeycloakSessionFactory(),
                        realm.getId(), config, repository, row, new LegacyUserImporter.Plaintext(
                                input.getChallengeResponse()));
                LOG.infof("Migrated legacy user [%s] into Keycloak as [%s] on password change", legacyId,
                        imported.userId());
                markMigrated(row);
                UserCache cache = session.getProvider(UserCache.class);
                if (cache != null) {
                    cache.evict(realm, user);
                }
                return true;
            }
            default -> throw new ReadOnlyException("Passwords of legacy users cannot be changed in Keycloak while the "
                    + "legacy database is read-only (mode READ_ONLY)");
        }
    }

    @Override
    public void disableCredentialType(RealmModel realm, UserModel user, String credentialType) {
        // Legacy passwords are never removed from Keycloak's side.
    }

    @Override
    public Stream<String> getDisableableCredentialTypesStream(RealmModel realm, UserModel user) {
        return Stream.empty();
    }

    /** Shows the legacy password in the admin console's Credentials tab, as the LDAP provider does. */
    @Override
    public Stream<CredentialModel> getCredentials(RealmModel realm, UserModel user) {
        if (!isOurs(user)) {
            return Stream.empty();
        }
        CredentialModel credential = new CredentialModel();
        credential.setType(PasswordCredentialModel.TYPE);
        credential.setFederationLink(model.getId());
        return Stream.of(credential);
    }

    private boolean isOurs(UserModel user) {
        return model.getId().equals(StorageId.providerId(user.getId()));
    }

    // ------------------------------------------------------------------ user profile

    /**
     * Declares the legacy attributes ({@code legacyId}, {@code legacyUsername}, extra columns) as read-only,
     * administrator-visible attributes of this provider's users. Keycloak 26 hides undeclared ("unmanaged")
     * attributes, so without this they would not show on the user page. Email and names become read-only too unless
     * the mode is WRITABLE.
     */
    @Override
    public List<AttributeMetadata> decorateUserProfile(String providerId, UserProfileMetadata metadata) {
        if (unusableReason != null) {
            return List.of();
        }
        int guiOrder = (int) metadata.getAttributes().stream().map(AttributeMetadata::getName).distinct().count();
        AttributeGroupMetadata group = UserProfileUtil.lookupUserMetadataGroup(session);
        List<AttributeMetadata> added = new ArrayList<>();
        List<String> names = new ArrayList<>(List.of(LegacyUserAdapter.LEGACY_ID, LegacyUserAdapter.LEGACY_USERNAME));
        names.addAll(config.schema().attributeColumns());
        for (String name : names) {
            AttributeMetadata attribute = UserProfileUtil.createAttributeMetadata(name, metadata, group, guiOrder++,
                    model.getName());
            if (attribute != null) {
                added.add(attribute);
            }
        }
        if (config.editMode() != LegacyEditMode.WRITABLE) {
            metadata.getAttributes().stream()
                    .filter(a -> UserModel.EMAIL.equals(a.getName()) || UserModel.FIRST_NAME.equals(a.getName())
                            || UserModel.LAST_NAME.equals(a.getName()))
                    .forEach(a -> a.addWriteCondition(AttributeMetadata.ALWAYS_FALSE));
        }
        return added;
    }

    // ------------------------------------------------------------------ failures

    /** Runs a read; a database failure becomes Keycloak's "storage unavailable" with one clear log line. */
    private <T> T read(String operation, Supplier<T> query) {
        try {
            return query.get();
        } catch (LegacyStoreException e) {
            LOG.warnf("Legacy user storage [%s] is unavailable (%s): %s", model.getName(), operation, e.getMessage());
            throw new LegacyStoreFailures.Unavailable("Legacy database of '" + model.getName() + "' is unavailable");
        }
    }

    /**
     * Runs a step whose failure must not look like a wrong password (which would count towards a brute-force lockout)
     * or a missing user: the request ends with HTTP 503 and the OAuth error code {@code temporarily_unavailable}.
     */
    private <T> T required(String operation, Supplier<T> action) {
        try {
            return action.get();
        } catch (LegacyStoreException e) {
            LOG.warnf("Legacy user storage [%s] failed (%s): %s", model.getName(), operation, e.getMessage());
            throw new LegacyStoreFailures.TemporarilyUnavailable();
        }
    }

    @Override
    public void close() {
        // The pool belongs to the factory.
    }
}
