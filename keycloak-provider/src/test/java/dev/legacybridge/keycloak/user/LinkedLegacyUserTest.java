package dev.legacybridge.keycloak.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.legacybridge.keycloak.config.LegacyStoreConfig;
import dev.legacybridge.keycloak.migration.LegacyIdentity;
import dev.legacybridge.keycloak.testing.DjangoTable;
import dev.legacybridge.store.LegacyUser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keycloak.models.UserModel;
import org.keycloak.storage.ReadOnlyException;
import org.keycloak.storage.adapter.InMemoryUserAdapter;

/** Which changes a linked user accepts in each mode, and where they go: the legacy row first, then Keycloak's copy. */
class LinkedLegacyUserTest {

    @TempDir
    Path dir;

    private DjangoTable table;
    private String id;
    private final List<LegacyUser> written = new ArrayList<>();

    @BeforeEach
    void row() {
        table = new DjangoTable(dir);
        id = table.insert("JohnDoe", DjangoTable.hash("secret"), "john@example.com", true, false, false);
    }

    /** The Keycloak user as the provider hands it out: Keycloak's copy, in step with the row. */
    private LinkedLegacyUser linked(String... config) {
        LegacyStoreConfig parsed = table.parse(config);
        LegacyUser row = table.row(parsed, id);
        InMemoryUserAdapter local = new InMemoryUserAdapter(null, null, LegacyIdentity.keycloakId("c1", id));
        local.setUsername(row.username());
        local.setEmail(row.email());
        local.setFirstName(row.firstName());
        local.setLastName(row.lastName());
        local.setEnabled(true);
        local.setSingleAttribute(LegacyIdentity.LEGACY_ID, id);
        local.setFederationLink("c1");
        return new LinkedLegacyUser(local, parsed, table.repository(parsed), row, written::add);
    }

    @Test
    void setEmailWhenReadOnlyThenRefusedAndNothingWritten() {
        LinkedLegacyUser user = linked();

        assertThatThrownBy(() -> user.setEmail("other@example.com")).isInstanceOf(ReadOnlyException.class)
                .hasMessageContaining("read-only in mode READ_ONLY");
        assertThat(table.column(id, "email")).isEqualTo("john@example.com");
        assertThat(user.getEmail()).isEqualTo("john@example.com");
        assertThat(written).isEmpty();
    }

    @Test
    void setFirstNameWhenMigrateThenRefusedToo() {
        LinkedLegacyUser user = linked("editMode", "MIGRATE");

        assertThatThrownBy(() -> user.setFirstName("Johnny")).isInstanceOf(ReadOnlyException.class)
                .hasMessageContaining("mode MIGRATE");
        assertThat(table.column(id, "first_name")).isEqualTo("First JohnDoe");
    }

    @Test
    void setEmailWhenWritableThenTheColumnThenKeycloakCopyChangeAndTheRequestCacheIsTold() {
        LinkedLegacyUser user = linked("editMode", "WRITABLE");

        user.setEmail("new@example.com");

        assertThat(table.column(id, "email")).isEqualTo("new@example.com");
        assertThat(user.getEmail()).isEqualTo("new@example.com");
        assertThat(user.row().email()).isEqualTo("new@example.com");
        assertThat(written).extracting(LegacyUser::email).containsExactly("new@example.com");
    }

    @Test
    void setLastNameWhenWritableThenWrittenThroughTheAttributeApiToo() {
        LinkedLegacyUser user = linked("editMode", "WRITABLE");

        user.setAttribute(UserModel.LAST_NAME, List.of("Dough"));

        assertThat(table.column(id, "last_name")).isEqualTo("Dough");
        assertThat(user.getLastName()).isEqualTo("Dough");
    }

    @Test
    void setEmailWhenOnlyTheCaseDiffersThenAcceptedWithoutAWriteEvenWhenReadOnly() {
        LinkedLegacyUser user = linked();

        user.setEmail("JOHN@example.com");
        user.setFirstName("First JohnDoe");
        user.setSingleAttribute(UserModel.EMAIL, "john@EXAMPLE.com");

        assertThat(written).isEmpty();
    }

    @Test
    void setUsernameWhenDifferentThenRefusedInEveryModeAndWhenSameIgnoringCaseThenAccepted() {
        for (String mode : new String[] {"READ_ONLY", "WRITABLE", "MIGRATE"}) {
            LinkedLegacyUser user = linked("editMode", mode);

            user.setUsername("johndoe");
            user.setSingleAttribute(UserModel.USERNAME, "JOHNDOE");
            assertThatThrownBy(() -> user.setUsername("john")).as(mode).isInstanceOf(ReadOnlyException.class);
            assertThatThrownBy(() -> user.setSingleAttribute(UserModel.USERNAME, "john")).as(mode)
                    .isInstanceOf(ReadOnlyException.class);
        }
        assertThat(table.column(id, "username")).isEqualTo("JohnDoe");
    }

