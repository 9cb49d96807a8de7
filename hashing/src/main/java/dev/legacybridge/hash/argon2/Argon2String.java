package dev.legacybridge.hash.argon2;

import dev.legacybridge.hash.HashCost;
import dev.legacybridge.hash.MalformedHashException;
import dev.legacybridge.hash.codec.Decimal;
import dev.legacybridge.hash.codec.Radix64;
import dev.legacybridge.hash.kdf.Argon2;
import dev.legacybridge.hash.kdf.Digests;

/**
 * A parsed PHC argon2 string, as argon2-cffi, passlib, libsodium and the reference implementation write it, and the
 * payload of Django's {@code argon2$} format.
 *
 * <pre>
 * $argon2id$v=19$m=102400,t=2,p=8$wDinFCIEwLh37t0b49ybEw$Qtd5SSpPBtytqxAVIwsCvw
 *  |        |    |        |   |   |                      |
 *  |        |    |        |   |   |                      tag: base64, no padding, at least 4 bytes
 *  |        |    |        |   |   salt: base64, no padding, at least 8 bytes
 *  |        |    |        |   p: lanes, 1 .. 2^24-1
 *  |        |    |        t: passes, at least 1
 *  |        |    m: memory in KiB, at least 8 p
 *  |        version: 19 (0x13) or 16 (0x10); absent means 16, as in the reference decoder
 *  variant: argon2id, argon2i or argon2d
 * </pre>
 *
 * <p>Parsing follows the reference decoder ({@code decode_string} in phc-winner-argon2): fields in this order only,
 * decimal numbers without leading zeros, canonical unpadded base64; the tag length is taken from the string.
 *
 * @param type        variant
 * @param version     0x10 or 0x13
 * @param memoryKib   {@code m}
 * @param iterations  {@code t}
 * @param parallelism {@code p}
 * @param salt        decoded salt
 * @param tag         decoded tag
 */
public record Argon2String(Argon2.Type type, int version, int memoryKib, int iterations, int parallelism, byte[] salt,
                           byte[] tag) {

    /** Argon2's own minimums (RFC 9106 section 3.1). */
    private static final int MIN_SALT_BYTES = 8;
    private static final int MIN_TAG_BYTES = 4;
    private static final int MAX_LANES = 0xFFFFFF;

    /** The variant named at {@code offset} ({@code $argon2id$}...), or {@code null}. */
    public static Argon2.Type typeAt(String text, int offset) {
        for (Argon2.Type type : Argon2.Type.values()) {
            String prefix = "$" + type.phcName() + "$";
            if (text.startsWith(prefix, offset)) {
                return type;
            }
        }
        return null;
    }

    /**
     * Parses {@code text} from {@code offset} to its end.
     *
     * @throws MalformedHashException on any deviation; the message never quotes the text
     */
    public static Argon2String parse(String text, int offset) throws MalformedHashException {
        return parse(text, offset, Argon2.VERSION_10);
    }

    /**
     * As {@link #parse(String, int)}, with the version a string without {@code v=} is read as: 16 in the reference
     * decoder (argon2-cffi, passlib, PHP), 19 in Spring Security's {@code Argon2EncodingUtils}, whose BouncyCastle
     * parameters default to version 0x13.
     */
    public static Argon2String parse(String text, int offset, int versionWhenAbsent) throws MalformedHashException {
        Argon2.Type type = typeAt(text, offset);
        if (type == null) {
            throw new MalformedHashException("argon2 variant must be argon2id, argon2i or argon2d");
        }
        String[] fields = text.substring(offset + type.phcName().length() + 2).split("\\$", -1);
        int f = 0;
        int version = versionWhenAbsent;
        try {
            if (fields.length > 0 && fields[0].startsWith("v=")) {
                version = Decimal.parse(fields[0], 2, fields[0].length(), false, "argon2 version");
                f++;
            }
            if (version != Argon2.VERSION_10 && version != Argon2.VERSION_13) {
                throw new MalformedHashException("argon2 version " + version + " is neither 16 nor 19");
            }
            if (fields.length != f + 3) {
                throw new MalformedHashException(fields.length < f + 3 ? "argon2 string truncated"
                        : "argon2 string has trailing fields");
            }
            String[] params = fields[f].split(",", -1);
            if (params.length != 3 || !params[0].startsWith("m=") || !params[1].startsWith("t=")
                    || !params[2].startsWith("p=")) {
                throw new MalformedHashException("argon2 parameters must be m=..,t=..,p=..");
            }
            int m;
            int t;
            int p;
            try {
                m = Decimal.parse(params[0], 2, params[0].length(), false, "argon2 m");
                t = Decimal.parse(params[1], 2, params[1].length(), false, "argon2 t");
                p = Decimal.parse(params[2], 2, params[2].length(), false, "argon2 p");
            } catch (IllegalArgumentException e) {
                throw MalformedHashException.ofCost("", e);
            }
            if (t < 1) {
                throw new MalformedHashException("argon2 t must be at least 1");
            }
            if (p < 1 || p > MAX_LANES) {
                throw new MalformedHashException("argon2 p must be between 1 and " + MAX_LANES);
            }
            if ((long) m < 8L * p) {
                throw new MalformedHashException("argon2 m must be at least 8 p KiB");
            }
            byte[] salt = Radix64.STANDARD_UNPADDED.decode(fields[f + 1]);
            byte[] tag = Radix64.STANDARD_UNPADDED.decode(fields[f + 2]);
            if (salt.length < MIN_SALT_BYTES) {
                throw new MalformedHashException("argon2 salt shorter than " + MIN_SALT_BYTES + " bytes");
            }
            if (tag.length < MIN_TAG_BYTES) {
                throw new MalformedHashException("argon2 tag shorter than " + MIN_TAG_BYTES + " bytes");
            }
            return new Argon2String(type, version, m, t, p, salt, tag);
        } catch (IllegalArgumentException e) {
            throw new MalformedHashException(e.getMessage());
        }
    }

    public HashCost cost() {
        return new HashCost.Argon2(memoryKib, iterations, parallelism, type == Argon2.Type.ARGON2ID, version);
    }

    public boolean matches(byte[] password) {
        byte[] computed = Argon2.hash(type, version, password, salt, iterations, memoryKib, parallelism, tag.length);
        return Digests.constantTimeEquals(tag, computed);
    }

    /** The same parameters as a {@link dev.legacybridge.hash.StandardHash.Argon2Hash}. */
    public dev.legacybridge.hash.StandardHash.Argon2Hash standardForm() {
        String name = switch (type) {
            case ARGON2ID -> "id";
            case ARGON2I -> "i";
            case ARGON2D -> "d";
        };
        return new dev.legacybridge.hash.StandardHash.Argon2Hash(name, version, memoryKib, iterations, parallelism,
                salt, tag);
    }

    /** Formats {@code $<type>$v=<version>$m=<m>,t=<t>,p=<p>$<salt>$<tag>} (version always written). */
    public String format() {
        return "$" + type.phcName() + "$v=" + version + "$m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism
                + "$" + Radix64.STANDARD_UNPADDED.encode(salt) + "$" + Radix64.STANDARD_UNPADDED.encode(tag);
    }
}
