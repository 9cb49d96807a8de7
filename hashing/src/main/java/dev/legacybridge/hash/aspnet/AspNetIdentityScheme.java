package dev.legacybridge.hash.aspnet;

import dev.legacybridge.hash.EncodingTarget;
import dev.legacybridge.hash.HashCost;
import dev.legacybridge.hash.MalformedHashException;
import dev.legacybridge.hash.PasswordScheme;
import dev.legacybridge.hash.SchemeIds;
import dev.legacybridge.hash.SchemeInfo;
import dev.legacybridge.hash.StoredHash;
import dev.legacybridge.hash.codec.Radix64;
import dev.legacybridge.hash.kdf.Digests;
import dev.legacybridge.hash.kdf.Pbkdf2;

import java.util.Arrays;

/**
 * ASP.NET Identity's {@code PasswordHasher<TUser>} ({@value SchemeIds#ASPNET_IDENTITY}), the {@code PasswordHash} column
 * of {@code AspNetUsers}: standard base64 (padded) of a binary record whose first byte is the format marker.
 *
 * <pre>
 * version 2 (ASP.NET Identity 2, Core compatibility mode): 49 bytes
 *   0x00 | salt (16) | PBKDF2-HMAC-SHA1, 1000 iterations (32)
 * version 3 (ASP.NET Core Identity; .NET 7+ writes HMAC-SHA512, 100,000 iterations, 16-byte salt, 32-byte key):
 *   0x01 | PRF (uint32 BE: 0 HMAC-SHA1, 1 HMAC-SHA256, 2 HMAC-SHA512) | iterations (uint32 BE)
 *        | salt length (uint32 BE, at least 16) | salt | subkey (the rest, at least 16 bytes)
 * </pre>
 *
 * <p>The value has no text prefix, so it is recognised by its shape: base64 characters only, and either a version 3
 * header ({@code A?AAAA}: a marker byte below 4 followed by the PRF's three zero high bytes) or exactly 68 characters
 * starting with a zero byte (version 2). As {@code VerifyHashedPassword}, any other marker, an unknown PRF, a zero or
 * negative iteration count, or a salt or subkey shorter than 16 bytes fails; an iteration count above
 * {@code 2^31-1} (which .NET reads as negative) is reported as an absurd cost. Example: {@code my password} and
 * {@code AQAAAAIAAYagAAAAEAABAgMEBQYHCAkKCwwNDg/Q8A0WMKbtHQJQ2DHCdoEeeFBrgNlldq6vH4qX/CGqGQ==} (v3, SHA-512,
 * 100,000 iterations) match.
 */
public final class AspNetIdentityScheme implements PasswordScheme {

    private static final SchemeInfo INFO = new SchemeInfo(SchemeIds.ASPNET_IDENTITY, "base64: AQAAAA... (v3), AA... (v2)",
            true, false, "ASP.NET (Core) Identity PasswordHasher, format v2 and v3 with every PRF");
    private static final int V2_LENGTH = 49;
    private static final int V2_ITERATIONS = 1000;
    private static final int V3_HEADER = 13;
    private static final int MIN_SALT_BYTES = 16;
    private static final int MIN_SUBKEY_BYTES = 16;
    private static final Pbkdf2.Prf[] PRFS = {Pbkdf2.Prf.SHA1, Pbkdf2.Prf.SHA256, Pbkdf2.Prf.SHA512};

    @Override
    public SchemeInfo info() {
        return INFO;
    }

    @Override
    public boolean claims(String stored) {
        if (stored.length() < 8 || stored.charAt(0) != 'A' || !base64Characters(stored)) {
            return false;
        }
        boolean v3Header = stored.startsWith("AAAA", 2);
        boolean v2Shape = stored.length() == 68 && stored.charAt(1) >= 'A' && stored.charAt(1) <= 'P';
        return v3Header || v2Shape;
    }

