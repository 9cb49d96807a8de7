package dev.legacybridge.keycloak;

import static dev.legacybridge.keycloak.testing.FakeKeycloak.COMPONENT_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.legacybridge.hash.HashPolicy;
import dev.legacybridge.hash.LegacyPasswordVerifier;
import dev.legacybridge.hash.Outcome;
import dev.legacybridge.keycloak.migration.LegacyIdentity;
import dev.legacybridge.keycloak.pool.TestComponentDatabases;
import dev.legacybridge.keycloak.testing.DjangoTable;
import dev.legacybridge.keycloak.testing.FakeKeycloak;
import dev.legacybridge.keycloak.testing.JaxRsResponses;
import dev.legacybridge.keycloak.testing.LogCapture;
import dev.legacybridge.keycloak.user.LinkedLegacyUser;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelException;
import org.keycloak.models.UserCredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.policy.PolicyError;
import org.keycloak.storage.ReadOnlyException;
import org.keycloak.storage.StorageUnavailableException;

/**
 * The provider's own rules, without a Keycloak server: the real provider over a real SQLite Django table, with
 * Keycloak's session, realm and user store faked in memory ({@link FakeKeycloak}). What Keycloak itself does with the
 * answers is covered by the integration tests against the real distribution.
 */
class LegacyUserStorageProviderTest {

    @TempDir
    Path dir;

    private DjangoTable table;
    private final FakeKeycloak keycloak = new FakeKeycloak();
    private final TestComponentDatabases databases = new TestComponentDatabases();
    private final LogCapture log = LogCapture.of(LegacyUserStorageProvider.class);

    @BeforeAll
    static void jaxRs() {
        JaxRsResponses.install();
    }

    @BeforeEach
    void table() {
        table = new DjangoTable(dir);
    }

    @AfterEach
    void close() {
        log.close();
        databases.close();
    }

    private LegacyUserStorageProvider provider(KeycloakSession session, String... config) {
        return new LegacyUserStorageProvider(session, FakeKeycloak.component(),
                databases.open(COMPONENT_ID, table.config(config)));
    }

    /** A new request, as Keycloak starts one for a login. */
    private LegacyUserStorageProvider request(String... config) {
        return provider(keycloak.newSession(), config);
    }

    // ------------------------------------------------------------------ lookups

    @Test
    void getUserByUsernameWhenNoRowThenNullAndNothingImported() {
        table.insert("johndoe", "secret");

        assertThat(request().getUserByUsername(keycloak.realm(), "nobody")).isNull();
        assertThat(keycloak.localUserCount()).isZero();
    }

    @Test
    void getUserByUsernameWhenOneRowThenImportedAsLinkedUserWithItsPermanentId() {
        keycloak.addRole("admin");
        String id = table.insert("JohnDoe", DjangoTable.hash("secret"), "john@example.com", true, true, false);

        UserModel user = request().getUserByUsername(keycloak.realm(), "johndoe");

        assertThat(user).isInstanceOf(LinkedLegacyUser.class);
        assertThat(user.getId()).isEqualTo(LegacyIdentity.keycloakId(COMPONENT_ID, id));
        assertThat(user.getUsername()).isEqualTo("johndoe");
        assertThat(user.getEmail()).isEqualTo("john@example.com");
        assertThat(user.getFirstName()).isEqualTo("First JohnDoe");
        assertThat(user.getFederationLink()).isEqualTo(COMPONENT_ID);
        assertThat(user.getFirstAttribute(LegacyIdentity.LEGACY_ID)).isEqualTo(id);
        assertThat(user.getFirstAttribute(LegacyIdentity.LEGACY_USERNAME)).isEqualTo("JohnDoe");
        assertThat(user.getRealmRoleMappingsStream().map(r -> r.getName())).containsExactly("admin");
        assertThat(keycloak.localUserCount()).isEqualTo(1);
    }

    @Test
    void getUserByUsernameWhenLookedUpAgainThenTheSameUserAndNoSecondImport() {
        table.insert("johndoe", "secret");
        UserModel first = request().getUserByUsername(keycloak.realm(), "johndoe");

        UserModel second = request().getUserByUsername(keycloak.realm(), "JOHNDOE");

        assertThat(second.getId()).isEqualTo(first.getId());
        assertThat(keycloak.localUserCount()).isEqualTo(1);
    }

