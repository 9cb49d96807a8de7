package dev.legacybridge.keycloak.config;

import dev.legacybridge.hash.ConfiguredFormat;
import dev.legacybridge.hash.SchemeConfiguration;
import dev.legacybridge.hash.SchemeParameters;
import dev.legacybridge.hash.recipe.Recipe;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Turns a component's "Password format settings" into the verifier's {@link SchemeConfiguration}: vault references
 * resolved, then read by {@link SchemeParameters} with the keys of the shared vector files, so that a line of
 * {@code legacy-hash verify --jsonl} with a {@code params} object and a component with the same settings verify alike.
 *
 * @param configuration what the verifier and the encoder use
 * @param fingerprint   SHA-256 of the resolved settings: a pool is rebuilt when a vault secret changes, without this
 *                      object keeping the secret's text
 */
public record FormatSettings(SchemeConfiguration configuration, String fingerprint) {

    public static final FormatSettings NONE = new FormatSettings(SchemeConfiguration.none(), "");

    /**
     * @param resolveSecret resolves {@code ${vault.key}} (throws {@link IllegalStateException} naming a missing key)
     * @throws LegacyStoreConfig.InvalidConfigException naming the setting that cannot be used; never quoting a secret
     */
    public static FormatSettings of(LegacyStoreConfig config, UnaryOperator<String> resolveSecret) {
        Map<String, String> raw = config.formatSettings();
        if (raw.isEmpty()) {
            return NONE;
        }
        Map<String, String> resolved = new LinkedHashMap<>();
        raw.forEach((key, value) -> resolved.put(key, LegacyStoreConfig.isVaultReference(value)
                ? resolveSecret.apply(value) : value));
        SchemeConfiguration configuration;
        try {
            configuration = SchemeParameters.parse(resolved, null).configuration();
        } catch (IllegalArgumentException e) {
            throw new LegacyStoreConfig.InvalidConfigException(java.util.List.of("Password format settings: "
                    + e.getMessage()));
        }
        ConfiguredFormat format = configuration.format().orElse(null);
        boolean readsSaltColumn = format != null && (format.requiresSalt()
                || format instanceof Recipe recipe && recipe.saltSource() == Recipe.SaltSource.COLUMN);
        if (readsSaltColumn && config.schema().saltColumn() == null) {
            throw new LegacyStoreConfig.InvalidConfigException(java.util.List.of("Password format settings: "
                    + format.info().id() + " reads each user's salt; set the Salt column"));
        }
        return new FormatSettings(configuration, sha256(resolved.toString()));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "FormatSettings[" + configuration + "]";
    }
}