    private static boolean base64Characters(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/'
                    || c == '=')) {
                return false;
            }
        }
        return true;
    }

    @Override
    public StoredHash parse(String stored) throws MalformedHashException {
        byte[] decoded;
        try {
            decoded = Radix64.STANDARD.decode(stored);
        } catch (IllegalArgumentException e) {
            throw new MalformedHashException("aspnet_identity: " + e.getMessage());
        }
        if (decoded.length == 0) {
            throw new MalformedHashException("aspnet_identity value is empty");
        }
        return switch (decoded[0]) {
            case 0x00 -> v2(decoded);
            case 0x01 -> v3(decoded);
            default -> throw new MalformedHashException("aspnet_identity format marker " + (decoded[0] & 0xff)
                    + " is neither 0 (v2) nor 1 (v3)");
        };
    }

    private static StoredHash v2(byte[] decoded) throws MalformedHashException {
        if (decoded.length != V2_LENGTH) {
            throw new MalformedHashException("aspnet_identity v2 must be 49 bytes");
        }
        return new Parsed(2, Pbkdf2.Prf.SHA1, V2_ITERATIONS, Arrays.copyOfRange(decoded, 1, 17),
                Arrays.copyOfRange(decoded, 17, V2_LENGTH));
    }

    private static StoredHash v3(byte[] decoded) throws MalformedHashException {
        if (decoded.length < V3_HEADER) {
            throw new MalformedHashException("aspnet_identity v3 header truncated");
        }
        long prf = uint32(decoded, 1);
        long iterations = uint32(decoded, 5);
        long saltLength = uint32(decoded, 9);
        if (prf >= PRFS.length) {
            throw new MalformedHashException("aspnet_identity v3 PRF " + prf + " is not 0, 1 or 2");
        }
        if (iterations == 0) {
            throw new MalformedHashException("aspnet_identity v3 iteration count is 0");
        }
        if (saltLength < MIN_SALT_BYTES) {
            throw new MalformedHashException("aspnet_identity v3 salt shorter than 16 bytes");
        }
        long subkeyLength = decoded.length - V3_HEADER - saltLength;
        if (subkeyLength < MIN_SUBKEY_BYTES) {
            throw new MalformedHashException("aspnet_identity v3 subkey shorter than 16 bytes");
        }
        if (iterations > Integer.MAX_VALUE) {
            throw MalformedHashException.absurdCost("aspnet_identity v3 iteration count " + iterations
                    + " is above " + Integer.MAX_VALUE);
        }
        int saltEnd = V3_HEADER + (int) saltLength;
        return new Parsed(3, PRFS[(int) prf], (int) iterations, Arrays.copyOfRange(decoded, V3_HEADER, saltEnd),
                Arrays.copyOfRange(decoded, saltEnd, decoded.length));
    }

    private static long uint32(byte[] b, int offset) {
        return (b[offset] & 0xffL) << 24 | (b[offset + 1] & 0xffL) << 16 | (b[offset + 2] & 0xffL) << 8
                | b[offset + 3] & 0xffL;
    }

    /** Writes a version 3 value with HMAC-SHA512, as .NET 7+'s default {@code PasswordHasher}. */
    public static String encodeV3(byte[] password, byte[] salt, int iterations) {
        byte[] subkey = Pbkdf2.derive(Pbkdf2.Prf.SHA512, password, salt, iterations, 32);
        byte[] out = new byte[V3_HEADER + salt.length + subkey.length];
        out[0] = 0x01;
        putUint32(out, 1, 2);
        putUint32(out, 5, iterations);
        putUint32(out, 9, salt.length);
        System.arraycopy(salt, 0, out, V3_HEADER, salt.length);
        System.arraycopy(subkey, 0, out, V3_HEADER + salt.length, subkey.length);
        return Radix64.STANDARD.encode(out);
    }

    private static void putUint32(byte[] b, int offset, int value) {
        b[offset] = (byte) (value >>> 24);
        b[offset + 1] = (byte) (value >>> 16);
        b[offset + 2] = (byte) (value >>> 8);
        b[offset + 3] = (byte) value;
    }

    /** A parsed v2 or v3 value. */
    private record Parsed(int version, Pbkdf2.Prf prf, int iterations, byte[] salt, byte[] subkey) implements StoredHash {
        @Override
        public HashCost cost() {
            return new HashCost.Pbkdf2(iterations);
        }

        @Override
        public boolean matches(byte[] password) {
            return Digests.constantTimeEquals(subkey, Pbkdf2.derive(prf, password, salt, iterations, subkey.length));
        }

        /** As ASP.NET's {@code SuccessRehashNeeded}: v2, a PRF other than SHA-512, or fewer iterations. */
        @Override
        public boolean below(EncodingTarget target) {
            return version == 2 || prf != Pbkdf2.Prf.SHA512 || iterations < target.cost();
        }
    }
}