    @Test
    void getUserByUsernameWhenTwoRowsDifferOnlyInCaseThenBothRefusedWithAWarning() {
        String upper = table.insert("CaseUser", "secret");
        String lower = table.insert("caseuser", "other");

        assertThat(request().getUserByUsername(keycloak.realm(), "caseuser")).isNull();
        assertThat(request().getUserByUsername(keycloak.realm(), "CaseUser")).isNull();
        assertThat(keycloak.localUserCount()).isZero();
        assertThat(log.warnings()).anySatisfy(w -> assertThat(w).contains("several legacy rows")
                .contains("ids " + upper + ", " + lower).contains("username"));
    }

    @Test
    void getUserByUsernameWhenMatchingIsExactThenEachSpellingFindsItsOwnRow() {
        table.insert("CaseUser", "secret");
        String lower = table.insert("caseuser", "other");

        UserModel user = request("usernameCase", "exact").getUserByUsername(keycloak.realm(), "caseuser");

        assertThat(user.getFirstAttribute(LegacyIdentity.LEGACY_ID)).isEqualTo(lower);
        assertThat(request("usernameCase", "exact").getUserByUsername(keycloak.realm(), "CASEUSER")).isNull();
    }

    @Test
    void getUserByUsernameWhenKeycloakUserOfAnotherPersonHasTheNameThenNull() {
        keycloak.addLocalUser("someone-else", "johndoe");
        table.insert("johndoe", "secret");

        assertThat(request().getUserByUsername(keycloak.realm(), "johndoe")).isNull();
        assertThat(keycloak.localUserCount()).isEqualTo(1);
    }

    @Test
    void getUserByUsernameWhenInputCannotMatchAnyRowThenNullWithoutAQuery() {
        LegacyUserStorageProvider provider = request();
        table.breakIt(); // any query would now fail

        assertThat(provider.getUserByUsername(keycloak.realm(), "john\u0000doe")).isNull();
        assertThat(provider.getUserByUsername(keycloak.realm(), "")).isNull();
        assertThat(provider.getUserByUsername(keycloak.realm(), "x".repeat(513))).isNull();
    }

    @Test
    void getUserByEmailWhenLoginWithEmailIsOffThenNullWithoutAQuery() {
        table.insert("johndoe", "secret");
        assertThat(request().getUserByEmail(keycloak.realm(), "JOHNDOE@example.com").getUsername())
                .isEqualTo("johndoe");
        LegacyUserStorageProvider off = request("loginWithEmail", "false");
        table.breakIt();
        assertThat(off.getUserByEmail(keycloak.realm(), "johndoe@example.com")).isNull();
    }

    @Test
    void getUserByUsernameWhenDatabaseFailsThenStorageUnavailableNotAnUnknownUser() {
        LegacyUserStorageProvider provider = request();
        table.breakIt();

        assertThatThrownBy(() -> provider.getUserByUsername(keycloak.realm(), "johndoe"))
                .isInstanceOf(StorageUnavailableException.class);
        assertThat(log.warnings()).anySatisfy(w -> assertThat(w).contains("is unavailable (find user by username)"));
    }

    @Test
    void getUserByUsernameWhenComponentUnusableThenStorageUnavailableAndPasswordChecksAre503() {
        LegacyUserStorageProvider provider = new LegacyUserStorageProvider(keycloak.newSession(),
                FakeKeycloak.component(), "the vault has no secret for ${vault.legacy_url}");

        assertThatThrownBy(() -> provider.getUserByUsername(keycloak.realm(), "johndoe"))
                .isInstanceOf(StorageUnavailableException.class).hasMessageContaining("cannot be used");
        assertThatThrownBy(() -> provider.isValid(keycloak.realm(), keycloak.addLocalUser("u1", "johndoe"),
                UserCredentialModel.password("secret"))).isInstanceOf(LegacyStoreFailures.TemporarilyUnavailable.class);
    }

    // ------------------------------------------------------------------ linked users kept in step

    @Test
    void validateWhenRowChangedInTheLegacyAppThenKeycloakCopyFollowsOnTheNextRequest() {
        String id = table.insert("johndoe", "secret");
        UserModel imported = request().getUserByUsername(keycloak.realm(), "johndoe");
        table.execute("UPDATE auth_user SET email = 'new@example.com', first_name = 'Johnny' WHERE id = " + id);

        UserModel validated = request().validate(keycloak.realm(), keycloak.localUser(imported.getId()));

        assertThat(validated).isInstanceOf(LinkedLegacyUser.class);
        assertThat(keycloak.localUser(imported.getId()).getEmail()).isEqualTo("new@example.com");
        assertThat(keycloak.localUser(imported.getId()).getFirstName()).isEqualTo("Johnny");
    }

