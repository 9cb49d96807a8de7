package dev.legacybridge.cli;

import dev.legacybridge.hash.SchemeConfiguration;
import dev.legacybridge.hash.SchemeParameters;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Settings of formats whose configuration is not in the stored value, as {@code --param KEY=VALUE} with the keys of
 * the {@code params} objects of the shared vector files ({@link SchemeParameters}): Firebase scrypt's project
 * parameters, a recipe for a home-grown hash, or one Spring encoder's settings. Secrets (a signer key, a pepper) can
 * come from the environment with {@code --param-env KEY=VARIABLE}, which keeps them out of the process list.
 */
final class FormatOptions {

    @Option(names = "--param", paramLabel = "KEY=VALUE", mapFallbackValue = "",
            description = "A format setting: base64_signer_key, base64_salt_separator, rounds, mem_cost (Firebase); "
                    + "recipe, salt_source, salt_position, salt_encoding, hash_encoding, iterations, key_length, "
                    + "salt_separator, pepper, pepper_position, hmac_key (recipes); bcrypt_pepper (Devise); delegating_id with algorithm, "
                    + "iterations, salt_bytes, hash_bits, secret, encoding, keyLength (Spring). Repeatable.")
    private Map<String, String> params;

    @Option(names = "--param-env", paramLabel = "KEY=VARIABLE",
            description = "A format setting read from an environment variable (for base64_signer_key, pepper, secret).")
    private Map<String, String> paramEnv;

    /**
     * The settings, with {@code --param-env} values resolved.
     *
     * @throws UsageException for an unset variable
     */
    Map<String, String> settings(Map<String, String> env) {
        Map<String, String> settings = new LinkedHashMap<>();
        if (params != null) {
            settings.putAll(params);
        }
        if (paramEnv != null) {
            for (Map.Entry<String, String> e : paramEnv.entrySet()) {
                String value = env.get(e.getValue());
                if (value == null) {
                    throw new UsageException("--param-env " + e.getKey() + ": environment variable " + e.getValue()
                            + " is not set");
                }
                settings.put(e.getKey(), value);
            }
        }
        return settings;
    }

    /**
     * The verifier configuration of these settings.
     *
     * @throws UsageException naming the setting that cannot be used
     */
    SchemeConfiguration configuration(Map<String, String> env) {
        Map<String, String> settings = settings(env);
        try {
            return SchemeParameters.parse(settings, null).configuration();
        } catch (IllegalArgumentException e) {
            throw new UsageException("--param: " + e.getMessage());
        }
    }
}
