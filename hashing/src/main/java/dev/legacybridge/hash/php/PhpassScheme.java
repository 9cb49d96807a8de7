package dev.legacybridge.hash.php;

import dev.legacybridge.hash.EncodingTarget;
import dev.legacybridge.hash.HashCost;
import dev.legacybridge.hash.MalformedHashException;
import dev.legacybridge.hash.PasswordScheme;
import dev.legacybridge.hash.SchemeIds;
import dev.legacybridge.hash.SchemeInfo;
import dev.legacybridge.hash.StoredHash;
import dev.legacybridge.hash.codec.Hash64;

/**
 * phpass portable hashes ({@value SchemeIds#PHPASS}): {@code $P$} as WordPress up to 6.7 writes them
 * ({@code class-phpass.php}, {@code PasswordHash(8, true)}: count 'B' = 2^13 MD5 rounds), and {@code $H$} as phpBB 3
 * writes the same hash. See {@link PortableHash} for the fields.
 *
 * <p>As in phpass's {@code CheckPassword}, the password's bytes are hashed as given (no trimming, NUL bytes included;
 * WordPress's login form trims surrounding spaces before it calls the check). Example: the password
 * {@code pässwörd-été} and {@code $P$B46MLXETsH3iA0wg0mnlYvU4m0/AH5/} match.
 */
public final class PhpassScheme implements PasswordScheme {

    private static final SchemeInfo INFO = new SchemeInfo(SchemeIds.PHPASS, "$P$ / $H$", true, false,
            "phpass portable hash (WordPress up to 6.7, phpBB 3, Drupal 6 phpass; passlib phpass)");
    static final int MD5_DIGEST_CHARS = 22;

    @Override
    public SchemeInfo info() {
        return INFO;
    }

    @Override
    public boolean claims(String stored) {
        return stored.startsWith("$P$") || stored.startsWith("$H$");
    }

    @Override
    public StoredHash parse(String stored) throws MalformedHashException {
        PortableHash parsed = PortableHash.parse(stored, 0, MD5_DIGEST_CHARS, true, "phpass");
        return new StoredHash() {
            @Override
            public HashCost cost() {
                return new HashCost.Phpass(parsed.logRounds());
            }

            @Override
            public boolean matches(byte[] password) {
                return parsed.matches("MD5", password);
            }
        };
    }

    /** Writes {@code $P$<count><salt><digest>} as phpass's {@code HashPassword} does. */
    public static String encode(byte[] password, byte[] saltBytes, EncodingTarget target) {
        String salt = Hash64.encode(saltBytes).substring(0, 8);
        String setting = "$P$" + Hash64.ALPHABET.charAt(target.cost()) + salt;
        byte[] digest = PortableHash.digest("MD5", password,
                salt.getBytes(java.nio.charset.StandardCharsets.US_ASCII), target.cost());
        return setting + Hash64.encode(digest);
    }
}
