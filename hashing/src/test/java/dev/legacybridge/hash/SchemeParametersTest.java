package dev.legacybridge.hash;

import dev.legacybridge.hash.firebase.FirebaseScrypt;
import dev.legacybridge.hash.recipe.Recipe;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The reading of a vector's (or a JSON line's) {@code params}. */
class SchemeParametersTest {

    @Test
    void parseWhenNoParamsThenNoConfiguration() {
        SchemeParameters.Parsed parsed = SchemeParameters.parse(Map.of(), "$2b$04$x");

        assertThat(parsed.configuration()).isSameAs(SchemeConfiguration.none());
        assertThat(parsed.salt()).isNull();
    }

    @Test
    void parseWhenFirebaseKeysThenFirebaseFormatAndRowSalt() {
        SchemeParameters.Parsed parsed = SchemeParameters.parse(Map.of("base64_signer_key", "AAAA",
                "base64_salt_separator", "Bw==", "rounds", "8", "mem_cost", "14", "base64_salt", "c2FsdA=="), "x");

        assertThat(parsed.configuration().format()).get().isInstanceOf(FirebaseScrypt.class);
        assertThat(parsed.salt()).isEqualTo("c2FsdA==");
        assertThat(parsed.toString()).doesNotContain("c2FsdA==");
    }

    @Test
    void parseWhenRecipeKeysThenRecipeAndRowSalt() {
        SchemeParameters.Parsed parsed = SchemeParameters.parse(Map.of("recipe", "sha256", "salt_source", "column",
                "salt", "pepperoni"), "ab");

        assertThat(parsed.configuration().format()).get().isInstanceOf(Recipe.class);
        assertThat(parsed.salt()).isEqualTo("pepperoni");
    }

    @Test
    void parseWhenSpringSettingsThenForTheValuesIdOrDelegatingId() {
        String v58 = "{pbkdf2}79175e6f2d0c183d8aecc43d6456ae8005cc410356341cd6832c029e446976a2bf05d8186e2325b302e8f3229a"
                + "9d854b"; // vector spring-delegating-pbkdf2-as-v5-8-plain
        Map<String, String> settings = Map.of("algorithm", "PBKDF2WithHmacSHA256", "iterations", "310000",
                "salt_bytes", "16", "hash_bits", "256", "secret", "", "encoding", "hex");

        SchemeConfiguration byValue = SchemeParameters.parse(settings, v58).configuration();
        SchemeConfiguration byId = SchemeParameters.parse(new java.util.HashMap<>(Map.of("delegating_id", "pbkdf2",
                "iterations", "310000", "algorithm", "PBKDF2WithHmacSHA256", "salt_bytes", "16")), null).configuration();

        for (SchemeConfiguration configuration : new SchemeConfiguration[] {byValue, byId}) {
            assertThat(new LegacyPasswordVerifier(HashPolicy.allowingAll(), configuration).verify("password", v58)
                    .outcome()).isEqualTo(Outcome.MATCH);
        }
        assertThat(new LegacyPasswordVerifier(HashPolicy.allowingAll()).verify("password", v58).outcome())
                .as("stock {pbkdf2} is SHA-1 with an 8-byte salt: the 96 hex digits cannot be its")
                .isEqualTo(Outcome.MALFORMED);
    }

    @Test
    void parseWhenParamsUnusableThenAdminMessage() {
        assertThatThrownBy(() -> SchemeParameters.parse(Map.of("rounds", "8"), "$2b$04$x"))
                .hasMessageContaining("delegating_id");
        assertThatThrownBy(() -> SchemeParameters.parse(Map.of("iterations", "8"), "{bcrypt}$2a$"))
                .hasMessageContaining("has no setting iterations");
        assertThatThrownBy(() -> SchemeParameters.parse(Map.of("delegating_id", "rot13"), null))
                .hasMessageContaining("is not one of");
        assertThatThrownBy(() -> SchemeParameters.parse(Map.of("base64_signer_key", "AAAA", "rounds", "8"), null))
                .hasMessageContaining("mem_cost is required");
        assertThatThrownBy(() -> SchemeParameters.parse(Map.of("base64_signer_key", "AAAA", "rounds", "8",
                "mem_cost", "14", "colour", "red"), null)).hasMessageContaining("have no colour");
    }
}