    @Test
    void validateWhenRowDeletedThenNullSoKeycloakRemovesItsCopy() {
        String id = table.insert("johndoe", "secret");
        UserModel imported = request().getUserByUsername(keycloak.realm(), "johndoe");
        table.execute("DELETE FROM auth_user WHERE id = " + id);

        assertThat(request().validate(keycloak.realm(), keycloak.localUser(imported.getId()))).isNull();
    }

    @Test
    void validateWhenUserIsNotLinkedToThisComponentThenReturnedUntouchedWithoutAQuery() {
        UserModel own = keycloak.addLocalUser("u1", "johndoe");
        LegacyUserStorageProvider provider = request();
        table.breakIt();

        assertThat(provider.validate(keycloak.realm(), own)).isSameAs(own);
    }

    // ------------------------------------------------------------------ password checks

    @Test
    void isValidWhenPasswordMatchesThenTrue() {
        table.insert("johndoe", "secret");
        LegacyUserStorageProvider provider = request();
        UserModel user = provider.getUserByUsername(keycloak.realm(), "johndoe");

        assertThat(provider.isValid(keycloak.realm(), user, UserCredentialModel.password("secret"))).isTrue();
    }

    @Test
    void isValidWhenPasswordWrongThenFalseWithoutAWarning() {
        table.insert("johndoe", "secret");
        LegacyUserStorageProvider provider = request();
        UserModel user = provider.getUserByUsername(keycloak.realm(), "johndoe");

        assertThat(provider.isValid(keycloak.realm(), user, UserCredentialModel.password("Secret"))).isFalse();
        assertThat(log.warnings()).isEmpty();
    }

    @Test
    void isValidWhenStoredValueCannotBeVerifiedThenFalseAndAWarningNamingTheUserButNeverTheValue() {
        String malformed = "pbkdf2_sha256$notanumber$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo";
        String unknown = "xyzzy-frperg-inyhr-9f8e7d";
        String weak = "md5$abcdefgh$0123456789abcdef0123456789abcdef"; // django_md5: not allowed by default
        String[] values = {malformed, unknown, weak};
        for (int i = 0; i < values.length; i++) {
            String stored = values[i];
            String id = table.insert("user" + i, stored, "user" + i + "@example.com", true, false, false);
            LegacyUserStorageProvider provider = request();
            UserModel user = provider.getUserByUsername(keycloak.realm(), "user" + i);

            assertThat(provider.isValid(keycloak.realm(), user, UserCredentialModel.password("secret")))
                    .as(stored).isFalse();
            assertThat(log.warnings()).anySatisfy(w -> assertThat(w).contains("legacy user [" + id + "]"));
        }
        assertThat(log.warnings()).anySatisfy(w -> assertThat(w).contains(Outcome.MALFORMED.jsonName()))
                .anySatisfy(w -> assertThat(w).contains(Outcome.UNSUPPORTED.jsonName()))
                .anySatisfy(w -> assertThat(w).contains(Outcome.NOT_ALLOWED.jsonName()));
        assertThat(log.all()).doesNotContain(malformed).doesNotContain("frperg").doesNotContain("abcdefgh")
                .doesNotContain("0123456789abcdef").doesNotContain("secret");
    }

    @Test
    void isValidWhenDatabaseFailsThenTemporarilyUnavailableNeverASilentFalse() {
        table.insert("johndoe", "secret");
        UserModel user = request().getUserByUsername(keycloak.realm(), "johndoe");
        LegacyUserStorageProvider nextRequest = request();
        table.breakIt();

        assertThatThrownBy(() -> nextRequest.isValid(keycloak.realm(), keycloak.localUser(user.getId()),
                UserCredentialModel.password("secret"))).isInstanceOfSatisfying(
                LegacyStoreFailures.TemporarilyUnavailable.class, e -> assertThat(e.getResponse().getStatus()).isEqualTo(503));
        assertThat(log.warnings()).anySatisfy(w -> assertThat(w).contains("failed (read password hash)"));
    }

