package dev.legacybridge.hash.php;

import dev.legacybridge.hash.HashCost;
import dev.legacybridge.hash.MalformedHashException;
import dev.legacybridge.hash.PasswordScheme;
import dev.legacybridge.hash.SchemeIds;
import dev.legacybridge.hash.SchemeInfo;
import dev.legacybridge.hash.StoredHash;
import dev.legacybridge.hash.codec.Hex;
import dev.legacybridge.hash.kdf.Digests;

/**
 * Drupal 7's {@code includes/password.inc} ({@value SchemeIds#DRUPAL7}).
 *
 * <pre>
 * $S$DC3n5rAitFGdYiMzOYTeILAxdpDTSy18cIZlX/l1sLxxeWf4ZzsV     55 characters: {@link PortableHash} with SHA-512,
 *                                                            count 'D' = 2^15 (DRUPAL_HASH_COUNT), digest cut to 43
 * U$S$9ZeEWRCNfJMaq5vqd7KBerF698jO8DA6boxt5nM4804kJBOcflu7    a Drupal 6 md5(password) re-hashed by user_update_7000:
 *                                                            the candidate's lower-case hex MD5 is checked instead
 * U$P$... / U$H$...                                          the same over a phpass (MD5) hash, 35 characters
 * </pre>
 *
 * <p>As {@code _password_crypt}, a password (after the {@code U$} MD5 step) longer than 512 bytes never matches.
 * Plain {@code $P$}/{@code $H$} values, which Drupal 7 also checks, are {@code phpass}'s. Example: the password
 * {@code correct horse battery staple} and the first string above match; {@code password} and the second.
 */
public final class Drupal7Scheme implements PasswordScheme {

    private static final SchemeInfo INFO = new SchemeInfo(SchemeIds.DRUPAL7, "$S$ / U$S$ / U$P$ / U$H$", false, false,
            "Drupal 7 password.inc (SHA-512 portable hash; U$ = upgraded Drupal 6 MD5)");
    private static final int SHA512_DIGEST_CHARS = 43;
    /** DRUPAL_MAX_PASSWORD_LENGTH. */
    private static final int MAX_PASSWORD_BYTES = 512;

    @Override
    public SchemeInfo info() {
        return INFO;
    }

    @Override
    public boolean claims(String stored) {
        return stored.startsWith("$S$") || stored.startsWith("U$S$") || stored.startsWith("U$P$")
                || stored.startsWith("U$H$");
    }

    @Override
    public StoredHash parse(String stored) throws MalformedHashException {
        boolean upgraded = stored.charAt(0) == 'U';
        int offset = upgraded ? 1 : 0;
        boolean sha512 = stored.charAt(offset + 1) == 'S';
        PortableHash parsed = sha512
                ? PortableHash.parse(stored, offset, SHA512_DIGEST_CHARS, false, "drupal7")
                : PortableHash.parse(stored, offset, PhpassScheme.MD5_DIGEST_CHARS, true, "drupal7");
        String jcaName = sha512 ? "SHA-512" : "MD5";
        return new StoredHash() {
            @Override
            public HashCost cost() {
                return sha512 ? new HashCost.Drupal7(parsed.logRounds()) : new HashCost.Phpass(parsed.logRounds());
            }

            @Override
            public boolean matches(byte[] password) {
                byte[] candidate = upgraded ? Hex.encode(Digests.digest("MD5", password))
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII) : password;
                if (candidate.length > MAX_PASSWORD_BYTES) {
                    return false;
                }
                return parsed.matches(jcaName, candidate);
            }
        };
    }

    /**
     * A new {@code $S$} value as Drupal 7's {@code user_hash_password} writes it: {@code $S$}, the log2 count as one
     * character, 8 salt characters from 6 random bytes, and the first 43 characters of the encoded SHA-512 chain
     * ({@code DRUPAL_HASH_LENGTH} = 55 in all).
     *
     * @throws IllegalArgumentException for a password longer than 512 bytes, which Drupal never accepts
     */
    public static String encode(byte[] password, byte[] saltBytes, int logRounds) {
        if (password.length > MAX_PASSWORD_BYTES) {
            throw new IllegalArgumentException("Drupal 7 refuses passwords longer than " + MAX_PASSWORD_BYTES
                    + " bytes");
        }
        String salt = dev.legacybridge.hash.codec.Hash64.encode(saltBytes).substring(0, 8);
        String setting = "$S$" + dev.legacybridge.hash.codec.Hash64.ALPHABET.charAt(logRounds) + salt;
        byte[] digest = PortableHash.digest("SHA-512", password,
                salt.getBytes(java.nio.charset.StandardCharsets.US_ASCII), logRounds);
        return setting + dev.legacybridge.hash.codec.Hash64.encode(digest).substring(0, SHA512_DIGEST_CHARS);
    }
}
