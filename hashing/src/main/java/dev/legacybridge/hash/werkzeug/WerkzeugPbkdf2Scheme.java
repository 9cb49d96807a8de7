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
import dev.legacybridge.hash.kdf.Pbkdf2;

import java.nio.charset.StandardCharsets;

/**
 * Werkzeug's {@code generate_password_hash} PBKDF2 method ({@value SchemeIds#WERKZEUG_PBKDF2}), used by Flask apps.
 *
 * <pre>
 * pbkdf2:sha256:260000$4IGS3hKVFTjPeBcO$9020883e78f15e5f28ee96f374cea889c3885eb447522c6be91a0d32b7941873
 * |      |      |      |                |
 * |      |      |      |                lower-case hex of the digest-sized PBKDF2 output
 * |      |      |      salt: TEXT, used as its UTF-8 bytes
 * |      |      iterations; optional: pbkdf2:sha256$salt$hex means 260000, Werkzeug 2.2.2's default
 * |      hashlib digest: md5, sha1, sha224, sha256, sha384 or sha512 (others are not recognised)
 * method
 * </pre>
 *
 * <p>Werkzeug 3.0 and 3.1 read the iteration-less form with their own, higher defaults (600000, 1000000); no
 * Werkzeug release writes it, and the vector file follows 2.2.2. Example: {@code secret} and the string above match.
 */
public final class WerkzeugPbkdf2Scheme implements PasswordScheme {

    /** Werkzeug 2.2.2's {@code DEFAULT_PBKDF2_ITERATIONS}, used when the method has no iteration count. */
    static final int DEFAULT_ITERATIONS = 260_000;

    private static final SchemeInfo INFO = new SchemeInfo(SchemeIds.WERKZEUG_PBKDF2, "pbkdf2:<digest>[:<iterations>]$",
            false, false, "Werkzeug generate_password_hash, pbkdf2 method (Flask)");

    @Override
    public SchemeInfo info() {
        return INFO;
    }

    @Override
    public boolean claims(String stored) {
        if (!stored.startsWith("pbkdf2:")) {
            return false;
        }
        int limit = Math.min(stored.length(), 7 + 8); // digest names are short; never scan a huge value
        int end = 7;
        while (end < limit && stored.charAt(end) != ':' && stored.charAt(end) != '$') {
            end++;
        }
        return end < limit && prf(stored.substring(7, end)) != null;
    }

    private static Pbkdf2.Prf prf(String hashlibName) {
        return switch (hashlibName) {
            case "md5" -> Pbkdf2.Prf.MD5;
            case "sha1" -> Pbkdf2.Prf.SHA1;
            case "sha224" -> Pbkdf2.Prf.SHA224;
            case "sha256" -> Pbkdf2.Prf.SHA256;
            case "sha384" -> Pbkdf2.Prf.SHA384;
            case "sha512" -> Pbkdf2.Prf.SHA512;
            default -> null;
        };
    }

    @Override
    public StoredHash parse(String stored) throws MalformedHashException {
        String[] f = stored.split("\\$", -1);
        if (f.length != 3) {
            throw new MalformedHashException(f.length < 3 ? "werkzeug pbkdf2 has missing fields"
                    : "werkzeug pbkdf2 has extra fields");
        }
        String[] method = f[0].split(":", -1);
        if (method.length > 3) {
            throw new MalformedHashException("werkzeug pbkdf2 method has too many arguments");
        }
        Pbkdf2.Prf prf = prf(method[1]);
        int iterations = DEFAULT_ITERATIONS;
        if (method.length == 3) {
            try {
                iterations = Decimal.parse(method[2], true, "werkzeug pbkdf2 iterations");
            } catch (IllegalArgumentException e) {
                throw MalformedHashException.ofCost("", e);
            }
            if (iterations < 1) {
                throw new MalformedHashException("werkzeug pbkdf2 iterations must be at least 1");
            }
        }
        if (f[1].isEmpty()) {
            throw new MalformedHashException("werkzeug pbkdf2 salt is empty");
        }
        byte[] salt = f[1].getBytes(StandardCharsets.UTF_8);
        byte[] expected;
        try {
            expected = Hex.decode(f[2], 0, f[2].length(), prf.digestLength());
        } catch (IllegalArgumentException e) {
            throw new MalformedHashException("werkzeug pbkdf2: " + e.getMessage());
        }
        int n = iterations;
        return new StoredHash() {
            @Override
            public HashCost cost() {
                return new HashCost.Pbkdf2(n);
            }

            @Override
            public boolean matches(byte[] password) {
                return Digests.constantTimeEquals(expected, Pbkdf2.derive(prf, password, salt, n, expected.length));
            }

            @Override
            public java.util.Optional<dev.legacybridge.hash.StandardHash> standardForm() {
                return dev.legacybridge.hash.StandardHash.Pbkdf2Hash.of(prf, n, salt, expected);
            }
        };
    }
}