    @Test
    void isValidWhenRowWasReadEarlierInTheRequestThenNoSecondRead() {
        table.insert("johndoe", "secret");
        KeycloakSession session = keycloak.newSession();
        LegacyUserStorageProvider provider = provider(session);
        UserModel user = provider.getUserByUsername(keycloak.realm(), "johndoe");
        table.breakIt();

        // the lookup of this request read the row: the password check uses it (even for Keycloak's own user object)
        assertThat(provider.isValid(keycloak.realm(), keycloak.localUser(user.getId()),
                UserCredentialModel.password("secret"))).isTrue();
        // a new request reads again
        assertThatThrownBy(() -> request().isValid(keycloak.realm(), keycloak.localUser(user.getId()),
                UserCredentialModel.password("secret"))).isInstanceOf(LegacyStoreFailures.TemporarilyUnavailable.class);
    }

    @Test
    void isValidWhenUserIsNotThisComponentsOrNotAPasswordThenFalseWithoutAQuery() {
        UserModel own = keycloak.addLocalUser("u1", "johndoe");
        LegacyUserStorageProvider provider = request();
        table.breakIt();

        assertThat(provider.isValid(keycloak.realm(), own, UserCredentialModel.password("secret"))).isFalse();
        UserModel linked = keycloak.addLocalUser("u2", "janedoe");
        linked.setFederationLink(COMPONENT_ID);
        assertThat(provider.isValid(keycloak.realm(), linked, new UserCredentialModel(null, OTPCredentialModel.TYPE,
                "123456"))).isFalse();
    }

    @Test
    void isValidWhenWritableWithUpgradeAndWeakerHashThenRowRewrittenInTheTargetFormat() {
        String id = table.insert("johndoe", "secret");
        LegacyUserStorageProvider provider = request("editMode", "WRITABLE", "upgradeOnLogin", "true",
                "passwordFormat", "django_pbkdf2_sha256:2000");
        UserModel user = provider.getUserByUsername(keycloak.realm(), "johndoe");

        assertThat(provider.isValid(keycloak.realm(), user, UserCredentialModel.password("secret"))).isTrue();

        assertThat(table.column(id, "password")).startsWith("pbkdf2_sha256$2000$");
        assertThat(verifier().verify("secret", table.column(id, "password")).outcome()).isEqualTo(Outcome.MATCH);
        assertThat(log.all()).doesNotContain(table.column(id, "password"));
    }

    // ------------------------------------------------------------------ new passwords

    @Test
    void updateCredentialWhenReadOnlyThenRefusedAndRowUnchanged() {
        String id = table.insert("johndoe", "secret");
        String before = table.column(id, "password");
        LegacyUserStorageProvider provider = request();
        UserModel user = provider.getUserByUsername(keycloak.realm(), "johndoe");

        assertThatThrownBy(() -> provider.updateCredential(keycloak.realm(), user,
                UserCredentialModel.password("new-password-1"))).isInstanceOf(ReadOnlyException.class)
                .hasMessageContaining("READ_ONLY");
        assertThat(table.column(id, "password")).isEqualTo(before);
    }

