package dev.legacybridge.it;

import dev.legacybridge.stack.LegacyDbScripts;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The secrets of the seeded legacy users, to assert that no log contains them: every stored hash, its salt and hash
 * fields (12 characters or more), bcrypt's 22-character salt, and the test passwords distinctive enough to search for.
 */
final class SecretScan {

    private static final Pattern QUOTED = Pattern.compile("'((?:[^']|'')*)'");

    /** Format prefixes are not secret (and appear in log lines naming a scheme). */
    private static final Set<String> ALGORITHM_NAMES = Set.of("pbkdf2_sha256", "bcrypt_sha256", "pbkdf2-sha256",
            "pbkdf2-sha512", "bcrypt-sha256");

    private SecretScan() {
    }

    static Set<String> seededSecrets() {
        Set<String> secrets = new LinkedHashSet<>(List.of("hashsecret", "secret2", "correct horse battery staple"));
        for (String script : List.of(LegacyDbScripts.seed(), LegacyDbScripts.longHashSeed())) {
            Matcher m = QUOTED.matcher(script);
            while (m.find()) {
                String value = m.group(1).replace("''", "'");
                if (looksLikeHash(value)) {
                    secrets.add(value);
                    for (String part : value.split("[$:]")) {
                        if (part.length() >= 12 && !ALGORITHM_NAMES.contains(part)) {
                            secrets.add(part);
                        }
                        if (part.length() == 53) {
                            secrets.add(part.substring(0, 22)); // bcrypt salt
                        }
                    }
                }
            }
        }
        return secrets;
    }

    private static boolean looksLikeHash(String value) {
        return value.length() >= 30 && (value.contains("$") || value.startsWith("{SSHA}") || value.startsWith("!")
                || value.matches("[0-9a-f]{32}|[0-9a-f]{40}"));
    }
}
