package dev.legacybridge.hash.passlib;

import dev.legacybridge.hash.HashCost;
import dev.legacybridge.hash.MalformedHashException;
import dev.legacybridge.hash.PasswordScheme;
import dev.legacybridge.hash.SchemeIds;
import dev.legacybridge.hash.SchemeInfo;
import dev.legacybridge.hash.StoredHash;
import dev.legacybridge.hash.codec.Decimal;
import dev.legacybridge.hash.codec.Radix64;
import dev.legacybridge.hash.kdf.Digests;
import dev.legacybridge.hash.kdf.Pbkdf2;

/**
 * passlib's {@code pbkdf2_sha256} ({@value SchemeIds#PBKDF2_SHA256}) and {@code pbkdf2_sha512}
 * ({@value SchemeIds#PBKDF2_SHA512}) modular-crypt formats.
 *
 * <pre>
 * $pbkdf2-sha256$29000$2Dvn/P9/T.kdY6wVIoTwfg$RbigXfhVOOlQq4B9z/mtQP2x40XfyO0gf8sMTRmLRtw
 * |              |     |                      |
 * |              |     |                      PBKDF2 output (32 / 64 bytes), ab64
 * |              |     salt BYTES, ab64-encoded (may be empty)
 * |              rounds, no leading zeros (passlib defaults: 29000 / 25000)
 * identifier
 * </pre>
 *
 * <p>"ab64" is passlib's adapted base64: {@code .} instead of {@code +}, no padding. Unlike Django's, this salt is
 * decoded before use. Example: the password {@code secret} and the string above match.
 */
public final class PasslibPbkdf2Scheme implements PasswordScheme {

    private final String prefix;
    private final Pbkdf2.Prf prf;
    private final SchemeInfo info;

    private PasslibPbkdf2Scheme(String prefix, Pbkdf2.Prf prf, SchemeInfo info) {
        this.prefix = prefix;
        this.prf = prf;
        this.info = info;
    }

    public static PasslibPbkdf2Scheme sha256() {
        return new PasslibPbkdf2Scheme("$pbkdf2-sha256$", Pbkdf2.Prf.SHA256, new SchemeInfo(SchemeIds.PBKDF2_SHA256,
                "$pbkdf2-sha256$", false, false, "passlib pbkdf2_sha256"));
    }

    public static PasslibPbkdf2Scheme sha512() {
        return new PasslibPbkdf2Scheme("$pbkdf2-sha512$", Pbkdf2.Prf.SHA512, new SchemeInfo(SchemeIds.PBKDF2_SHA512,
                "$pbkdf2-sha512$", false, false, "passlib pbkdf2_sha512"));
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
        if (f.length != 3) {
            throw new MalformedHashException(f.length < 3 ? info.id() + " has missing fields"
                    : info.id() + " has extra fields");
        }
        int rounds;
        byte[] salt;
        byte[] expected;
        try {
            rounds = Decimal.parse(f[0], false, "pbkdf2 rounds");
        } catch (IllegalArgumentException e) {
            throw MalformedHashException.ofCost(info.id() + ": ", e);
        }
        try {
            salt = Radix64.AB64.decode(f[1]);
            expected = Radix64.AB64.decode(f[2]);
        } catch (IllegalArgumentException e) {
            throw new MalformedHashException(info.id() + ": " + e.getMessage());
        }
        if (rounds < 1) {
            throw new MalformedHashException("pbkdf2 rounds must be at least 1");
        }
        if (expected.length != prf.digestLength()) {
            throw new MalformedHashException("pbkdf2 digest must be " + prf.digestLength() + " bytes");
        }
        return new StoredHash() {
            @Override
            public HashCost cost() {
                return new HashCost.Pbkdf2(rounds);
            }

            @Override
            public boolean matches(byte[] password) {
                return Digests.constantTimeEquals(expected, Pbkdf2.derive(prf, password, salt, rounds, expected.length));
            }

            @Override
            public java.util.Optional<dev.legacybridge.hash.StandardHash> standardForm() {
                return dev.legacybridge.hash.StandardHash.Pbkdf2Hash.of(prf, rounds, salt, expected);
            }
        };
    }
}
