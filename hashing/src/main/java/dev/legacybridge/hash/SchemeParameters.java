package dev.legacybridge.hash;

import dev.legacybridge.hash.firebase.FirebaseScrypt;
import dev.legacybridge.hash.recipe.Recipe;
import dev.legacybridge.hash.spring.SpringEncoders;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the {@code params} of a stored value whose configuration is not in the value itself, with the keys of
 * {@code more-password-hashes.json} (the shared vector file), as {@code legacy-hash verify --jsonl} and
 * {@code --param KEY=VALUE} accept them. One parameter set describes one format:
 *
 * <ul>
 *   <li>{@code base64_signer_key} present: Firebase scrypt. Keys {@code base64_signer_key},
 *       {@code base64_salt_separator}, {@code rounds}, {@code mem_cost}; the user's {@code base64_salt} is the row's
 *       salt.</li>
 *   <li>{@code recipe} present: a {@link Recipe} (its keys); {@code salt} is the row's salt column value.</li>
 *   <li>otherwise: settings of a Spring encoder ({@link SpringEncoders} keys), for the {@code {id}} of the stored value
 *       or the one named by {@code delegating_id}.</li>
 * </ul>
 * With any of these, or alone, {@code bcrypt_pepper} is a pepper appended to the password before plain bcrypt hashes
 * it (Devise's {@code config.pepper}, {@link SchemeConfiguration#withBcryptPepper}).
 *
 * <p>{@link #SECRET_KEYS} are the keys whose values are secrets: the provider accepts them only as vault references.
 *
 * <p>The provider reads the same settings from its component configuration and builds the same objects
 * ({@link FirebaseScrypt}, {@link Recipe}, {@link SpringEncoders#with}); this class is the shared reading for
 * line-oriented input.
 */
public final class SchemeParameters {

    /** Keys whose values are secrets (a signer key, a pepper, Spring's PBKDF2 secret). */
    public static final Set<String> SECRET_KEYS = Set.of("base64_signer_key", "pepper", "secret", "bcrypt_pepper");

    /** Devise's pepper for plain bcrypt values. */
    public static final String BCRYPT_PEPPER = "bcrypt_pepper";

    private static final Set<String> FIREBASE_KEYS = Set.of("base64_signer_key", "base64_salt_separator", "rounds",
            "mem_cost", "base64_salt");

    /**
     * @param configuration the verifier configuration these parameters make
     * @param salt          the row's salt ({@code base64_salt} or {@code salt}), or null
     */
    public record Parsed(SchemeConfiguration configuration, String salt) {
        @Override
        public String toString() {
            return "SchemeParameters.Parsed[" + configuration + ", salt=" + (salt == null ? "none" : "<given>") + "]";
        }
    }

    private SchemeParameters() {
    }

    /**
     * @param params parameter values as text (JSON numbers as their digits); empty for none
     * @param stored the stored value the parameters are for, whose Spring {@code {id}} they configure; may be null
     * @throws IllegalArgumentException naming the key and the rule; never quoting a secret
     */
    public static Parsed parse(Map<String, String> params, String stored) {
        Map<String, String> p = new LinkedHashMap<>(params);
        String pepper = p.remove(BCRYPT_PEPPER);
        Parsed parsed = parseFormat(p, stored);
        return pepper == null || pepper.isEmpty() ? parsed
                : new Parsed(parsed.configuration().withBcryptPepper(pepper), parsed.salt());
    }

    private static Parsed parseFormat(Map<String, String> p, String stored) {
        if (p.isEmpty()) {
            return new Parsed(SchemeConfiguration.none(), null);
        }
        if (p.containsKey("base64_signer_key")) {
            Set<String> unknown = new TreeSet<>(p.keySet());
            unknown.removeAll(FIREBASE_KEYS);
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException("firebase parameters have no " + String.join(", ", unknown));
            }
            FirebaseScrypt firebase = FirebaseScrypt.fromBase64(p.get("base64_signer_key"),
                    p.get("base64_salt_separator"), integer(p, "rounds"), integer(p, "mem_cost"));
            return new Parsed(SchemeConfiguration.none().withFormat(firebase), p.get("base64_salt"));
        }
        if (p.containsKey("recipe")) {
            String salt = p.remove("salt");
            return new Parsed(SchemeConfiguration.none().withFormat(Recipe.parse(p)), salt);
        }
        String id = p.get("delegating_id");
        if (id == null && stored != null && stored.startsWith("{") && stored.indexOf('}') > 0) {
            id = stored.substring(1, stored.indexOf('}'));
        }
        if (id == null) {
            throw new IllegalArgumentException("parameters are for Firebase scrypt (base64_signer_key), a recipe "
                    + "(recipe) or a Spring {id} value (delegating_id)");
        }
        return new Parsed(SchemeConfiguration.none().withSpring(SpringEncoders.defaults().with(id, p)), null);
    }

    private static int integer(Map<String, String> p, String key) {
        String value = p.get(key);
        if (value == null) {
            throw new IllegalArgumentException("firebase " + key + " is required");
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("firebase " + key + " must be a whole number");
        }
    }
}
