package dev.legacybridge.it;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Every password, stored hash and salt the reliability checks put into legacy tables or sent to Keycloak, collected
 * in this JVM for {@link ReliabilitySecretsIT}, which scans the logs after the other checks. Parts of a stored value
 * that are not secret (scheme names, cost numbers, parameter lists such as {@code m=4096,t=3,p=1}) are left out,
 * because log lines may legitimately name a scheme and a cost.
 */
final class ReliabilitySecrets {

    /** secret -> what it is ("password", "stored hash", "hash field", "bcrypt salt"). */
    private static final Map<String, String> SECRETS = new LinkedHashMap<>();
    private static final Set<String> RAN = new LinkedHashSet<>();
    private static final Set<String> NOT_SECRET = Set.of("pbkdf2_sha256", "pbkdf2_sha1", "bcrypt_sha256",
            "pbkdf2-sha256", "pbkdf2-sha512", "bcrypt-sha256", "argon2id", "argon2i", "argon2d");
    private static final Pattern PARAMETERS = Pattern.compile("[a-z]=[-0-9]*(,[a-z]=[-0-9a-z]*)*");
    private static final Pattern DIGITS = Pattern.compile("[-+0-9]+");

    private ReliabilitySecrets() {
    }

    /** A password sent in a login; short or common words are not searchable and are skipped. */
    static synchronized void addPassword(String password) {
        if (password != null && password.length() >= 8 && !password.isBlank()) {
            SECRETS.putIfAbsent(password, "password");
        }
    }

    /** A stored value: the whole value and each secret field of it (salt, digest; bcrypt's 22-character salt). */
    static synchronized void addStoredHash(String stored) {
        if (stored == null || stored.length() < 12) {
            return;
        }
        SECRETS.putIfAbsent(stored, "stored hash");
        for (String part : stored.split("[$:]")) {
            String clean = part.replace("\0", "");
            if (clean.length() < 12 || NOT_SECRET.contains(clean) || PARAMETERS.matcher(clean).matches()
                    || DIGITS.matcher(clean).matches() || clean.startsWith("rounds=")) {
                continue;
            }
            SECRETS.putIfAbsent(clean, "hash field (salt or digest)");
            if (clean.length() >= 50 && clean.length() <= 60) {
                SECRETS.putIfAbsent(clean.substring(0, 22), "bcrypt salt");
            }
        }
    }

    static synchronized List<String> all() {
        return new ArrayList<>(SECRETS.keySet());
    }

    /** Secret -> what it is. */
    static synchronized Map<String, String> withKinds() {
        return new LinkedHashMap<>(SECRETS);
    }

    /** Records that a check class ran in this JVM (the secret scan reports which ones it covers). */
    static synchronized void markRan(Class<?> check) {
        RAN.add(check.getSimpleName());
    }

    static synchronized Set<String> ran() {
        return new LinkedHashSet<>(RAN);
    }
}
