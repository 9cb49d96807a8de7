package dev.legacybridge.keycloak;

import dev.legacybridge.hash.EncodingTarget;
import dev.legacybridge.hash.StoredPassword;
import dev.legacybridge.hash.VerificationResult;
import dev.legacybridge.keycloak.config.LegacyEditMode;
import dev.legacybridge.keycloak.config.LegacyGroupsAs;
import dev.legacybridge.keycloak.config.LegacyStoreConfig;
import dev.legacybridge.keycloak.config.UsernameCase;
import dev.legacybridge.keycloak.events.LoginRecorder;
import dev.legacybridge.keycloak.metrics.ComponentMetrics;
import dev.legacybridge.keycloak.migration.LegacyIdentity;
import dev.legacybridge.keycloak.migration.LegacyUserImporter;
import dev.legacybridge.keycloak.migration.LocalUsers;
import dev.legacybridge.keycloak.migration.LoginMigration;
import dev.legacybridge.keycloak.pool.ComponentDatabase;
import dev.legacybridge.keycloak.timing.LoginTiming;
import dev.legacybridge.keycloak.user.LinkedLegacyUser;
import dev.legacybridge.keycloak.user.UnimportedLegacyUser;
import dev.legacybridge.store.LegacyStoreException;
import dev.legacybridge.store.LegacyUser;
import dev.legacybridge.store.LegacyUserRepository;
import dev.legacybridge.store.UserSearch;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.policy.PasswordPolicyManagerProvider;
import org.keycloak.policy.PolicyError;
import org.keycloak.storage.ReadOnlyException;
import org.keycloak.storage.StorageId;
import org.keycloak.storage.UserStorageProvider;
import org.keycloak.storage.user.ImportedUserValidation;
import org.keycloak.storage.user.UserLookupProvider;
import org.keycloak.storage.user.UserQueryProvider;
import org.keycloak.storage.user.UserRegistrationProvider;
import org.keycloak.userprofile.AttributeGroupMetadata;
import org.keycloak.userprofile.AttributeMetadata;
import org.keycloak.userprofile.UserProfileDecorator;
import org.keycloak.userprofile.UserProfileMetadata;
import org.keycloak.userprofile.UserProfileUtil;

/**
 * Users of a legacy SQL table, for one Keycloak session. Thin: SQL goes to the {@link LegacyUserRepository}, hashes to
 * the hashing module, Keycloak's own store to the {@code migration} package; the pool and parsed configuration live in
 * the factory's {@link ComponentDatabase}.
 *
 * <p>Identity (see {@link LegacyIdentity}): a legacy row that Keycloak meets becomes a Keycloak user with a
 * permanent id, linked to this component; {@link #validate} keeps it in step with the row on every lookup. Keycloak
 * asks this provider only for what its own store does not have: unknown usernames and emails, {@code f:} ids from
 * lists, and the rows of lists and counts that have no Keycloak user yet.
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
 * <p>Timing: every failed login costs the same; see {@link LoginTiming}.
 */
