package dev.legacybridge.hash;

import dev.legacybridge.hash.firebase.FirebaseScrypt;
import dev.legacybridge.hash.recipe.Recipe;
import dev.legacybridge.hash.spring.SpringEncoders;

import java.util.Objects;
import java.util.Optional;

/**
 * What a verifier knows about the legacy application beyond the stored values: the settings of Spring's
 * {@code DelegatingPasswordEncoder} ({@link SpringEncoders}), and the users table's own unprefixed format, if it has
 * one: Firebase's modified scrypt or a recipe for a home-grown hash (a {@link ConfiguredFormat}).
 *
 * <p>One configuration per users table (a Keycloak component, a CLI run). Per-row data (a salt column) travels with
 * each value in a {@link StoredPassword}. Immutable.
 *
 * <pre>
 * SchemeConfiguration config = SchemeConfiguration.none()
 *         .withSpring(SpringEncoders.defaults().with("pbkdf2", Map.of("algorithm", "PBKDF2WithHmacSHA256",
 *                 "iterations", "310000", "salt_bytes", "16")))
 *         .withFormat(Recipe.parse(Map.of("recipe", "sha256", "salt_source", "column")));
 * LegacyPasswordVerifier verifier = new LegacyPasswordVerifier(policy, config);
 * verifier.verify(password, new StoredPassword(row.passwordHash(), row.passwordSalt()));
 * </pre>
 */
public final class SchemeConfiguration {

    private static final SchemeConfiguration NONE = new SchemeConfiguration(SpringEncoders.defaults(), null,
            new byte[0]);

    private final SpringEncoders spring;
    private final ConfiguredFormat format;
    private final byte[] bcryptPepper;

    private SchemeConfiguration(SpringEncoders spring, ConfiguredFormat format, byte[] bcryptPepper) {
        this.spring = Objects.requireNonNull(spring, "spring");
        this.format = format;
        this.bcryptPepper = bcryptPepper;
    }

    /** Spring's factory encoders, no unprefixed format: what {@code new LegacyPasswordVerifier(policy)} uses. */
    public static SchemeConfiguration none() {
        return NONE;
    }

    public SchemeConfiguration withSpring(SpringEncoders encoders) {
        return new SchemeConfiguration(encoders, format, bcryptPepper);
    }

    /** The users table's own format: a {@link FirebaseScrypt} or a {@link Recipe}; {@code null} for none. */
    public SchemeConfiguration withFormat(ConfiguredFormat newFormat) {
        return new SchemeConfiguration(spring, newFormat, bcryptPepper);
    }

    /**
     * A pepper appended to the password before plain bcrypt ({@code $2a$}, {@code $2b$}, {@code $2y$}) hashes it, as
     * Devise does with {@code config.pepper} ({@code BCrypt::Password.create("#{password}#{pepper}")}); the 72-byte
     * limit applies to password and pepper together. Empty or null for none. A secret: in the provider it comes from
     * the vault.
     */
    public SchemeConfiguration withBcryptPepper(String pepper) {
        byte[] bytes = pepper == null ? new byte[0] : pepper.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return new SchemeConfiguration(spring, format, bytes);
    }

    /** The bcrypt pepper's UTF-8 bytes (a copy), empty for none. */
    public byte[] bcryptPepper() {
        return bcryptPepper.clone();
    }

    public SpringEncoders spring() {
        return spring;
    }

    public Optional<ConfiguredFormat> format() {
        return Optional.ofNullable(format);
    }

    /**
     * Whether values of {@code schemeId} verify differently under this configuration than under {@link #none()}: the
     * configured format's own values, plain bcrypt with a pepper, Spring values with changed encoder settings. Such a
     * value cannot be checked anywhere the configuration is not (a bulk-migrated credential, say).
     */
    public boolean shapes(String schemeId) {
        if (schemeId == null) {
            return false;
        }
        if (format != null && format.info().id().equals(schemeId)) {
            return true;
        }
        if (bcryptPepper.length > 0 && SchemeIds.BCRYPT.equals(schemeId)) {
            return true;
        }
        return spring != SpringEncoders.defaults() && (SchemeIds.SPRING_DELEGATING.equals(schemeId)
                || SchemeIds.SPRING_DELEGATING_WEAK.equals(schemeId));
    }

    @Override
    public String toString() {
        return "SchemeConfiguration[format=" + (format == null ? "none" : format.info().id()) + ", bcryptPepper="
                + (bcryptPepper.length == 0 ? "none" : "<secret>") + "]";
    }
}
