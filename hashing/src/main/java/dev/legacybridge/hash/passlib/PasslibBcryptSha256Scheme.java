package dev.legacybridge.hash.passlib;

import dev.legacybridge.hash.HashCost;
import dev.legacybridge.hash.MalformedHashException;
import dev.legacybridge.hash.PasswordScheme;
import dev.legacybridge.hash.SchemeIds;
import dev.legacybridge.hash.SchemeInfo;
import dev.legacybridge.hash.StoredHash;
import dev.legacybridge.hash.bcrypt.BcryptString;
import dev.legacybridge.hash.codec.Decimal;
import dev.legacybridge.hash.codec.Radix64;
import dev.legacybridge.hash.kdf.Digests;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * passlib's {@code bcrypt_sha256} ({@value SchemeIds#BCRYPT_SHA256}), which pre-hashes the password so that bcrypt's
 * 72-byte truncation does not apply. Two versions exist:
 *
 * <pre>
 * v2 (passlib 1.7.3+): $bcrypt-sha256$v=2,t=2b,r=12$d4qAVhMvNQJDKtiTs0lOUe$SvsOY5DM710jNBj23N7KK8P26fDhlRG
 *                      key = base64(HMAC-SHA256(key = the 22 salt CHARACTERS, msg = password))
 * v1 (passlib 1.7.0+): $bcrypt-sha256$2b,12$Y5UD64tO/R0vC1QbR8DQ3u$3sZ24QIiSOTUN6/7VAO./TF94s/Mb.S
 *                      key = base64(SHA256(password)); variant 2a or 2b
 *                      |                    |                      |
 *                      |                    salt: 22 bcrypt radix-64 characters (16 bytes, canonical)
 *                      |                                           digest: 31 characters (23 bytes)
 *                      cost r: 4-31, no leading zero
 * </pre>
 *
 * <p>The 44-character standard base64 (padded) key is then bcrypt-hashed with the salt and cost. Example: the
 * password {@code secret} and the v2 string above (cost 5 in the vector file: {@code r=5}) match.
 */
public final class PasslibBcryptSha256Scheme implements PasswordScheme {

    private static final String PREFIX = "$bcrypt-sha256$";
    private static final SchemeInfo INFO = new SchemeInfo(SchemeIds.BCRYPT_SHA256, "$bcrypt-sha256$", false, false,
            "passlib bcrypt_sha256 (v1 and v2)");

    @Override
    public SchemeInfo info() {
        return INFO;
    }

    @Override
    public boolean claims(String stored) {
        return stored.startsWith(PREFIX);
    }

    @Override
    public StoredHash parse(String stored) throws MalformedHashException {
        String[] f = stored.substring(PREFIX.length()).split("\\$", -1);
        if (f.length != 3) {
            throw new MalformedHashException(f.length < 3 ? "bcrypt_sha256 has missing fields"
                    : "bcrypt_sha256 has extra fields");
        }
        boolean v2;
        char variant;
        String roundsField;
        if (f[0].startsWith("v=")) {
            if (!f[0].startsWith("v=2,t=2b,r=")) {
                throw new MalformedHashException("bcrypt_sha256 header must be v=2,t=2b,r=<cost>");
            }
            v2 = true;
            variant = 'b';
            roundsField = f[0].substring("v=2,t=2b,r=".length());
        } else {
            if (!(f[0].startsWith("2a,") || f[0].startsWith("2b,"))) {
                throw new MalformedHashException("bcrypt_sha256 v1 header must be 2a,<cost> or 2b,<cost>");
            }
            v2 = false;
            variant = f[0].charAt(1);
            roundsField = f[0].substring(3);
        }
        if (roundsField.length() > 2) {
            throw new MalformedHashException("bcrypt_sha256 cost must be one or two digits");
        }
        int cost;
        try {
            cost = Decimal.parse(roundsField, false, "bcrypt_sha256 cost");
        } catch (IllegalArgumentException e) {
            throw new MalformedHashException(e.getMessage());
        }
        if (cost < 4 || cost > 31) {
            throw new MalformedHashException("bcrypt_sha256 cost " + cost + " outside 4-31");
        }
        if (f[1].length() != 22 || f[2].length() != 31) {
            throw new MalformedHashException("bcrypt_sha256 salt must be 22 and digest 31 characters");
        }
        // Re-use the bcrypt string parser for the radix-64 checks.
        BcryptString bcrypt = BcryptString.parse("$2" + variant + "$" + (cost < 10 ? "0" : "") + cost + "$" + f[1] + f[2], 0);
        byte[] saltChars = f[1].getBytes(StandardCharsets.US_ASCII);
        return new StoredHash() {
            @Override
            public HashCost cost() {
                return new HashCost.Bcrypt(cost);
            }

            @Override
            public boolean matches(byte[] password) {
                byte[] prehash = v2 ? hmacSha256(saltChars, password) : Digests.digest("SHA-256", password);
                byte[] key = Radix64.STANDARD.encode(prehash).getBytes(StandardCharsets.US_ASCII);
                return bcrypt.matches(key);
            }
        };
    }

    private static byte[] hmacSha256(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java SE platform provides HmacSHA256", e);
        }
    }
}
