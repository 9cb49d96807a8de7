package dev.legacybridge.hash.recipe;

import dev.legacybridge.hash.ConfiguredFormat;
import dev.legacybridge.hash.HashCost;
import dev.legacybridge.hash.MalformedHashException;
import dev.legacybridge.hash.SchemeIds;
import dev.legacybridge.hash.SchemeInfo;
import dev.legacybridge.hash.StoredHash;
import dev.legacybridge.hash.StoredPassword;
import dev.legacybridge.hash.kdf.Digests;
import dev.legacybridge.hash.kdf.Pbkdf2;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A home-grown password hash, described by parameters instead of code, the way hosted identity services import them
 * (Auth0's {@code custom_password_hash}, Okta's {@code saltOrder}): a digest, an HMAC or PBKDF2 over the password, a
 * salt from a column or from inside the stored value, an application pepper, and an encoding. Digest and HMAC recipes
 * are {@value SchemeIds#RECIPE_DIGEST} (weak: fast, so allowed only by opt-in); PBKDF2 recipes are
 * {@value SchemeIds#RECIPE_PBKDF2}.
 *
 * <table>
 *   <caption>Parameters (keys of {@link #parse(Map)}), defaults in bold</caption>
 *   <tr><th>key</th><th>values</th><th>meaning</th></tr>
 *   <tr><td>{@code recipe}</td><td>md5, sha1, sha224, sha256, sha384, sha512, hmac-md5, hmac-sha1, hmac-sha256,
 *       hmac-sha384, hmac-sha512, pbkdf2-sha1, pbkdf2-sha256, pbkdf2-sha512</td><td>the function (required)</td></tr>
 *   <tr><td>{@code salt_source}</td><td><b>none</b>, column, prefix, suffix</td><td>no salt; the row's salt column;
 *       inside the value before or after the hash, split at {@code salt_separator}</td></tr>
 *   <tr><td>{@code salt_separator}</td><td>text, e.g. {@code $} or {@code :}</td><td>for prefix and suffix</td></tr>
 *   <tr><td>{@code salt_position}</td><td><b>before</b>, after</td><td>digest and HMAC message: salt + password, or
 *       password + salt</td></tr>
 *   <tr><td>{@code salt_encoding}</td><td><b>text</b>, hex, base64</td><td>the salt's bytes: its UTF-8 text, or
 *       decoded</td></tr>
 *   <tr><td>{@code hash_encoding}</td><td><b>hex</b> (either case), base64, base64url, raw</td><td>how the hash is
 *       stored; raw is one character per byte (U+0000-U+00FF), for a binary column handed over as such</td></tr>
 *   <tr><td>{@code iterations}</td><td><b>1</b> or more</td><td>digest: {@code h = H(message)}, then
 *       {@code h = H(h)} until there are {@code iterations} digests; PBKDF2: its iteration count (required); HMAC: 1
 *       only</td></tr>
 *   <tr><td>{@code key_length}</td><td>bytes</td><td>PBKDF2 output length (default: the PRF's digest length)</td></tr>
 *   <tr><td>{@code pepper}</td><td>text (from the vault)</td><td>an application-wide secret</td></tr>
 *   <tr><td>{@code pepper_position}</td><td><b>after</b>, before</td><td>appended to or put before the digest
 *       message, or the PBKDF2 password</td></tr>
 *   <tr><td>{@code hmac_key}</td><td><b>pepper</b> if there is one, else salt</td><td>HMAC's key; the message is the
 *       password with the salt (or the pepper) placed as above</td></tr>
 * </table>
 *
 * <p>Example: a table with {@code password_hash = hex(sha256(password_salt + password))} is
 * {@code recipe=sha256, salt_source=column}; Drupal-less PHP shops' {@code md5(password . salt)} is
 * {@code recipe=md5, salt_source=column, salt_position=after}. Immutable; {@link #toString()} hides the pepper.
 */
public final class Recipe implements ConfiguredFormat {

    /** Digest and HMAC recipes: weak. */
    public static final SchemeInfo DIGEST_INFO = new SchemeInfo(SchemeIds.RECIPE_DIGEST, "configured recipe", false,
            true, "home-grown digest or HMAC (md5/sha*(salt+password), pepper...), configured by parameters");
    /** PBKDF2 recipes. */
    public static final SchemeInfo PBKDF2_INFO = new SchemeInfo(SchemeIds.RECIPE_PBKDF2, "configured recipe", false,
            false, "home-grown PBKDF2 (salt column or inside the value, pepper), configured by parameters");

    /** The function family and its hash. */
    public enum Algorithm {
        MD5("md5", "MD5", 16), SHA1("sha1", "SHA-1", 20), SHA224("sha224", "SHA-224", 28),
        SHA256("sha256", "SHA-256", 32), SHA384("sha384", "SHA-384", 48), SHA512("sha512", "SHA-512", 64),
        HMAC_MD5("hmac-md5", "HmacMD5", 16), HMAC_SHA1("hmac-sha1", "HmacSHA1", 20),
        HMAC_SHA256("hmac-sha256", "HmacSHA256", 32), HMAC_SHA384("hmac-sha384", "HmacSHA384", 48),
        HMAC_SHA512("hmac-sha512", "HmacSHA512", 64),
        PBKDF2_SHA1("pbkdf2-sha1", "SHA-1", 20), PBKDF2_SHA256("pbkdf2-sha256", "SHA-256", 32),
        PBKDF2_SHA512("pbkdf2-sha512", "SHA-512", 64);

        private final String key;
        private final String jcaName;
        private final int outputBytes;

        Algorithm(String key, String jcaName, int outputBytes) {
            this.key = key;
            this.jcaName = jcaName;
            this.outputBytes = outputBytes;
        }

        public String key() {
            return key;
        }

        public boolean hmac() {
            return name().startsWith("HMAC");
        }

        public boolean pbkdf2() {
            return name().startsWith("PBKDF2");
        }

        Pbkdf2.Prf prf() {
            return switch (this) {
                case PBKDF2_SHA1 -> Pbkdf2.Prf.SHA1;
                case PBKDF2_SHA256 -> Pbkdf2.Prf.SHA256;
                default -> Pbkdf2.Prf.SHA512;
            };
        }
    }

    /** Where the salt comes from. */
    public enum SaltSource { NONE, COLUMN, PREFIX, SUFFIX }

    /** How the salt text becomes bytes. */
    public enum SaltEncoding { TEXT, HEX, BASE64 }

    /** How the hash is stored. */
    public enum HashEncoding { HEX, BASE64, BASE64URL, RAW }

    /** Whether the salt (or pepper) goes before or after the password. */
    public enum Position { BEFORE, AFTER }

    /** HMAC's key. */
    public enum HmacKey { PEPPER, SALT }

    private final Algorithm algorithm;
    private final SaltSource saltSource;
    private final String saltSeparator;
    private final Position saltPosition;
    private final SaltEncoding saltEncoding;
    private final HashEncoding hashEncoding;
    private final int iterations;
    private final int keyLength;
    private final byte[] pepper;
    private final Position pepperPosition;
    private final HmacKey hmacKey;
    private final SchemeInfo info;

    /**
     * @param pepper         empty for none
     * @param saltSeparator  required for {@link SaltSource#PREFIX} and {@link SaltSource#SUFFIX}, else ignored
     * @param keyLength      0 for the algorithm's output length
     * @throws IllegalArgumentException when the combination cannot work, with a message fit for an administrator
     */
    public Recipe(Algorithm algorithm, SaltSource saltSource, String saltSeparator, Position saltPosition,
                  SaltEncoding saltEncoding, HashEncoding hashEncoding, int iterations, int keyLength, byte[] pepper,
                  Position pepperPosition, HmacKey hmacKey) {
        this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
        this.saltSource = Objects.requireNonNull(saltSource, "saltSource");
        this.saltPosition = Objects.requireNonNull(saltPosition, "saltPosition");
        this.saltEncoding = Objects.requireNonNull(saltEncoding, "saltEncoding");
        this.hashEncoding = Objects.requireNonNull(hashEncoding, "hashEncoding");
        this.pepper = Objects.requireNonNull(pepper, "pepper").clone();
        this.pepperPosition = Objects.requireNonNull(pepperPosition, "pepperPosition");
        this.hmacKey = Objects.requireNonNull(hmacKey, "hmacKey");
        boolean inside = saltSource == SaltSource.PREFIX || saltSource == SaltSource.SUFFIX;
        if (inside && (saltSeparator == null || saltSeparator.isEmpty())) {
            throw new IllegalArgumentException("recipe: salt_source " + name(saltSource)
                    + " needs a salt_separator (the text between salt and hash)");
        }
        this.saltSeparator = inside ? saltSeparator : "";
        if (iterations < 1) {
            throw new IllegalArgumentException("recipe: iterations must be at least 1");
        }
        if (algorithm.hmac() && iterations != 1) {
            throw new IllegalArgumentException("recipe: an HMAC recipe has no iterations (use 1)");
        }
        this.iterations = iterations;
        if (keyLength != 0 && (!algorithm.pbkdf2() || keyLength < 1 || keyLength > 1024)) {
            throw new IllegalArgumentException(algorithm.pbkdf2() ? "recipe: key_length must be 1 to 1024 bytes"
                    : "recipe: key_length is for PBKDF2 recipes only");
        }
        this.keyLength = keyLength == 0 ? algorithm.outputBytes : keyLength;
        if (algorithm.hmac() && (hmacKey == HmacKey.PEPPER ? pepper.length == 0 : saltSource == SaltSource.NONE)) {
            throw new IllegalArgumentException("recipe: an HMAC recipe needs a key: a pepper, or hmac_key=salt with "
                    + "a salt_source");
        }
        this.info = algorithm.pbkdf2() ? PBKDF2_INFO : DIGEST_INFO;
    }

    /**
     * Reads a recipe from its parameters (keys in the table above; values case-insensitive except the separator and
     * the pepper).
     *
     * @throws IllegalArgumentException for an unknown key or value, naming it; never quotes the pepper
     */
    public static Recipe parse(Map<String, String> params) {
        Map<String, String> p = new LinkedHashMap<>(params);
        String algorithmName = p.remove("recipe");
        if (algorithmName == null) {
            throw new IllegalArgumentException("recipe: the recipe parameter (md5, sha256, hmac-sha256, "
                    + "pbkdf2-sha256, ...) is required");
        }
        Algorithm algorithm = choice(Algorithm.class, algorithmName, "recipe");
        SaltSource saltSource = choice(SaltSource.class, p.remove("salt_source"), "salt_source", SaltSource.NONE);
        String separator = p.remove("salt_separator");
        Position saltPosition = choice(Position.class, p.remove("salt_position"), "salt_position", Position.BEFORE);
        SaltEncoding saltEncoding = choice(SaltEncoding.class, p.remove("salt_encoding"), "salt_encoding",
                SaltEncoding.TEXT);
        HashEncoding hashEncoding = choice(HashEncoding.class, p.remove("hash_encoding"), "hash_encoding",
                HashEncoding.HEX);
        int iterations = integer(p.remove("iterations"), "iterations", 1);
        int keyLength = integer(p.remove("key_length"), "key_length", 0);
        String pepperText = p.remove("pepper");
        byte[] pepper = pepperText == null ? new byte[0] : pepperText.getBytes(StandardCharsets.UTF_8);
        Position pepperPosition = choice(Position.class, p.remove("pepper_position"), "pepper_position",
                Position.AFTER);
        HmacKey hmacKey = choice(HmacKey.class, p.remove("hmac_key"), "hmac_key",
                pepper.length > 0 ? HmacKey.PEPPER : HmacKey.SALT);
        if (algorithm.pbkdf2() && !params.containsKey("iterations")) {
            throw new IllegalArgumentException("recipe: a PBKDF2 recipe needs iterations");
        }
        if (!p.isEmpty()) {
            throw new IllegalArgumentException("recipe: unknown parameter " + String.join(", ", p.keySet()));
        }
        return new Recipe(algorithm, saltSource, separator, saltPosition, saltEncoding, hashEncoding, iterations,
                keyLength, pepper, pepperPosition, hmacKey);
    }

    /** The parameters that {@link #parse(Map)} reads back into this recipe; the pepper is shown as {@code <secret>}. */
    public Map<String, String> describe() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("recipe", algorithm.key);
        out.put("salt_source", name(saltSource));
        if (!saltSeparator.isEmpty()) {
            out.put("salt_separator", saltSeparator);
        }
        if (saltSource != SaltSource.NONE) {
            if (!(algorithm.pbkdf2() || algorithm.hmac() && hmacKey == HmacKey.SALT)) {
                out.put("salt_position", name(saltPosition));
            }
            out.put("salt_encoding", name(saltEncoding));
        }
        out.put("hash_encoding", name(hashEncoding));
        if (iterations != 1 || algorithm.pbkdf2()) {
            out.put("iterations", String.valueOf(iterations));
        }
        if (algorithm.pbkdf2() && keyLength != algorithm.outputBytes) {
            out.put("key_length", String.valueOf(keyLength));
        }
        if (pepper.length > 0) {
            out.put("pepper", "<secret>");
            if (!(algorithm.hmac() && hmacKey == HmacKey.PEPPER)) {
                out.put("pepper_position", name(pepperPosition));
            }
        }
        if (algorithm.hmac()) {
            out.put("hmac_key", name(hmacKey));
        }
        return out;
    }

    private static String name(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    private static <E extends Enum<E>> E choice(Class<E> type, String value, String key, E defaultValue) {
        return value == null || value.isBlank() ? defaultValue : choice(type, value, key);
    }

    private static <E extends Enum<E>> E choice(Class<E> type, String value, String key) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        for (E e : type.getEnumConstants()) {
            String name = e instanceof Algorithm a ? a.key : name(e);
            if (name.equals(v)) {
                return e;
            }
        }
        StringBuilder options = new StringBuilder();
        for (E e : type.getEnumConstants()) {
            options.append(options.length() == 0 ? "" : ", ").append(e instanceof Algorithm a ? a.key : name(e));
        }
        throw new IllegalArgumentException("recipe: " + key + " must be one of " + options);
    }

    private static int integer(String value, String key, int defaultValue) {
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("recipe: " + key + " must be a whole number");
        }
    }

    public Algorithm algorithm() {
        return algorithm;
    }

    public SaltSource saltSource() {
        return saltSource;
    }

    @Override
    public SchemeInfo info() {
        return info;
    }

    @Override
    public boolean binary() {
        return hashEncoding == HashEncoding.RAW;
    }

    @Override
    public boolean hasShape(String stored) {
        String hash = hashPart(stored);
        return hash != null && decodeHash(hash) != null;
    }

    /** The hash part of the value (without an inside salt), or null when the separator is missing. */
    private String hashPart(String stored) {
        return switch (saltSource) {
            case PREFIX -> {
                int at = stored.lastIndexOf(saltSeparator);
                yield at < 0 ? null : stored.substring(at + saltSeparator.length());
            }
            case SUFFIX -> {
                int at = stored.indexOf(saltSeparator);
                yield at < 0 ? null : stored.substring(0, at);
            }
            default -> stored;
        };
    }

    /** The decoded hash if it has this recipe's encoding and length, else null. */
    private byte[] decodeHash(String hash) {
        byte[] out = switch (hashEncoding) {
            case HEX -> hexAnyCase(hash);
            case BASE64 -> base64(hash, false);
            case BASE64URL -> base64(hash, true);
            case RAW -> latin1(hash);
        };
        return out != null && out.length == keyLength ? out : null;
    }

    @Override
    public StoredHash parse(StoredPassword stored) throws MalformedHashException {
        String value = stored.value();
        String hashText = hashPart(value);
        if (hashText == null) {
            throw new MalformedHashException(info.id() + ": the salt separator is missing");
        }
        byte[] expected = decodeHash(hashText);
        if (expected == null) {
            throw new MalformedHashException(info.id() + ": the hash is not " + keyLength + " bytes of "
                    + name(hashEncoding));
        }
        String saltText = switch (saltSource) {
            case NONE -> "";
            case COLUMN -> stored.salt() == null ? "" : stored.salt();
            case PREFIX -> value.substring(0, value.lastIndexOf(saltSeparator));
            case SUFFIX -> value.substring(value.indexOf(saltSeparator) + saltSeparator.length());
        };
        byte[] salt = switch (saltEncoding) {
            case TEXT -> saltText.getBytes(StandardCharsets.UTF_8);
            case HEX -> hexAnyCase(saltText);
            case BASE64 -> base64(saltText, false);
        };
        if (salt == null) {
            throw new MalformedHashException(info.id() + ": the salt is not " + name(saltEncoding));
        }
        return new StoredHash() {
            @Override
            public HashCost cost() {
                if (algorithm.pbkdf2()) {
                    return new HashCost.Pbkdf2(iterations);
                }
                return algorithm.hmac() ? new HashCost.Fixed() : new HashCost.IteratedDigest(iterations);
            }

            @Override
            public boolean matches(byte[] password) {
                byte[] computed = compute(password, salt);
                try {
                    return Digests.constantTimeEquals(expected, computed);
                } finally {
                    Arrays.fill(computed, (byte) 0);
                }
            }
        };
    }

    /** The recipe's hash of {@code password} with {@code salt}, before encoding. */
    public byte[] compute(byte[] password, byte[] salt) {
        if (algorithm.pbkdf2()) {
            byte[] key = pepper.length == 0 ? password
                    : pepperPosition == Position.BEFORE ? concat(pepper, password) : concat(password, pepper);
            return Pbkdf2.derive(algorithm.prf(), key, salt, iterations, keyLength);
        }
        if (algorithm.hmac()) {
            byte[] key = hmacKey == HmacKey.PEPPER ? pepper : salt;
            byte[] message = hmacKey == HmacKey.PEPPER ? salted(password, salt) : password;
            return hmac(key, message);
        }
        byte[] message = salted(password, salt);
        if (pepper.length > 0) {
            message = pepperPosition == Position.BEFORE ? concat(pepper, message) : concat(message, pepper);
        }
        MessageDigest md = Digests.get(algorithm.jcaName);
        byte[] h = md.digest(message);
        for (int i = 1; i < iterations; i++) {
            h = md.digest(h);
        }
        return h;
    }

    private byte[] salted(byte[] password, byte[] salt) {
        if (salt.length == 0) {
            return password;
        }
        return saltPosition == Position.BEFORE ? concat(salt, password) : concat(password, salt);
    }

    private byte[] hmac(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance(algorithm.jcaName);
            // An empty key (an empty salt column) is HMAC's all-zero key; SecretKeySpec refuses empty arrays.
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, algorithm.jcaName));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java SE platform provides " + algorithm.jcaName, e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] hexAnyCase(String text) {
        if (text.length() % 2 != 0) {
            return null;
        }
        byte[] out = new byte[text.length() / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = hexDigit(text.charAt(2 * i));
            int lo = hexDigit(text.charAt(2 * i + 1));
            if (hi < 0 || lo < 0) {
                return null;
            }
            out[i] = (byte) (hi << 4 | lo);
        }
        return out;
    }

    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private static byte[] base64(String text, boolean url) {
        try {
            String standard = url ? text.replace('-', '+').replace('_', '/') : text;
            if (url) {
                if (text.indexOf('+') >= 0 || text.indexOf('/') >= 0) {
                    return null;
                }
                while (standard.length() % 4 != 0) {
                    standard += "=";
                }
            }
            return dev.legacybridge.hash.codec.Radix64.STANDARD.decode(standard);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] latin1(String text) {
        byte[] out = new byte[text.length()];
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c > 0xff) {
                return null;
            }
            out[i] = (byte) c;
        }
        return out;
    }

    @Override
    public String toString() {
        return "Recipe" + describe();
    }
}
