package dev.legacybridge.hash.werkzeug;

import dev.legacybridge.hash.HashCost;
import dev.legacybridge.hash.MalformedHashException;
import dev.legacybridge.hash.PasswordScheme;
import dev.legacybridge.hash.SchemeIds;
import dev.legacybridge.hash.SchemeInfo;
import dev.legacybridge.hash.StoredHash;
import dev.legacybridge.hash.codec.Decimal;
import dev.legacybridge.hash.codec.Hex;
import dev.legacybridge.hash.kdf.Digests;
import dev.legacybridge.hash.kdf.Scrypt;

import java.nio.charset.StandardCharsets;

/**
 * Werkzeug 3's default {@code generate_password_hash} method, scrypt ({@value SchemeIds#WERKZEUG_SCRYPT}).
 *
 * <pre>
 * scrypt:32768:8:1$AEivbBMfyYud6gLi$662a6727...(128 hex digits)
 * |      |     | | |                |
 * |      |     | | |                lower-case hex of the 64-byte key
 * |      |     | | salt: TEXT, used as its UTF-8 bytes
 * |      N     r p
 * method
 * </pre>
 *
 * <p>The argument-less {@code scrypt$salt$hex} form (Werkzeug's defaults) is not recognised: its prefix is Django's
 * {@code scrypt$}, and no Werkzeug release writes it. Example: {@code secret} and
 * {@code scrypt:32768:8:1$AEivbBMfyYud6gLi$662a672758092a8fd4d619b002c5da2df48f257d7bc8258c4dd89dab5fc605ab7707284307ac4a7f193b150c1245afa06df4e4754d53ac1d3d710e89a5d19add}
 * match.
 */
public final class WerkzeugScryptScheme implements PasswordScheme {

    private static final int KEY_BYTES = 64;
    private static final SchemeInfo INFO = new SchemeInfo(SchemeIds.WERKZEUG_SCRYPT, "scrypt:<N>:<r>:<p>$", false,
            false, "Werkzeug 3 generate_password_hash, scrypt method (Flask)");

    @Override
    public SchemeInfo info() {
        return INFO;
    }

    @Override
    public boolean claims(String stored) {
        return stored.startsWith("scrypt:");
    }

    @Override
    public StoredHash parse(String stored) throws MalformedHashException {
        String[] f = stored.split("\\$", -1);
        if (f.length != 3) {
            throw new MalformedHashException(f.length < 3 ? "werkzeug scrypt has missing fields"
                    : "werkzeug scrypt has extra fields");
        }
        String[] method = f[0].split(":", -1);
        if (method.length != 4) {
            throw new MalformedHashException("werkzeug scrypt method must be scrypt:<N>:<r>:<p>");
        }
        int n;
        int r;
        int p;
        try {
            n = Decimal.parse(method[1], true, "scrypt N");
            r = Decimal.parse(method[2], true, "scrypt r");
            p = Decimal.parse(method[3], true, "scrypt p");
        } catch (IllegalArgumentException e) {
            throw MalformedHashException.ofCost("", e);
        }
        if (!Scrypt.validParameters(n, r, p)) {
            throw new MalformedHashException("scrypt parameters N=" + n + " r=" + r + " p=" + p + " are invalid");
        }
        if (f[1].isEmpty()) {
            throw new MalformedHashException("werkzeug scrypt salt is empty");
        }
        byte[] salt = f[1].getBytes(StandardCharsets.UTF_8);
        byte[] expected;
        try {
            expected = Hex.decode(f[2], 0, f[2].length(), KEY_BYTES);
        } catch (IllegalArgumentException e) {
            throw new MalformedHashException("werkzeug scrypt: " + e.getMessage());
        }
        return new StoredHash() {
            @Override
            public HashCost cost() {
                return new HashCost.Scrypt(n, r, p);
            }

            @Override
            public boolean matches(byte[] password) {
                return Digests.constantTimeEquals(expected, Scrypt.derive(password, salt, n, r, p, KEY_BYTES));
            }
        };
    }
}