public final class LegacyUserStorageProvider implements UserStorageProvider, UserLookupProvider, UserQueryProvider,
        UserRegistrationProvider, CredentialInputValidator, CredentialInputUpdater, ImportedUserValidation,
        UserProfileDecorator {

    private static final Logger LOG = Logger.getLogger(LegacyUserStorageProvider.class);

    /** Longer than any real login name; such input is answered without a query. */
    private static final int MAX_LOOKUP_LENGTH = 512;

    private final KeycloakSession session;
    private final ComponentModel model;
    private final ComponentDatabase database;
    private final LegacyStoreConfig config;
    private final LegacyUserRepository repository;
    private final LoginTiming timing;
    /** Metrics and events of logins and password changes; null when the component is unusable. */
    private final LoginRecorder recorder;

    /** Why the component cannot be used (invalid configuration, missing vault secret, refused URL), or null. */
    private final String unusableReason;

    LegacyUserStorageProvider(KeycloakSession session, ComponentModel model, ComponentDatabase database) {
        this.session = session;
        this.model = model;
        this.database = database;
        this.config = database.config();
        this.repository = database.repository();
        this.timing = new LoginTiming(session, database.failureFloor(), database::dummyHash, database::surveyNeeded);
        this.recorder = LoginRecorder.of(session, model.getName(), database.metrics());
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
        this.recorder = null;
        this.unusableReason = unusableReason;
    }

    private void requireUsable() {
        if (unusableReason != null) {
            throw new LegacyStoreFailures.Unavailable("Legacy user storage '" + model.getName() + "' cannot be used: "
                    + unusableReason);
        }
    }

    /**
     * For steps Keycloak does not degrade gracefully (a linked user's lookup, password checks, writes): a 503
     * {@code temporarily_unavailable}, as for a database failure.
     */
    private void requireUsableOr503() {
        if (unusableReason != null) {
            LOG.debugf("Legacy user storage [%s] cannot be used: %s", model.getName(), unusableReason);
            throw new LegacyStoreFailures.TemporarilyUnavailable();
        }
    }

    private SessionRows rows() {
        return SessionRows.of(session, model.getId());
    }

    // ------------------------------------------------------------------ lookups of users Keycloak does not have

    @Override
    public UserModel getUserById(RealmModel realm, String id) {
        requireUsableOr503(); // Keycloak has no graceful degradation for lookups by id
        // Only the f:<component>:<legacy id> of a list row gets here: Keycloak's own store answers every other id.
        // Reading never imports: the view imports the row on its first change. A row Keycloak has by now comes back
        // as the Keycloak user it is.
        String legacyId = StorageId.externalId(id);
        UserModel local = LocalUsers.byId(session, realm, LegacyIdentity.keycloakId(model.getId(), legacyId));
        if (local != null) {
            return model.getId().equals(local.getFederationLink()) ? validate(realm, local) : local;
        }
        Optional<LegacyUser> row = rows().byId(legacyId, () -> required("find user by id",
                () -> repository.lookups().findById(legacyId)));
        return row.map(r -> view(realm, r)).orElse(null);
    }

    @Override
    public UserModel getUserByUsername(RealmModel realm, String username) {
        requireUsable();
        if (!plausible(username)) {
            timing.afterLookupMiss();
            return null;
        }
        boolean insensitive = config.usernameCase() == UsernameCase.INSENSITIVE;
        List<LegacyUser> found;
        try {
            found = read("find user by username", () -> repository.lookups().findByUsername(username, insensitive));
        } catch (LegacyStoreFailures.Unavailable e) {
            if (LoginTiming.isLoginRequest(session)) {
                recorder.lookupUnavailable(realm, username, "find user by username");
            }
            throw e;
        }
        return single(realm, found, "username");
    }

    @Override
    public UserModel getUserByEmail(RealmModel realm, String email) {
        requireUsable();
        if (!config.loginWithEmail() || !plausible(email)) {
            return null;
        }
        List<LegacyUser> found = read("find user by email", () -> repository.lookups().findByEmail(email));
        return single(realm, found, "email");
    }

    /**
     * Input no legacy row can match (empty, NUL characters, absurdly long) is not sent to the database: PostgreSQL
     * rejects NUL in text parameters with an error that would look like an outage.
     */
    private static boolean plausible(String value) {
        return value != null && !value.isEmpty() && value.length() <= MAX_LOOKUP_LENGTH && value.indexOf(0) < 0;
    }

    private UserModel single(RealmModel realm, List<LegacyUser> found, String what) {
        if (found.size() == 1) {
            rows().put(found.get(0));
            UserModel user = imported(realm, found.get(0));
            if (user != null) {
                return user;
            }
        } else if (found.size() > 1) {
            LOG.warnf("Legacy user storage [%s]: several legacy rows (ids %s) share this %s when compared "
                    + "case-insensitively; refusing all of them until the data is fixed", model.getName(),
                    found.stream().map(LegacyUser::id).collect(Collectors.joining(", ")), what);
        }
        timing.afterLookupMiss();
        return null;
    }

    /**
     * The Keycloak user of a row, imported as a linked user if Keycloak has never met it: the linked view of it, or
     * the user itself once migrated; null when the row's username belongs to somebody else.
     */
    private UserModel imported(RealmModel realm, LegacyUser row) {
        String id = LegacyUserImporter.importLinked(session.getKeycloakSessionFactory(), realm.getId(), model.getId(),
                config, row, () -> groupsOf(row));
        UserModel local = id == null ? null : LocalUsers.byId(session, realm, id);
        if (local == null) {
            return null;
        }
        return model.getId().equals(local.getFederationLink()) ? linked(local, row) : local;
    }

    private LinkedLegacyUser linked(UserModel local, LegacyUser row) {
        return new LinkedLegacyUser(local, config, repository, row, rows()::put);
    }

    private List<String> groupsOf(LegacyUser row) {
        if (config.legacyGroupsAs() == LegacyGroupsAs.NONE) {
            return List.of();
        }
        return rows().groupsOf(row.id(), () -> required("read legacy groups", () -> repository.lookups().groupNamesOf(row.id())));
    }

    // ------------------------------------------------------------------ users Keycloak has, linked to this component

    /**
     * Every lookup of a linked user (by id, username or email, in lists) comes here first: the row is read once per
     * request, copied into the Keycloak user where it changed, and the user comes back with the legacy table's rules
     * for changes. A row that is gone makes Keycloak remove its copy (the next appearance imports it again, with the
     * same id). Roles and groups are brought in step on login requests only: they need the legacy groups, and an
     * admin's user list should not read them for every row.
     */
    @Override
    public UserModel validate(RealmModel realm, UserModel local) {
        // Keycloak validates every user of a list whose federation link is this component, also the f: views of
        // rows it has not imported; those are already the legacy row, and validating must never import them.
        if (!model.getId().equals(local.getFederationLink()) || !StorageId.isLocalStorage(local.getId())) {
            return local;
        }
        // Keycloak turns a failure here into a read-only user whose password check then fails with 503.
        requireUsableOr503();
        String legacyId = local.getFirstAttribute(LegacyIdentity.LEGACY_ID);
        if (legacyId == null) {
            LOG.warnf("Keycloak user [%s] is linked to legacy user storage [%s] but has no %s attribute",
                    local.getId(), model.getName(), LegacyIdentity.LEGACY_ID);
            return local;
        }
        Optional<LegacyUser> row = rows().byId(legacyId, () -> required("find user by id",
                () -> repository.lookups().findById(legacyId)));
        if (row.isEmpty()) {
            LOG.infof("Legacy user [%s] is no longer in the legacy table of [%s]; Keycloak removes its linked copy [%s]",
                    legacyId, model.getName(), local.getId());
            return null;
        }
        LegacyUserImporter.sync(session, realm, local, config, model.getId(), row.get(), () -> groupsOf(row.get()),
                LoginTiming.isLoginRequest(session));
        return linked(local, row.get());
    }

    // ------------------------------------------------------------------ lists and counts

    @Override
    public Stream<UserModel> searchForUserStream(RealmModel realm, Map<String, String> params, Integer firstResult,
                                                 Integer maxResults) {
        requireUsable();
        if (params.values().stream().anyMatch(v -> v != null && v.indexOf(0) >= 0)) {
            return Stream.empty(); // no legacy value contains NUL, and PostgreSQL refuses it as a parameter
        }
        String legacyId = params.get(LegacyIdentity.LEGACY_ID);
        if (legacyId != null) {
            return firstResult != null && firstResult > 0 ? Stream.empty() : byLegacyId(realm, legacyId);
        }
        return unimported(realm, SearchCriteria.from(params, config), firstResult, maxResults);
    }

    @Override
    public int getUsersCount(RealmModel realm, Map<String, String> params) {
        requireUsable();
        if (params.values().stream().anyMatch(v -> v != null && v.indexOf(0) >= 0)) {
            return 0;
        }
        if (params.get(LegacyIdentity.LEGACY_ID) != null) {
            return (int) byLegacyId(realm, params.get(LegacyIdentity.LEGACY_ID)).count();
        }
        return count(realm, SearchCriteria.from(params, config), params);
    }

    @Override
    public int getUsersCount(RealmModel realm, String search) {
        return getUsersCount(realm, search == null ? Map.of() : Map.of(UserModel.SEARCH, search));
    }

    @Override
    public int getUsersCount(RealmModel realm, boolean includeServiceAccount) {
        requireUsable();
        return count(realm, UserSearch.all(), Map.of());
    }

    @Override
    public int getUsersCount(RealmModel realm, Set<String> groupIds) {
        requireUsable();
        UserSearch members = groupMembers(realm, groupIds);
        return members == null ? 0 : count(realm, members, Map.of());
    }

    @Override
    public int getUsersCount(RealmModel realm, Map<String, String> params, Set<String> groupIds) {
        requireUsable();
        UserSearch members = groupMembers(realm, groupIds);
        if (members == null) {
            return 0;
        }
        UserSearch search = SearchCriteria.from(params, config);
        return count(realm, search.withMembership(members.membership()), Map.of());
    }

    @Override
    public int getUsersCount(RealmModel realm, String search, Set<String> groupIds) {
        return getUsersCount(realm, search == null ? Map.of() : Map.of(UserModel.SEARCH, search), groupIds);
    }

    @Override
    public Stream<UserModel> getGroupMembersStream(RealmModel realm, GroupModel group, Integer firstResult,
                                                   Integer maxResults) {
        requireUsable();
        UserSearch members = groupMembers(realm, Set.of(group.getId()));
        return members == null ? Stream.empty() : unimported(realm, members, firstResult, maxResults);
    }

    @Override
    public Stream<UserModel> getGroupMembersStream(RealmModel realm, GroupModel group, String search, Boolean exact,
                                                   Integer firstResult, Integer maxResults) {
        requireUsable();
        UserSearch members = groupMembers(realm, Set.of(group.getId()));
        if (members == null) {
            return Stream.empty();
        }
        UserSearch criteria = search == null || search.isBlank() ? members
                : SearchCriteria.from(Map.of(UserModel.SEARCH, Boolean.TRUE.equals(exact) ? "\"" + search + "\""
                        : search), config).withMembership(members.membership());
        return unimported(realm, criteria, firstResult, maxResults);
    }

    @Override
    public Stream<UserModel> getRoleMembersStream(RealmModel realm, RoleModel role, Integer firstResult,
                                                  Integer maxResults) {
        requireUsable();
        if (role.isClientRole()) {
            return Stream.empty();
        }
        Set<String> flags = config.roleMappings().entrySet().stream()
                .filter(m -> m.getValue().equals(role.getName())).map(Map.Entry::getKey)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        Set<String> groups = config.legacyGroupsAs() == LegacyGroupsAs.ROLES ? Set.of(role.getName()) : Set.of();
        if (flags.isEmpty() && groups.isEmpty()) {
            return Stream.empty();
        }
        return unimported(realm, UserSearch.all().withMembership(new UserSearch.Membership(flags, groups)),
                firstResult, maxResults);
    }

    @Override
    public Stream<UserModel> searchForUserByUserAttributeStream(RealmModel realm, String attrName, String attrValue) {
        requireUsable();
        if (LegacyIdentity.LEGACY_ID.equals(attrName)) {
            return byLegacyId(realm, attrValue);
        }
        if (!config.schema().attributeColumns().contains(attrName)) {
            return Stream.empty();
        }
        return unimported(realm, UserSearch.all().withAttribute(attrName, attrValue), null, null);
    }

    /** The members of Keycloak groups that legacy groups map to (top-level groups of the same name), or null. */
    private UserSearch groupMembers(RealmModel realm, Set<String> groupIds) {
        if (config.legacyGroupsAs() != LegacyGroupsAs.GROUPS || groupIds == null || groupIds.isEmpty()) {
            return null;
        }
        Set<String> names = new LinkedHashSet<>();
        for (String groupId : groupIds) {
            GroupModel group = session.groups().getGroupById(realm, groupId);
            if (group != null && group.getParentId() == null) {
                names.add(group.getName());
            }
        }
        return names.isEmpty() ? null : UserSearch.all().withMembership(new UserSearch.Membership(Set.of(), names));
    }

    private Stream<UserModel> byLegacyId(RealmModel realm, String legacyId) {
        List<LegacyUser> found = read("find user by id", () -> repository.lookups().findById(legacyId)).stream().toList();
        return listing(realm).withoutKeycloakUsers(found).stream().map(row -> view(realm, row));
    }

    /**
     * One page of the rows matching {@code search} that have no Keycloak user: Keycloak lists those itself, from its
     * own store, before asking this provider, so each person appears exactly once.
     */
    private Stream<UserModel> unimported(RealmModel realm, UserSearch search, Integer firstResult, Integer maxResults) {
        int first = firstResult == null || firstResult < 0 ? 0 : firstResult;
        int max = maxResults == null || maxResults < 0 ? -1 : maxResults;
        List<LegacyUser> page = read("search users", () -> listing(realm).page(
                (offset, size) -> repository.searches().search(search, offset, size), first, max));
        return page.stream().map(row -> view(realm, row));
    }

    private int count(RealmModel realm, UserSearch search, Map<String, String> keycloakParams) {
        return read("count users", () -> listing(realm).count(repository.searches().count(search),
                (offset, size) -> repository.searches().search(search, offset, size), keycloakParams));
    }

    private KeycloakUsersOfRows listing(RealmModel realm) {
        return KeycloakUsersOfRows.of(session, realm, model.getId());
    }

    private UserModel view(RealmModel realm, LegacyUser row) {
        return new UnimportedLegacyUser(session, realm, model, config, repository, row, () -> imported(realm, row));
    }

    // ------------------------------------------------------------------ registration (Keycloak's copies only)

    /**
     * New users are Keycloak's own, unless "Sync registrations" is on (mode WRITABLE): then the user gets a legacy row
     * too ({@code LegacyUserRegistrations}) and is linked to it like any imported user, so the email, names and
     * password Keycloak sets next are written to the row, and the legacy app sees the new account.
     */
    @Override
    public UserModel addUser(RealmModel realm, String username) {
        if (!config.syncRegistrations() || config.editMode() != dev.legacybridge.keycloak.config.LegacyEditMode.WRITABLE) {
            return null;
        }
        requireUsable();
        LegacyUser row = required("register user", () -> repository.registrations().insert(username));
        rows().put(row);
        LOG.infof("Legacy user storage [%s]: user [%s] created in Keycloak was added to the legacy table as [%s]",
                model.getName(), username, row.id());
        return imported(realm, row);
    }

    /**
     * Deleting a linked user in Keycloak deletes Keycloak's copy only; the legacy row stays, and the next lookup
     * imports it again with the same id.
     */
    @Override
    public boolean removeUser(RealmModel realm, UserModel user) {
        return true;
    }

    // ------------------------------------------------------------------ credentials

    @Override
    public boolean supportsCredentialType(String credentialType) {
        return PasswordCredentialModel.TYPE.equals(credentialType);
    }

    @Override
    public boolean isConfiguredFor(RealmModel realm, UserModel user, String credentialType) {
        requireUsableOr503();
        if (!supportsCredentialType(credentialType) || !isOurs(user)) {
            return false;
        }
        Optional<LegacyUser> row = rowForPasswordCheck(realm, user);
        return row.isPresent() && row.get().passwordHash() != null && !row.get().passwordHash().isEmpty()
                && database.verifier().inspect(storedPassword(row.get())).status()
                != dev.legacybridge.hash.HashInspection.Status.UNUSABLE;
    }

    @Override
    public boolean isValid(RealmModel realm, UserModel user, CredentialInput input) {
        requireUsableOr503();
        if (!supportsCredentialType(input.getType()) || !isOurs(user) || input.getChallengeResponse() == null) {
            return false;
        }
        // The row as read in this request (validate read it), so a password changed in the legacy app counts at once.
        Optional<LegacyUser> row = rowForPasswordCheck(realm, user);
        if (row.isEmpty()) {
            recorder.noRow();
            timing.afterFailedVerification(realm, 0);
            return false;
        }
        if (row.get().lockedAt(java.time.Instant.now())) {
            // A lockout in force refuses the password, as a wrong one (and at its cost), with the row as read for this
            // login: not through isEnabled(), whose answer Keycloak's user cache would keep after the lockout ended.
            timing.afterFailedVerification(realm, 0);
            return false;
        }
        StoredPassword stored = storedPassword(row.get());
        long start = System.nanoTime();
        VerificationResult result = database.verifier().verify(input.getChallengeResponse(), stored);
        long elapsed = System.nanoTime() - start;
        if (stored.value() != null) {
            database.failureFloor().record(stored, elapsed);
        }
        recorder.checked(realm, user, row.get(), result);
        switch (result.outcome()) {
            case MATCH -> {
                LOG.debugf("Legacy password of user [%s] verified (scheme [%s])", row.get().id(), result.scheme());
                afterSuccessfulLogin(realm, user, row.get(), input.getChallengeResponse(), result);
                return true;
            }
            case MISMATCH -> {
                timing.afterFailedVerification(realm, elapsed);
                return false;
            }
            default -> {
                LOG.warnf("Legacy user storage [%s]: the stored password of legacy user [%s] cannot be used: %s, "
                        + "scheme [%s] (%s)", model.getName(), row.get().id(), result.outcome().jsonName(),
                        result.scheme(), result.reason());
                timing.afterFailedVerification(realm, elapsed);
                return false;
            }
        }
    }

    private void afterSuccessfulLogin(RealmModel realm, UserModel user, LegacyUser row, String password,
                                      VerificationResult result) {
        if (config.editMode() == LegacyEditMode.MIGRATE) {
            if (LoginMigration.afterVerifiedPassword(session, realm, model, config, repository, user.getId(), row,
                    groupsOf(row), password, result.scheme())) {
                recorder.migrated(realm, user, row, ComponentMetrics.Via.LOGIN, result.scheme());
            }
            return;
        }
        if (config.editMode() == LegacyEditMode.WRITABLE && config.upgradeOnLogin() && result.upgradeRecommended()) {
            EncodingTarget target = config.passwordFormat();
            String upgraded = database.encode(password);
            required("upgrade password hash", () -> repository.writes().updatePasswordHash(row.id(), upgraded));
            rows().put(withPasswordHash(row, upgraded));
            LOG.infof("Upgraded the legacy password hash of user [%s] from scheme [%s] to [%s]", row.id(),
                    result.scheme(), target.scheme());
            recorder.hashUpgraded(realm, user, row, result.scheme(), target.scheme());
        }
    }

    /**
     * A new password set in Keycloak (admin reset, account console, UPDATE_PASSWORD, forgot password) must pass the
     * realm's password policy before anything is written: Keycloak checks it only for its own users, so the legacy
     * row or a migration would otherwise take any password. A refusal is Keycloak's own policy error, which every one
     * of those paths shows in its usual words.
     */
    @Override
    public boolean updateCredential(RealmModel realm, UserModel user, CredentialInput input) {
        requireUsableOr503();
        if (!supportsCredentialType(input.getType()) || !isOurs(user)) {
            return false;
        }
        if (config.editMode() == LegacyEditMode.READ_ONLY) {
            throw new ReadOnlyException("Passwords of legacy users cannot be changed in Keycloak while the legacy "
                    + "database is read-only (mode READ_ONLY)");
        }
        String password = input.getChallengeResponse();
        PolicyError error = session.getProvider(PasswordPolicyManagerProvider.class).validate(realm, user, password);
        if (error != null) {
            throw new ModelException(error.getMessage(), error.getParameters());
        }
        LegacyUser row = rowOf(user).orElseThrow(() -> new ModelException("The legacy row of this user no longer exists"));
        if (user instanceof UnimportedLegacyUser view) {
            user = view.imported(); // a password is a change like any other: the row becomes a Keycloak user first
        }
        if (config.editMode() == LegacyEditMode.WRITABLE) {
            EncodingTarget target = config.passwordFormat();
            String hash = database.encode(password);
            boolean updated = required("write password hash", () -> repository.writes().updatePasswordHash(row.id(), hash));
            if (!updated) {
                throw new ModelException("The legacy row of this user no longer exists");
            }
            rows().put(withPasswordHash(row, hash));
            LOG.infof("Wrote the new password of legacy user [%s] back to the legacy database (scheme [%s])", row.id(),
                    target.scheme());
            recorder.passwordWrittenBack(realm, user, row, target.scheme());
            return true;
        }
        // MIGRATE: a new password chosen in Keycloak is as good a reason to migrate as a verified login.
        if (LoginMigration.afterNewPassword(session, realm, model, config, repository, user.getId(), row,
                groupsOf(row), password)) {
            recorder.migrated(realm, user, row, ComponentMetrics.Via.PASSWORD_CHANGE, null);
        }
        return true;
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
        return model.getId().equals(user.getFederationLink())
                || model.getId().equals(StorageId.providerId(user.getId()));
    }

    /** The row for a password check; a database failure is recorded (metrics, event) on login requests, then thrown. */
    private Optional<LegacyUser> rowForPasswordCheck(RealmModel realm, UserModel user) {
        try {
            return rowOf(user);
        } catch (LegacyStoreFailures.TemporarilyUnavailable e) {
            if (LoginTiming.isLoginRequest(session)) {
                recorder.unavailable(realm, user, user.getFirstAttribute(LegacyIdentity.LEGACY_ID), "read password hash");
            }
            throw e;
        }
    }

    /** The legacy row of one of this component's users, read at most once per request. */
    private Optional<LegacyUser> rowOf(UserModel user) {
        if (user instanceof LinkedLegacyUser linked) {
            rows().putIfAbsent(linked.row());
        } else if (user instanceof UnimportedLegacyUser view) {
            rows().putIfAbsent(view.row());
        }
        String legacyId = StorageId.isLocalStorage(user.getId()) ? user.getFirstAttribute(LegacyIdentity.LEGACY_ID)
                : StorageId.externalId(user.getId());
        if (legacyId == null) {
            return Optional.empty();
        }
        return rows().byId(legacyId, () -> required("read password hash", () -> repository.lookups().findById(legacyId)));
    }

    private static LegacyUser withPasswordHash(LegacyUser row, String hash) {
        // The salt column is left as it is: every write-back format carries its own salt.
        return new LegacyUser(row.id(), row.username(), hash, row.email(), row.firstName(), row.lastName(),
                row.active(), row.created(), row.migrated(), row.attributes(), row.flags(), row.passwordSalt(),
                row.lockedUntil());
    }

    /** A row's password as the verifier reads it: the value and, for formats that keep it apart, the salt column. */
    static StoredPassword storedPassword(LegacyUser row) {
        return new StoredPassword(row.passwordHash(), row.passwordSalt());
    }

    // ------------------------------------------------------------------ user profile

    /**
     * For this component's linked users: declares the legacy attributes ({@code legacyId}, {@code legacyUsername},
     * extra columns) as read-only, administrator-visible attributes (Keycloak 26 hides undeclared ones); makes email
     * and names read-only unless the mode is WRITABLE; and makes them optional, because the legacy application decides
     * whether they may be empty (Django's {@code createsuperuser} leaves the names empty), so that such users are not
     * stopped by Keycloak's "verify profile" step, which the password grant cannot complete.
     */
    @Override
    public List<AttributeMetadata> decorateUserProfile(String providerId, UserProfileMetadata metadata) {
        if (unusableReason != null) {
            return List.of();
        }
        int guiOrder = (int) metadata.getAttributes().stream().map(AttributeMetadata::getName).distinct().count();
        AttributeGroupMetadata group = UserProfileUtil.lookupUserMetadataGroup(session);
        List<AttributeMetadata> added = new ArrayList<>();
        List<String> names = new ArrayList<>(List.of(LegacyIdentity.LEGACY_ID, LegacyIdentity.LEGACY_USERNAME));
        names.addAll(config.schema().attributeColumns());
        for (String name : names) {
            AttributeMetadata attribute = UserProfileUtil.createAttributeMetadata(name, metadata, group, guiOrder++,
                    model.getName());
            if (attribute != null) {
                added.add(attribute);
            }
        }
        metadata.getAttributes().stream()
                .filter(a -> UserModel.EMAIL.equals(a.getName()) && config.schema().emailColumn() != null
                        || UserModel.FIRST_NAME.equals(a.getName()) && config.schema().firstNameColumn() != null
                        || UserModel.LAST_NAME.equals(a.getName()) && config.schema().lastNameColumn() != null)
                .forEach(a -> {
                    a.setRequired(AttributeMetadata.ALWAYS_FALSE);
                    if (config.editMode() != LegacyEditMode.WRITABLE) {
                        a.addWriteCondition(AttributeMetadata.ALWAYS_FALSE);
                    }
                });
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
