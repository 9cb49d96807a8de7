package dev.legacybridge.hash.spring;

import dev.legacybridge.hash.EncodingTarget;
import dev.legacybridge.hash.HashCost;
import dev.legacybridge.hash.MalformedHashException;
import dev.legacybridge.hash.StoredHash;
import dev.legacybridge.hash.codec.Hex;
import dev.legacybridge.hash.codec.Radix64;
import dev.legacybridge.hash.kdf.Digests;
import dev.legacybridge.hash.kdf.Pbkdf2;
import dev.legacybridge.hash.kdf.Scrypt;
import org.bouncycastle.crypto.digests.MD4Digest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The non-bcrypt encoders behind Spring's {@code {id}} prefixes, each parsed as its Spring class reads it.
 * Every one of them recommends an upgrade when the target is Spring's {@code {bcrypt}}.
 */
final class SpringHashes {

    private static final int STANDARD_SALT_BYTES = 8;
    private static final int STANDARD_ITERATIONS = 1024;

    private SpringHashes() {
    }

    /** A parsed value of an encoder other than bcrypt. */
    private abstract static class NotBcrypt implements StoredHash {
        @Override
        public boolean below(EncodingTarget target) {
            return true;
        }
    }

    /**
     * {@code Pbkdf2PasswordEncoder}: hex (either case, as Spring's {@code Hex.decode}) or base64 of
     * {@code salt + PBKDF2(password, salt + secret)}; the lengths are the encoder's, not the value's.
     */
    static StoredHash pbkdf2(String encoded, SpringEncoders.Pbkdf2Settings settings, String id)
            throws MalformedHashException {
        byte[] decoded = settings.base64() ? base64(encoded, "spring " + id) : hexAnyCase(encoded, "spring " + id);
        int keyBytes = settings.hashBits() / 8;
        if (decoded.length != settings.saltBytes() + keyBytes) {
            throw new MalformedHashException("spring " + id + ": " + decoded.length + " bytes, but the encoder "
                    + "writes a " + settings.saltBytes() + "-byte salt and a " + keyBytes + "-byte hash");
        }
        byte[] salt = Arrays.copyOf(decoded, settings.saltBytes());
        byte[] expected = Arrays.copyOfRange(decoded, settings.saltBytes(), decoded.length);
        byte[] pbkdf2Salt = concat(salt, settings.secret());
        return new NotBcrypt() {
            @Override
            public HashCost cost() {
                return new HashCost.Pbkdf2(settings.iterations());
            }

            @Override
            public boolean matches(byte[] password) {
                return Digests.constantTimeEquals(expected,
                        Pbkdf2.derive(settings.prf(), password, pbkdf2Salt, settings.iterations(), keyBytes));
            }
        };
    }

    /** {@code SCryptPasswordEncoder}: {@code $<hex params>$<salt b64>$<key b64>}, params {@code log2N << 16 | r << 8 | p}. */
    static StoredHash scrypt(String encoded, int keyLength, String id) throws MalformedHashException {
        String[] parts = encoded.split("\\$", -1);
        if (parts.length != 4 || !parts[0].isEmpty()) {
            throw new MalformedHashException("spring " + id + " must be $<params>$<salt>$<key>");
        }
        if (parts[1].isEmpty() || parts[1].length() > 15 || !isHex(parts[1])) {
            throw new MalformedHashException("spring " + id + " params must be hexadecimal");
        }
        long params = Long.parseLong(parts[1], 16);
        long log2n = params >> 16 & 0xffff;
        int r = (int) (params >> 8 & 0xff);
        int p = (int) (params & 0xff);
        if (log2n < 1 || log2n > 30 || !Scrypt.validParameters(1 << log2n, r, p)) {
            throw new MalformedHashException("spring " + id + " parameters N=2^" + log2n + " r=" + r + " p=" + p
                    + " are invalid");
        }
        int n = 1 << log2n;
        byte[] salt = base64(parts[2], "spring " + id + " salt");
        byte[] expected = base64(parts[3], "spring " + id + " key");
        if (expected.length != keyLength) {
            throw new MalformedHashException("spring " + id + " key is " + expected.length + " bytes, but the "
                    + "encoder's keyLength is " + keyLength + " (Spring derives keyLength bytes and never matches)");
        }
        return new NotBcrypt() {
            @Override
            public HashCost cost() {
                return new HashCost.Scrypt(n, r, p);
            }

            @Override
            public boolean matches(byte[] password) {
                return Digests.constantTimeEquals(expected, Scrypt.derive(password, salt, n, r, p, keyLength));
            }
        };
    }

    /** {@code StandardPasswordEncoder}: hex of an 8-byte salt and SHA-256 iterated 1024 times over salt+secret+password. */
    static StoredHash standard(String encoded, byte[] secret) throws MalformedHashException {
        byte[] decoded = hexAnyCase(encoded, "spring sha256");
        if (decoded.length != STANDARD_SALT_BYTES + 32) {
            throw new MalformedHashException("spring sha256 must hold an 8-byte salt and a 32-byte digest");
        }
        byte[] salt = Arrays.copyOf(decoded, STANDARD_SALT_BYTES);
        byte[] expected = Arrays.copyOfRange(decoded, STANDARD_SALT_BYTES, decoded.length);
        return new NotBcrypt() {
            @Override
            public HashCost cost() {
                return new HashCost.IteratedDigest(STANDARD_ITERATIONS);
            }

            @Override
            public boolean matches(byte[] password) {
                return Digests.constantTimeEquals(expected,
                        iterate("SHA-256", concat(concat(salt, secret), password), STANDARD_ITERATIONS));
            }
        };
    }

