package dev.legacybridge.keycloak.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.verify;

import dev.legacybridge.keycloak.config.LegacyStoreConfig;
import dev.legacybridge.keycloak.testing.FakeKeycloak;
import dev.legacybridge.store.LegacyUser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

/** What a legacy row writes into the Keycloak user standing for it, and what it leaves alone. */
class UserFromRowTest {

    private static final String COMPONENT = FakeKeycloak.COMPONENT_ID;

    private final FakeKeycloak keycloak = new FakeKeycloak();
    private final KeycloakSession session = keycloak.newSession();
    private final LegacyStoreConfig config = config("legacyGroupsAs", "roles");

    private static LegacyStoreConfig config(String... keyValues) {
        MultivaluedHashMap<String, String> map = new MultivaluedHashMap<>();
        map.putSingle("jdbcUrl", "jdbc:sqlite:legacy.sqlite3");
        for (int i = 0; i < keyValues.length; i += 2) {
            map.putSingle(keyValues[i], keyValues[i + 1]);
        }
        return LegacyStoreConfig.from(map);
    }

    private static LegacyUser row(String username, String email, String first, String last, boolean superuser) {
        return new LegacyUser("42", username, "hash-not-read-here", email, first, last, true, null, false, Map.of(),
                Map.of("is_superuser", superuser, "is_staff", false));
    }

    private UserModel user(String username) {
        return keycloak.addLocalUser(LegacyIdentity.keycloakId(COMPONENT, "42"), username);
    }

    @Test
    void applyProfileWhenNewRowThenProfileAndLegacyAttributesAreCopied() {
        UserModel user = user("johndoe");

        UserFromRow.applyProfile(session, keycloak.realm(), user, config, COMPONENT,
                row("JohnDoe", "John@Example.com", "John", "Doe", false));

        assertThat(user.getEmail()).isEqualTo("john@example.com");
        assertThat(user.isEmailVerified()).isTrue();
        assertThat(user.getFirstName()).isEqualTo("John");
        assertThat(user.getLastName()).isEqualTo("Doe");
        assertThat(user.getFirstAttribute(LegacyIdentity.LEGACY_ID)).isEqualTo("42");
        assertThat(user.getFirstAttribute(LegacyIdentity.LEGACY_USERNAME)).isEqualTo("JohnDoe");
        assertThat(user.getFirstAttribute(LegacyIdentity.LEGACY_COMPONENT)).isEqualTo(COMPONENT);
    }

    @Test
    void applyProfileWhenRowUnchangedThenNothingIsWritten() {
        LegacyUser row = row("JohnDoe", "john@example.com", "John", "Doe", false);
        UserModel user = user("johndoe");
        UserFromRow.applyProfile(session, keycloak.realm(), user, config, COMPONENT, row);
        UserModel watched = spy(user);

        UserFromRow.applyProfile(session, keycloak.realm(), watched, config, COMPONENT, row);

        verify(watched, never()).setUsername(any());
        verify(watched, never()).setEmail(any());
        verify(watched, never()).setEmailVerified(anyBoolean());
        verify(watched, never()).setFirstName(any());
        verify(watched, never()).setLastName(any());
        verify(watched, never()).setSingleAttribute(anyString(), any());
        verify(watched, never()).setAttribute(anyString(), any());
        verify(watched, never()).removeAttribute(anyString());
    }

    @Test
    void applyProfileWhenRenamedInTheLegacyAppThenUsernameFollowsUnlessSomeoneElseHoldsIt() {
        UserModel user = user("johndoe");

        UserFromRow.applyProfile(session, keycloak.realm(), user, config, COMPONENT,
                row("John", "john@example.com", "John", "Doe", false));
        assertThat(user.getUsername()).isEqualTo("john");

        keycloak.addLocalUser("someone-else", "jd");
        UserFromRow.applyProfile(session, keycloak.realm(), user, config, COMPONENT,
                row("JD", "john@example.com", "John", "Doe", false));
        assertThat(user.getUsername()).isEqualTo("john");
        assertThat(user.getFirstAttribute(LegacyIdentity.LEGACY_USERNAME)).isEqualTo("JD");
    }

    @Test
    void applyProfileWhenEmailBelongsToAnotherKeycloakUserThenNotCopied() {
        keycloak.addLocalUser("someone-else", "jane").setEmail("shared@example.com");
        UserModel user = user("johndoe");
        user.setEmail("john@example.com");

        UserFromRow.applyProfile(session, keycloak.realm(), user, config, COMPONENT,
                row("johndoe", "Shared@example.com", "John", "Doe", false));

        assertThat(user.getEmail()).isEqualTo("john@example.com");
    }

    @Test
    void applyProfileWhenNamesOrEmailBlankInTheRowThenKeycloakHoldsNone() {
        UserModel user = user("johndoe");
        UserFromRow.applyProfile(session, keycloak.realm(), user, config, COMPONENT,
                row("johndoe", "john@example.com", "John", "Doe", false));

        UserFromRow.applyProfile(session, keycloak.realm(), user, config, COMPONENT, row("johndoe", "", "", "", false));

        assertThat(user.getEmail()).isNull();
        assertThat(user.getFirstName()).isNull();
        assertThat(user.getLastName()).isNull();
    }

    @Test
    void applyAuthoritiesWhenFlagClearedThenTheSyncedRoleIsTakenBackAndKeycloaksOwnGrantStays() {
        RoleModel admin = keycloak.addRole("admin");
        RoleModel auditor = keycloak.addRole("auditor");
        UserModel user = user("johndoe");
        UserFromRow.applyAuthorities(session, keycloak.realm(), user, config,
                row("johndoe", null, null, null, true), List::of, true);
        user.grantRole(auditor); // granted by an admin in Keycloak
        assertThat(user.getRoleMappingsStream()).containsExactlyInAnyOrder(admin, auditor);

        UserFromRow.applyAuthorities(session, keycloak.realm(), user, config,
                row("johndoe", null, null, null, false), List::of, true);

        assertThat(user.getRoleMappingsStream()).containsExactly(auditor);
        assertThat(user.getAttributeStream(LegacyIdentity.SYNCED_ROLES)).isEmpty();
    }

    @Test
    void applyAuthoritiesWhenGroupsBecomeRolesThenGroupRolesAreSyncedLikeFlags() {
        RoleModel editors = keycloak.addRole("editors");
        UserModel user = user("johndoe");

        UserFromRow.applyAuthorities(session, keycloak.realm(), user, config,
                row("johndoe", null, null, null, false), () -> List.of("editors", "no-such-role"), true);

        assertThat(user.getRoleMappingsStream()).containsExactly(editors);

        UserFromRow.applyAuthorities(session, keycloak.realm(), user, config,
                row("johndoe", null, null, null, false), List::of, true);

        assertThat(user.getRoleMappingsStream()).isEmpty();
    }

    @Test
    void applyAuthoritiesWhenMigratingThenGrantsStayAsKeycloaksOwnAndTheBookkeepingGoes() {
        RoleModel admin = keycloak.addRole("admin");
        UserModel user = user("johndoe");
        UserFromRow.applyAuthorities(session, keycloak.realm(), user, config,
                row("johndoe", null, null, null, true), List::of, true);
        assertThat(user.getAttributeStream(LegacyIdentity.SYNCED_ROLES)).containsExactly("admin");

        UserFromRow.applyAuthorities(session, keycloak.realm(), user, config,
                row("johndoe", null, null, null, true), List::of, false);

        assertThat(user.getRoleMappingsStream()).containsExactly(admin);
        assertThat(user.getAttributeStream(LegacyIdentity.SYNCED_ROLES)).isEmpty();
    }
}
