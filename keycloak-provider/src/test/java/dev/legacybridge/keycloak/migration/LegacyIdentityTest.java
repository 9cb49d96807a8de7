package dev.legacybridge.keycloak.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class LegacyIdentityTest {

    private static final String COMPONENT = "0d6b2a5e-7c3f-4e8a-9b1d-2f4c6e8a0b1c";

    @Test
    void keycloakIdWhenSameComponentAndRowThenSameIdEveryTime() {
        assertThat(LegacyIdentity.keycloakId(COMPONENT, "1")).isEqualTo(LegacyIdentity.keycloakId(COMPONENT, "1"));
    }

    @Test
    void keycloakIdWhenComputedThenRfc4122Version5AsPythonsUuid5() {
        // python3 -c "import uuid; print(uuid.uuid5(uuid.UUID('8f2c7f4e-3b1d-5a6e-9c0b-4d2e1f3a5b7c'),
        //             '0d6b2a5e-7c3f-4e8a-9b1d-2f4c6e8a0b1c\n1'))"
        String id = LegacyIdentity.keycloakId(COMPONENT, "1");

        assertThat(id).isEqualTo("8085a7c2-3780-59ce-aa42-2ba105c2a7b0");
        assertThat(UUID.fromString(id).version()).isEqualTo(5);
        assertThat(UUID.fromString(id).variant()).isEqualTo(2);
        assertThat(id).hasSize(36); // Keycloak's USER_ENTITY.ID is VARCHAR(36)
    }

    @Test
    void keycloakIdWhenOtherRowOrComponentThenOtherId() {
        assertThat(LegacyIdentity.keycloakId(COMPONENT, "2")).isNotEqualTo(LegacyIdentity.keycloakId(COMPONENT, "1"));
        assertThat(LegacyIdentity.keycloakId("other", "1")).isNotEqualTo(LegacyIdentity.keycloakId(COMPONENT, "1"));
        // No ambiguity from concatenation: ("a", "b\nc") and ("a\nb", "c") are different rows of different components.
        assertThat(LegacyIdentity.keycloakId(COMPONENT + "1", "0")).isNotEqualTo(LegacyIdentity.keycloakId(COMPONENT, "10"));
    }
}