    /**
     * {@code MessageDigestPasswordEncoder} ({@code MD5}, {@code SHA-1}, {@code SHA-256}) and {@code Md4PasswordEncoder}:
     * an optional {@code {salt}} (the braces belong to the salt), then lower-case hex (or base64) of
     * {@code H(password + "{salt}")}, iterated. Spring compares the encoded text, so upper-case hex never matches.
     */
    static StoredHash messageDigest(String encoded, String id, SpringEncoders.DigestSettings settings)
            throws MalformedHashException {
        String salt = "";
        if (encoded.startsWith("{")) {
            int end = encoded.indexOf('}');
            if (end < 0) {
                throw new MalformedHashException("spring " + id + ": the {salt} has no closing brace");
            }
            salt = encoded.substring(0, end + 1);
        }
        String digestText = encoded.substring(salt.length());
        int digestBytes = switch (id) {
            case "MD5", "MD4" -> 16;
            case "SHA-1" -> 20;
            default -> 32;
        };
        byte[] expected;
        try {
            expected = settings.base64() ? Radix64.STANDARD.decode(digestText)
                    : Hex.decode(digestText, 0, digestText.length(), digestBytes);
        } catch (IllegalArgumentException e) {
            throw new MalformedHashException("spring " + id + ": " + e.getMessage());
        }
        if (expected.length != digestBytes) {
            throw new MalformedHashException("spring " + id + " digest must be " + digestBytes + " bytes");
        }
        byte[] saltBytes = salt.getBytes(StandardCharsets.UTF_8);
        int iterations = settings.iterations();
        return new NotBcrypt() {
            @Override
            public HashCost cost() {
                return new HashCost.IteratedDigest(iterations);
            }

            @Override
            public boolean matches(byte[] password) {
                byte[] input = concat(password, saltBytes);
                byte[] computed = id.equals("MD4") ? md4(input) : iterate(id, input, iterations);
                return Digests.constantTimeEquals(expected, computed);
            }
        };
    }

    /**
     * {@code LdapShaPasswordEncoder}: {@code {SHA}} / {@code {sha}} base64(SHA-1(password)), {@code {SSHA}} /
     * {@code {ssha}} base64(SHA-1(password + salt) + salt) with a salt of any length, or, without a brace, the
     * password in plain text. Another braced prefix makes Spring throw.
     */
    static StoredHash ldap(String encoded) throws MalformedHashException {
        int end = encoded.indexOf('}');
        if (!encoded.startsWith("{") || end < 0) {
            return noop(encoded);
        }
        String prefix = encoded.substring(0, end + 1);
        boolean salted;
        if (prefix.equals("{SSHA}") || prefix.equals("{ssha}")) {
            salted = true;
        } else if (prefix.equals("{SHA}") || prefix.equals("{sha}")) {
            salted = false;
        } else {
            throw new MalformedHashException("spring ldap: the prefix must be {SHA} or {SSHA}");
        }
        byte[] decoded = base64(encoded.substring(prefix.length()), "spring ldap");
        if (salted ? decoded.length < 20 : decoded.length != 20) {
            throw new MalformedHashException(salted ? "spring ldap {SSHA} shorter than its 20-byte digest"
                    : "spring ldap {SHA} digest must be 20 bytes");
        }
        byte[] expected = Arrays.copyOf(decoded, 20);
        byte[] salt = Arrays.copyOfRange(decoded, 20, decoded.length);
        return new NotBcrypt() {
            @Override
            public HashCost cost() {
                return new HashCost.Fixed();
            }

            @Override
            public boolean matches(byte[] password) {
                return Digests.constantTimeEquals(expected, Digests.digest("SHA-1", password, salt));
            }
        };
    }

    /** {@code NoOpPasswordEncoder} (and {@code {ldap}} without a prefix): the stored text is the password. */
    static StoredHash noop(String encoded) {
        byte[] expected = encoded.getBytes(StandardCharsets.UTF_8);
        return new NotBcrypt() {
            @Override
            public HashCost cost() {
                return new HashCost.Fixed();
            }

            @Override
            public boolean matches(byte[] password) {
                return Digests.constantTimeEquals(expected, password);
            }
        };
    }

    private static byte[] iterate(String jcaName, byte[] input, int iterations) {
        MessageDigest md = Digests.get(jcaName);
        byte[] digest = md.digest(input);
        for (int i = 1; i < iterations; i++) {
            digest = md.digest(digest);
        }
        return digest;
    }

    private static byte[] md4(byte[] input) {
        MD4Digest md4 = new MD4Digest();
        md4.update(input, 0, input.length);
        byte[] out = new byte[md4.getDigestSize()];
        md4.doFinal(out, 0);
        return out;
    }

    private static byte[] base64(String text, String what) throws MalformedHashException {
        try {
            return Radix64.STANDARD.decode(text);
        } catch (IllegalArgumentException e) {
            throw new MalformedHashException(what + ": " + e.getMessage());
        }
    }

    private static boolean isHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0 || s.charAt(i) > 'f') {
                return false;
            }
        }
        return true;
    }

    /** Spring's {@code Hex.decode}: even length, hex digits of either case. */
    private static byte[] hexAnyCase(String text, String what) throws MalformedHashException {
        if (text.length() % 2 != 0 || !isHex(text)) {
            throw new MalformedHashException(what + ": not an even number of hex digits");
        }
        byte[] out = new byte[text.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) (Character.digit(text.charAt(2 * i), 16) << 4 | Character.digit(text.charAt(2 * i + 1), 16));
        }
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
