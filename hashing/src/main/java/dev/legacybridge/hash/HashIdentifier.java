package dev.legacybridge.hash;

import dev.legacybridge.hash.recipe.Recipe;
import dev.legacybridge.hash.recipe.RecipeSearch;
import dev.legacybridge.hash.spring.SpringEncoders;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers "which format is this?" from one known password and its stored value (and salt): what
 * {@code legacy-hash identify} prints, for an administrator setting up a component from a test account.
 *
 * <ol>
 *   <li>The value is verified as the verifier would, with every scheme allowed and the given configuration; a match
 *       names the scheme (or the configured format).</li>
 *   <li>A Spring {@code {pbkdf2}} or {@code {scrypt}} value that Spring's factory settings do not match is tried with
 *       the other settings Spring itself ships ({@code defaultsForSpringSecurity_v5_8} for {@code {pbkdf2}}, a 64-byte
 *       key for {@code {scrypt}}).</li>
 *   <li>Otherwise recipes are searched ({@link RecipeSearch}).</li>
 * </ol>
 *
 * <p>Results name schemes and parameters only; the pepper is shown as {@code <secret>}, the password, hash and salt
 * never.
 */
public final class HashIdentifier {

    /**
     * One way to reproduce the value.
     *
     * @param scheme      the scheme id
     * @param description the scheme's description
     * @param parameters  the settings to configure ({@code --param} keys; empty for self-describing schemes)
     */
    public record Identification(String scheme, String description, Map<String, String> parameters) {
        public Identification {
            parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        }
    }

    private HashIdentifier() {
    }

    /**
     * @param configuration settings to try first (a Firebase project's, a Spring encoder's); {@link SchemeConfiguration#none()}
     * @param pepper        the application's pepper for the recipe search, or null
     * @param iterations    an extra iteration count for the recipe search, or 0
     */
    public static List<Identification> identify(String password, StoredPassword stored,
                                                SchemeConfiguration configuration, String pepper, int iterations) {
        List<Identification> found = new ArrayList<>();
        VerificationResult result = new LegacyPasswordVerifier(HashPolicy.allowingAll(), configuration)
                .verify(password, stored);
        if (result.outcome() == Outcome.MATCH) {
            found.add(new Identification(result.scheme(), describe(result.scheme()), Map.of()));
            return found;
        }
        String value = stored.value() == null ? "" : stored.value();
        for (Map.Entry<String, Map<String, String>> preset : springPresets(value).entrySet()) {
            SchemeConfiguration spring = configuration.withSpring(SpringEncoders.defaults()
                    .with(preset.getKey(), preset.getValue()));
            if (new LegacyPasswordVerifier(HashPolicy.allowingAll(), spring).verify(password, stored).outcome()
                    == Outcome.MATCH) {
                Map<String, String> parameters = new LinkedHashMap<>();
                parameters.put("delegating_id", preset.getKey());
                parameters.putAll(preset.getValue());
                found.add(new Identification(SchemeIds.SPRING_DELEGATING, describe(SchemeIds.SPRING_DELEGATING),
                        parameters));
                return found;
            }
        }
        for (Map<String, String> recipe : RecipeSearch.search(password, stored, pepper, iterations)) {
            String scheme = recipe.get("recipe").startsWith("pbkdf2") ? SchemeIds.RECIPE_PBKDF2
                    : SchemeIds.RECIPE_DIGEST;
            found.add(new Identification(scheme, describe(scheme), recipe));
        }
        return found;
    }

    private static Map<String, Map<String, String>> springPresets(String value) {
        Map<String, Map<String, String>> presets = new LinkedHashMap<>();
        if (value.startsWith("{pbkdf2}")) {
            presets.put("pbkdf2", Map.of("algorithm", "PBKDF2WithHmacSHA256", "iterations", "310000",
                    "salt_bytes", "16", "hash_bits", "256"));
        } else if (value.startsWith("{scrypt}")) {
            presets.put("scrypt", Map.of("keyLength", "64"));
        }
        return presets;
    }

    private static String describe(String scheme) {
        if (scheme.equals(SchemeIds.RECIPE_DIGEST)) {
            return Recipe.DIGEST_INFO.description();
        }
        return LegacyPasswordVerifier.schemes().stream().filter(i -> i.id().equals(scheme))
                .map(SchemeInfo::description).findFirst().orElse(scheme);
    }
}
