package dev.legacybridge.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The audit's "profile incomplete" rule, shared by {@code legacy-hash audit} and the provider's migration page. */
class ProfileRequirementsTest {

    private static LegacyUser row(String email, String first, String last) {
        return new LegacyUser("1", "u", "x", email, first, last, true, null, false, Map.of(), Map.of());
    }

    @Test
    void stopsWhenKeycloakDefaultAndAnyFieldEmptyThenTrue() {
        LegacySchema django = LegacySchema.django();
        ProfileRequirements p = ProfileRequirements.KEYCLOAK_DEFAULT;

        assertThat(p.stops(django, row("a@example.com", "A", "B"))).isFalse();
        assertThat(p.stops(django, row(null, "A", "B"))).isTrue();
        assertThat(p.stops(django, row("a@example.com", null, "B"))).isTrue();
        assertThat(p.stops(django, row("a@example.com", "A", null))).isTrue();
    }

    @Test
    void stopsWhenFieldNotRequiredThenItsEmptinessDoesNotCount() {
        LegacySchema django = LegacySchema.django();
        ProfileRequirements emailOnly = new ProfileRequirements(true, false, false);

        assertThat(emailOnly.stops(django, row("a@example.com", null, null))).isFalse();
        assertThat(emailOnly.stops(django, row(null, "A", "B"))).isTrue();
        assertThat(new ProfileRequirements(false, false, false).stops(django, row(null, null, null))).isFalse();
        assertThat(new ProfileRequirements(false, false, false).any()).isFalse();
    }

    @Test
    void stopsWhenRequiredFieldNotMappedThenTrueForEveryRow() {
        LegacySchema noNames = new LegacySchema("users", "id", "username", "password", "email", null, null, null,
                null, null, java.util.List.of(), java.util.List.of(), null);

        assertThat(ProfileRequirements.KEYCLOAK_DEFAULT.stops(noNames, row("a@example.com", "A", "B"))).isTrue();
        assertThat(new ProfileRequirements(true, false, false).stops(noNames, row("a@example.com", "A", "B")))
                .isFalse();
    }
}
