package dev.legacybridge.hash.php;

import dev.legacybridge.hash.MalformedHashException;
import dev.legacybridge.hash.codec.Hash64;
import dev.legacybridge.hash.kdf.Digests;

import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;

/**
 * The iterated salted digest of phpass ({@code crypt_private} in {@code class-phpass.php}) and of Drupal 7
 * ({@code _password_crypt} in {@code includes/password.inc}), which is phpass with SHA-512 in place of MD5.
 *
 * <pre>
 * $P$B46MLXETsH3iA0wg0mnlYvU4m0/AH5/
 * |  ||       |
 * |  ||       digest: hash64 (little-endian ./0-9A-Za-z) of the final digest; 22 characters for MD5, and for
 * |  ||       Drupal's SHA-512 the first 43 of 86 (the whole string is cut to 55 characters)
 * |  |salt: 8 characters, hashed as TEXT
 * |  count: log2 of the rounds, as a position in ./0-9A-Za-z; 7..30 ('5'..'S'), 'B' = 13
 * id: $P$ (WordPress), $H$ (phpBB 3), $S$ (Drupal 7)
 * </pre>
 *
 * <p>The digest is {@code h = H(salt + password)}, then {@code 2^count} times {@code h = H(h + password)}. The
 * reference implementations re-encode and compare strings; here the digest characters are compared in constant time.
 *
 * <p>The loop is the JDK's {@link MessageDigest} (MD5 and SHA-512 run as CPU intrinsics): each round is one digest
 * of one block, a chain of dependent steps. A hand-written single-block MD5 with the constant tail kept in registers was
 * tried and measured slower (docs/benchmarks.md, "What was tried"), because MD5's 64 dependent steps, not the
 * bookkeeping around them, are the cost.
 *
 * @param setting  the first 12 characters: id, count, salt
 * @param logRounds the count
 * @param expected the stored digest characters
 */
record PortableHash(String setting, int logRounds, byte[] salt, byte[] expected) {

    static final int SETTING_LENGTH = 12;
    static final int MIN_LOG_ROUNDS = 7;
    static final int MAX_LOG_ROUNDS = 30;

    /**
     * Parses a portable hash starting at {@code offset} that must be exactly {@code 12 + digestChars} characters.
     *
     * @param what        the scheme's name for reasons
     * @param canonicalMd5 whether the digest is a complete MD5 encoding (22 characters), whose last character carries
     *                    only 2 bits and must be canonical
     */
    static PortableHash parse(String stored, int offset, int digestChars, boolean canonicalMd5, String what)
            throws MalformedHashException {
        int length = stored.length() - offset;
        if (length != SETTING_LENGTH + digestChars) {
            throw new MalformedHashException(length < SETTING_LENGTH + digestChars ? what + " string truncated"
                    : what + " string has trailing data");
        }
        int logRounds = Hash64.value(stored.charAt(offset + 3));
        if (logRounds < MIN_LOG_ROUNDS || logRounds > MAX_LOG_ROUNDS) {
            throw new MalformedHashException(what + " count must be 2^7 to 2^30 (count characters 5 to S)");
        }
        if (!Hash64.inAlphabet(stored, offset + 4, offset + SETTING_LENGTH)) {
            throw new MalformedHashException(what + " salt must be 8 characters of ./0-9A-Za-z");
        }
        if (!Hash64.inAlphabet(stored, offset + SETTING_LENGTH, stored.length())
                || canonicalMd5 && Hash64.value(stored.charAt(stored.length() - 1)) >= 4) {
            throw new MalformedHashException(what + " digest must be " + digestChars
                    + " canonical characters of ./0-9A-Za-z");
        }
        String setting = stored.substring(offset, offset + SETTING_LENGTH);
        return new PortableHash(setting, logRounds,
                setting.substring(4).getBytes(StandardCharsets.US_ASCII),
                stored.substring(offset + SETTING_LENGTH).getBytes(StandardCharsets.US_ASCII));
    }

    /** Hashes {@code password} with {@code jcaName} (MD5 or SHA-512) and compares the encoded digest. */
    boolean matches(String jcaName, byte[] password) {
        byte[] digest = digest(jcaName, password, salt, logRounds);
        byte[] encoded = Hash64.encode(digest).substring(0, expected.length).getBytes(StandardCharsets.US_ASCII);
        return Digests.constantTimeEquals(expected, encoded);
    }

    static byte[] digest(String jcaName, byte[] password, byte[] salt, int logRounds) {
        MessageDigest md = Digests.get(jcaName);
        int h = md.getDigestLength();
        md.update(salt);
        md.update(password);
        byte[] hash = md.digest();
        try {
            for (long count = 1L << logRounds; count > 0; count--) {
                md.update(hash);
                md.update(password);
                md.digest(hash, 0, h);
            }
        } catch (DigestException e) {
            throw new IllegalStateException("digest buffer too small", e);
        }
        return hash;
    }
}
