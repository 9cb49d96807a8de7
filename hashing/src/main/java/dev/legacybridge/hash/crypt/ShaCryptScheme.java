package dev.legacybridge.hash.crypt;

import dev.legacybridge.hash.HashCost;
import dev.legacybridge.hash.MalformedHashException;
import dev.legacybridge.hash.PasswordScheme;
import dev.legacybridge.hash.SchemeIds;
import dev.legacybridge.hash.SchemeInfo;
import dev.legacybridge.hash.StoredHash;
import dev.legacybridge.hash.codec.Decimal;
import dev.legacybridge.hash.kdf.Digests;

import java.nio.charset.StandardCharsets;

/**
 * SHA-crypt: {@code $5$} ({@value SchemeIds#SHA256_CRYPT}) and {@code $6$} ({@value SchemeIds#SHA512_CRYPT}), as
 * glibc/libxcrypt {@code crypt(3)} and passlib write them (Linux {@code /etc/shadow}, many PHP and Python apps).
 *
 * <pre>
 * $5$rounds=10000$RNoWMc82o7baFs13$EVag4mPmxsadpFFylSO4DyHQFp5JuWUj3zgLf95M7c.
 * |  |            |                |
 * |  |            |                digest: 43 (SHA-256) or 86 (SHA-512) characters of crypt's own base64 order
 * |  |            salt: 0-16 characters of ./0-9A-Za-z, used as TEXT
 * |  optional; omitted means 5000
 * method
 * </pre>
 *
 * <p>Rounds: glibc clamps a requested value into 1000..999,999,999 and writes the clamped value into its output, and
 * passlib refuses out-of-range or zero-padded values in a full hash. A stored {@code rounds=} outside that range (or
 * {@code rounds=05000}) can therefore never be matched by either and is reported malformed; so is a salt longer than
 * 16 characters, which glibc would silently cut. Example: {@code correct horse battery staple} and the string above
 * match.
 */
public final class ShaCryptScheme implements PasswordScheme {

    private static final int DEFAULT_ROUNDS = 5000;
    private static final int MIN_ROUNDS = 1000;
    private static final int MAX_ROUNDS = 999_999_999;
    private static final int MAX_SALT_CHARS = 16;

    private final boolean sha512;
    private final String prefix;
    private final SchemeInfo info;

    private ShaCryptScheme(boolean sha512, SchemeInfo info) {
        this.sha512 = sha512;
        this.prefix = sha512 ? "$6$" : "$5$";
        this.info = info;
    }

    public static ShaCryptScheme sha256() {
        return new ShaCryptScheme(false, new SchemeInfo(SchemeIds.SHA256_CRYPT, "$5$", false, false,
                "SHA-256 crypt (glibc crypt(3), passlib sha256_crypt)"));
    }

    public static ShaCryptScheme sha512() {
        return new ShaCryptScheme(true, new SchemeInfo(SchemeIds.SHA512_CRYPT, "$6$", false, false,
                "SHA-512 crypt (glibc crypt(3), passlib sha512_crypt)"));
    }

    @Override
    public SchemeInfo info() {
        return info;
    }

    @Override
    public boolean claims(String stored) {
        return stored.startsWith(prefix);
    }

    @Override
    public StoredHash parse(String stored) throws MalformedHashException {
        String[] f = stored.substring(prefix.length()).split("\\$", -1);
        int rounds = DEFAULT_ROUNDS;
        int next = 0;
        if (f.length > 0 && f[0].startsWith("rounds=")) {
            try {
                rounds = Decimal.parse(f[0], "rounds=".length(), f[0].length(), false, "sha-crypt rounds");
            } catch (IllegalArgumentException e) {
                throw MalformedHashException.ofCost("", e);
            }
            if (rounds < MIN_ROUNDS || rounds > MAX_ROUNDS) {
                throw new MalformedHashException("sha-crypt rounds " + rounds + " outside " + MIN_ROUNDS + "-" + MAX_ROUNDS);
            }
            next = 1;
        }
        if (f.length != next + 2) {
            throw new MalformedHashException(f.length < next + 2 ? "sha-crypt string truncated"
                    : "sha-crypt string has extra fields");
        }
        String salt = f[next];
        String digest = f[next + 1];
        if (salt.length() > MAX_SALT_CHARS || !inAlphabet(salt)) {
            throw new MalformedHashException("sha-crypt salt must be at most 16 characters of ./0-9A-Za-z");
        }
        if (digest.length() != ShaCrypt.encodedLength(sha512) || !inAlphabet(digest)
                || ShaCrypt.ITOA64.indexOf(digest.charAt(digest.length() - 1)) >= (sha512 ? 4 : 16)) {
            throw new MalformedHashException("sha-crypt digest must be " + ShaCrypt.encodedLength(sha512)
                    + " canonical characters");
        }
        byte[] saltBytes = salt.getBytes(StandardCharsets.US_ASCII);
        byte[] expected = digest.getBytes(StandardCharsets.US_ASCII);
        int r = rounds;
        return new StoredHash() {
            @Override
            public HashCost cost() {
                return new HashCost.ShaCrypt(r);
            }

            @Override
            public boolean matches(byte[] password) {
                byte[] computed = ShaCrypt.digest(sha512, password, saltBytes, r).getBytes(StandardCharsets.US_ASCII);
                return Digests.constantTimeEquals(expected, computed);
            }
        };
    }

    private static boolean inAlphabet(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (ShaCrypt.ITOA64.indexOf(s.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }
}