    @Test
    void updateCredentialWhenRealmPolicyRefusesThenPolicyErrorAndRowUnchanged() {
        String id = table.insert("johndoe", "secret");
        String before = table.column(id, "password");
        LegacyUserStorageProvider provider = request("editMode", "WRITABLE");
        UserModel user = provider.getUserByUsername(keycloak.realm(), "johndoe");
        keycloak.refuseNewPasswords(new PolicyError("invalidPasswordMinLengthMessage", 12));

        assertThatThrownBy(() -> provider.updateCredential(keycloak.realm(), user,
                UserCredentialModel.password("short"))).isInstanceOfSatisfying(ModelException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("invalidPasswordMinLengthMessage");
                    assertThat(e.getParameters()).containsExactly(12);
                });
        assertThat(table.column(id, "password")).isEqualTo(before);
    }

    @Test
    void updateCredentialWhenMigrateAndRealmPolicyRefusesThenNothingMigratedAndRowUnchanged() {
        String id = table.insert("johndoe", "secret");
        String before = table.column(id, "password");
        LegacyUserStorageProvider provider = request("editMode", "MIGRATE");
        UserModel user = provider.getUserByUsername(keycloak.realm(), "johndoe");
        keycloak.refuseNewPasswords(new PolicyError("invalidPasswordMinDigitsMessage", 1));

        assertThatThrownBy(() -> provider.updateCredential(keycloak.realm(), user,
                UserCredentialModel.password("nodigits"))).isInstanceOf(ModelException.class);
        assertThat(keycloak.localUser(user.getId()).getFederationLink()).isEqualTo(COMPONENT_ID);
        assertThat(table.column(id, "password")).isEqualTo(before);
    }

    @Test
    void updateCredentialWhenWritableAndPolicyAcceptsThenRowHoldsAHashOfTheNewPasswordInTheConfiguredFormat() {
        String id = table.insert("johndoe", "secret");
        LegacyUserStorageProvider provider = request("editMode", "WRITABLE");
        UserModel user = provider.getUserByUsername(keycloak.realm(), "johndoe");

        assertThat(provider.updateCredential(keycloak.realm(), user, UserCredentialModel.password("n3w-passw0rd")))
                .isTrue();

        String stored = table.column(id, "password");
        assertThat(stored).startsWith("pbkdf2_sha256$1000$");
        assertThat(verifier().verify("n3w-passw0rd", stored).outcome()).isEqualTo(Outcome.MATCH);
        assertThat(log.all()).doesNotContain("n3w-passw0rd").doesNotContain(stored);
    }

    @Test
    void isValidWhenPasswordChangedEarlierInTheRequestThenOnlyTheNewPasswordCounts() {
        table.insert("johndoe", "secret");
        LegacyUserStorageProvider provider = request("editMode", "WRITABLE");
        UserModel user = provider.getUserByUsername(keycloak.realm(), "johndoe");
        provider.updateCredential(keycloak.realm(), user, UserCredentialModel.password("n3w-passw0rd"));

        // the same user object, still carrying the row it was built with
        assertThat(provider.isValid(keycloak.realm(), user, UserCredentialModel.password("n3w-passw0rd"))).isTrue();
        assertThat(provider.isValid(keycloak.realm(), user, UserCredentialModel.password("secret"))).isFalse();
    }

    @Test
    void updateCredentialWhenRowDeletedMeanwhileThenRefusedInsteadOfClaimingSuccess() {
        String id = table.insert("johndoe", "secret");
        UserModel user = request().getUserByUsername(keycloak.realm(), "johndoe");
        LegacyUserStorageProvider nextRequest = request("editMode", "WRITABLE");
        table.execute("DELETE FROM auth_user WHERE id = " + id);

        assertThatThrownBy(() -> nextRequest.updateCredential(keycloak.realm(), keycloak.localUser(user.getId()),
                UserCredentialModel.password("n3w-passw0rd"))).isInstanceOf(ModelException.class)
                .hasMessageContaining("no longer exists");
    }

    // ------------------------------------------------------------------ credential metadata

    @Test
    void isConfiguredForWhenRowHasAUsableHashThenTrueOtherwiseFalse() {
        table.insert("withhash", "secret");
        table.insert("empty", "", "e@example.com", true, false, false);
        table.insert("unusable", "!Xk3pQ9zT2mW8vL4nR7sY1bC6dF0gH5jK2lM9nP3q", "x@example.com", true, false, false);
        LegacyUserStorageProvider provider = request();

        UserModel withHash = provider.getUserByUsername(keycloak.realm(), "withhash");
        assertThat(provider.isConfiguredFor(keycloak.realm(), withHash, PasswordCredentialModel.TYPE)).isTrue();
        assertThat(provider.isConfiguredFor(keycloak.realm(), withHash, OTPCredentialModel.TYPE)).isFalse();
        assertThat(provider.isConfiguredFor(keycloak.realm(), provider.getUserByUsername(keycloak.realm(), "empty"),
                PasswordCredentialModel.TYPE)).isFalse();
        assertThat(provider.isConfiguredFor(keycloak.realm(), provider.getUserByUsername(keycloak.realm(), "unusable"),
                PasswordCredentialModel.TYPE)).isFalse();
        assertThat(provider.isConfiguredFor(keycloak.realm(), keycloak.addLocalUser("u1", "own"),
                PasswordCredentialModel.TYPE)).isFalse();
    }

    private LegacyPasswordVerifier verifier() {
        return new LegacyPasswordVerifier(HashPolicy.defaults());
    }
}
