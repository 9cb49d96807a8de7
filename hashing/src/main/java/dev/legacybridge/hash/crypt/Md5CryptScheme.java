package dev.legacybridge.hash.crypt;

import dev.legacybridge.hash.HashCost;
import dev.legacybridge.hash.MalformedHashException;
import dev.legacybridge.hash.PasswordScheme;
import dev.legacybridge.hash.SchemeIds;
import dev.legacybridge.hash.SchemeInfo;
import dev.legacybridge.hash.StoredHash;
import dev.legacybridge.hash.codec.Hash64;
import dev.legacybridge.hash.kdf.Digests;

import java.nio.charset.StandardCharsets;

/**
 * MD5-crypt: {@code $1$} ({@value SchemeIds#MD5_CRYPT}: PHP {@code crypt()}, glibc/libxcrypt, FreeBSD, Cisco) and
 * Apache's {@code $apr1$} ({@value SchemeIds#APR_MD5_CRYPT}: {@code htpasswd -m}, the htpasswd default before 2.4).
 * Weak: 1000 fixed MD5 rounds, no cost to raise.
 *
 * <pre>
 * $1$DvK3c30w$yTar9glTiZrL3o/3okxOi0
 * |  |        |
 * |  |        22 characters: the 16-byte digest in crypt's own byte order
 * |  salt: 0-8 characters of ./0-9A-Za-z, used as TEXT
 * magic ($1$ or $apr1$)
 * </pre>
 *
 * <p>A salt longer than 8 characters is cut by crypt(3), which then writes the cut salt, so the stored string could
 * never equal its output: malformed, as passlib says. A password containing NUL never matches: crypt(3) and PHP's
 * MD5-crypt stop at the NUL, passlib refuses it. Example: the password {@code password} and the string above match.
 */
public final class Md5CryptScheme implements PasswordScheme {

    private static final int MAX_SALT_CHARS = 8;
    private static final int DIGEST_CHARS = 22;

    private final String prefix;
    private final byte[] magic;
    private final SchemeInfo info;

    private Md5CryptScheme(String prefix, SchemeInfo info) {
        this.prefix = prefix;
        this.magic = prefix.getBytes(StandardCharsets.US_ASCII);
        this.info = info;
    }

    public static Md5CryptScheme md5Crypt() {
        return new Md5CryptScheme("$1$", new SchemeInfo(SchemeIds.MD5_CRYPT, "$1$", false, true,
                "MD5-crypt (PHP crypt(), glibc/libxcrypt crypt(3), FreeBSD; passlib md5_crypt)"));
    }

    public static Md5CryptScheme aprMd5Crypt() {
        return new Md5CryptScheme("$apr1$", new SchemeInfo(SchemeIds.APR_MD5_CRYPT, "$apr1$", false, true,
                "Apache MD5-crypt (htpasswd -m; passlib apr_md5_crypt)"));
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
        int dollar = stored.indexOf('$', prefix.length());
        if (dollar < 0) {
            throw new MalformedHashException(info.id() + " string truncated");
        }
        if (dollar - prefix.length() > MAX_SALT_CHARS || !Hash64.inAlphabet(stored, prefix.length(), dollar)) {
            throw new MalformedHashException(info.id() + " salt must be at most 8 characters of ./0-9A-Za-z");
        }
        int digestLength = stored.length() - dollar - 1;
        if (digestLength != DIGEST_CHARS) {
            throw new MalformedHashException(digestLength < DIGEST_CHARS ? info.id() + " digest truncated"
                    : info.id() + " digest has trailing data");
        }
        if (!Hash64.inAlphabet(stored, dollar + 1, stored.length())
                || Hash64.value(stored.charAt(stored.length() - 1)) >= 4) {
            throw new MalformedHashException(info.id() + " digest must be 22 canonical characters of ./0-9A-Za-z");
        }
        byte[] salt = stored.substring(prefix.length(), dollar).getBytes(StandardCharsets.US_ASCII);
        byte[] expected = stored.substring(dollar + 1).getBytes(StandardCharsets.US_ASCII);
        return new StoredHash() {
            @Override
            public HashCost cost() {
                return new HashCost.Fixed();
            }

            @Override
            public boolean matches(byte[] password) {
                if (containsNul(password)) {
                    return false;
                }
                byte[] computed = Md5Crypt.digest(password, magic, salt).getBytes(StandardCharsets.US_ASCII);
                return Digests.constantTimeEquals(expected, computed);
            }
        };
    }

    static boolean containsNul(byte[] password) {
        for (byte b : password) {
            if (b == 0) {
                return true;
            }
        }
        return false;
    }
}