    @Test
    void setSingleAttributeWhenTheLegacyTableOwnsItThenRefusedUnlessUnchangedAndOtherAttributesAreKeycloaks() {
        LinkedLegacyUser user = linked("editMode", "WRITABLE");

        user.setSingleAttribute(LegacyIdentity.LEGACY_ID, id);
        assertThatThrownBy(() -> user.setSingleAttribute(LegacyIdentity.LEGACY_ID, "999"))
                .isInstanceOf(ReadOnlyException.class).hasMessageContaining("read-only");
        assertThatThrownBy(() -> user.removeAttribute(LegacyIdentity.LEGACY_ID)).isInstanceOf(ReadOnlyException.class);

        user.setSingleAttribute("phone", "+41 44 000 00 00");
        assertThat(user.getFirstAttribute("phone")).isEqualTo("+41 44 000 00 00");
        assertThat(written).isEmpty();
    }

    @Test
    void isEnabledWhenLegacyRowInactiveThenDisabledWhateverKeycloakSays() {
        table.execute("UPDATE auth_user SET is_active = 0 WHERE id = " + id);
        LinkedLegacyUser inactive = linked();

        assertThat(inactive.isEnabled()).isFalse();
        assertThat(inactive.getDelegate().isEnabled()).isTrue();
    }

    @Test
    void isEnabledWhenKeycloakDisabledAnActiveRowThenDisabled() {
        LinkedLegacyUser user = linked();

        user.setEnabled(false); // READ_ONLY: an admin's lock is Keycloak's own

        assertThat(user.isEnabled()).isFalse();
        assertThat(table.column(id, "is_active")).isEqualTo("1");
        assertThat(written).isEmpty();
    }

    @Test
    void setEnabledWhenWritableThenTheActiveColumnChangesAndKeycloaksSideStaysEnabled() {
        LinkedLegacyUser user = linked("editMode", "WRITABLE");

        user.setEnabled(false);

        assertThat(table.column(id, "is_active")).isEqualTo("0");
        assertThat(user.isEnabled()).isFalse();
        assertThat(user.getDelegate().isEnabled()).isTrue();

        user.setEnabled(true);

        assertThat(table.column(id, "is_active")).isEqualTo("1");
        assertThat(user.isEnabled()).isTrue();
        assertThat(written).extracting(LegacyUser::active).containsExactly(false, true);
    }

    @Test
    void setFirstNameWhenRowDeletedMeanwhileThenRefusedAndKeycloakCopyUnchanged() {
        LinkedLegacyUser user = linked("editMode", "WRITABLE");
        table.execute("DELETE FROM auth_user WHERE id = " + id);

        assertThatThrownBy(() -> user.setFirstName("Johnny")).isInstanceOf(ReadOnlyException.class)
                .hasMessageContaining("no longer exists");
        assertThat(user.getFirstName()).isEqualTo("First JohnDoe");
    }

    @Test
    void setFirstNameWhenWritableAndClearedThenDjangosBlankNotNull() {
        LinkedLegacyUser user = linked("editMode", "WRITABLE");

        user.setFirstName("");

        assertThat(table.column(id, "first_name")).as("Django's NOT NULL column holds '' for blank").isEmpty();
        assertThat(user.row().firstName()).isNull();
    }

    @Test
    void setEmailWhenTheLegacyTableRefusesTheValueThenSaidSoNotUnavailable() {
        LinkedLegacyUser user = linked("editMode", "WRITABLE");
        table.execute("CREATE UNIQUE INDEX auth_user_email_unique ON auth_user (email)");
        table.insert("other", DjangoTable.hash("x"), "taken@example.com", true, false, false);

        assertThatThrownBy(() -> user.setEmail("taken@example.com")).isInstanceOf(ReadOnlyException.class)
                .hasMessage("The legacy table refused this value for email (a constraint of the legacy database; the "
                        + "server log names it)");
        assertThat(user.getEmail()).isEqualTo("john@example.com");
    }

    @Test
    void setEmailWhenDatabaseFailsThenRefusedAsUnavailableAndKeycloakCopyUnchanged() {
        LinkedLegacyUser user = linked("editMode", "WRITABLE");
        table.breakIt();

        assertThatThrownBy(() -> user.setEmail("new@example.com")).isInstanceOf(ReadOnlyException.class)
                .hasMessageContaining("unavailable");
        assertThat(user.getEmail()).isEqualTo("john@example.com");
    }

    @Test
    void isEmailVerifiedWhenEmailIsTrustedThenTrueOtherwiseKeycloaksFlag() {
        assertThat(linked().isEmailVerified()).isTrue();

        LinkedLegacyUser untrusted = linked("trustEmail", "false");
        assertThat(untrusted.isEmailVerified()).isFalse();
        untrusted.setEmailVerified(true);
        assertThat(untrusted.isEmailVerified()).isTrue();
    }
}
