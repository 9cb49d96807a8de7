package dev.legacybridge.hash.spring;

import dev.legacybridge.hash.EncodingTarget;
import dev.legacybridge.hash.HashCost;
import dev.legacybridge.hash.MalformedHashException;
import dev.legacybridge.hash.PasswordScheme;
import dev.legacybridge.hash.SchemeConfiguration;
import dev.legacybridge.hash.SchemeIds;
import dev.legacybridge.hash.SchemeInfo;
import dev.legacybridge.hash.StoredHash;
import dev.legacybridge.hash.argon2.Argon2String;
import dev.legacybridge.hash.bcrypt.Bcrypt;
import dev.legacybridge.hash.bcrypt.BcryptString;
import dev.legacybridge.hash.kdf.Argon2;
import dev.legacybridge.hash.kdf.Digests;

import java.util.Set;

/**
 * Spring Security's {@code DelegatingPasswordEncoder} format {@code {id}encodedPassword}, as written by
 * {@code PasswordEncoderFactories.createDelegatingPasswordEncoder()} (Spring Security 5.0 to 7.x) and the
 * {@code JdbcUserDetailsManager} {@code users.password} column.
 *
 * <p>Two scheme ids share the format, so that the weak encoders need an explicit opt-in like every weak scheme:
 * <ul>
 *   <li>{@value SchemeIds#SPRING_DELEGATING}: {@code {bcrypt}} ({@code $2a$}/{@code $2b$}/{@code $2y$}),
 *       {@code {pbkdf2}} and {@code {pbkdf2@SpringSecurity_v5_8}}, {@code {scrypt}} and
 *       {@code {scrypt@SpringSecurity_v5_8}} ({@code $<hex log2N|r|p>$<salt b64>$<key b64>}), {@code {argon2}} and
 *       {@code {argon2@SpringSecurity_v5_8}} (PHC string; no {@code v=} means 19 here, as in Spring), and any other
 *       {@code {id}} (malformed: Spring throws for an unmapped id);</li>
 *   <li>{@value SchemeIds#SPRING_DELEGATING_WEAK}: {@code {noop}} (plain text), {@code {MD5}}, {@code {SHA-1}},
 *       {@code {SHA-256}} ({@code [{salt}]hex(H(password + "{salt}"))}), {@code {MD4}}, {@code {sha256}}
 *       ({@code StandardPasswordEncoder}: hex of an 8-byte salt and SHA-256 iterated 1024 times over
 *       salt + secret + password) and {@code {ldap}} ({@code {SHA}}, {@code {SSHA}} with any salt length, lower-case
 *       spellings, or plain text without a brace).</li>
 * </ul>
 *
 * <p>Settings that the stored value does not carry (PBKDF2's algorithm and iterations, scrypt's key length, secrets)
 * come from {@link SpringEncoders}, defaulting to Spring's factory encoders. RFC 2307 prefixes that are other schemes'
 * ({@code {SHA}}, {@code {SSHA}}, {@code {SSHA256}}, {@code {SSHA512}}, {@code {PKCS5S2}}, {@code {PBKDF2-SHA512}})
 * are not claimed. Passwords are hashed as UTF-8, as Spring's {@code Utf8.encode} does; unlike pyca/bcrypt, Spring's
 * bcrypt hashes a NUL byte like any other. Example: the password {@code password} and
 * {@code {bcrypt}$2a$10$9cGIi9zWoU7VigloNvSRBOsI.k72rw.X2bAAR55ZeYHKc6o.oXRQO} match.
 */
public final class SpringDelegatingScheme implements PasswordScheme {

    /** Braced prefixes that belong to the LDAP and Atlassian schemes, never to Spring. */
    static final Set<String> OTHER_SCHEMES_IDS = Set.of("SHA", "SSHA", "SSHA256", "SSHA512", "PKCS5S2",
            "PBKDF2-SHA512");

    private final boolean weak;
    private final SchemeInfo info;

    private SpringDelegatingScheme(boolean weak, SchemeInfo info) {
        this.weak = weak;
        this.info = info;
    }

    public static SpringDelegatingScheme strong() {
        return new SpringDelegatingScheme(false, new SchemeInfo(SchemeIds.SPRING_DELEGATING,
                "{bcrypt} {pbkdf2} {scrypt} {argon2}", true, false,
                "Spring Security DelegatingPasswordEncoder (5.x-7.x), key-stretching encoders"));
    }

    public static SpringDelegatingScheme weakEncoders() {
        return new SpringDelegatingScheme(true, new SchemeInfo(SchemeIds.SPRING_DELEGATING_WEAK,
                "{noop} {MD5} {MD4} {SHA-1} {SHA-256} {sha256} {ldap}", false, true,
                "Spring Security DelegatingPasswordEncoder, plain-digest and plain-text encoders"));
    }

    @Override
    public SchemeInfo info() {
        return info;
    }

    @Override
    public boolean claims(String stored) {
        if (!stored.startsWith("{")) {
            return false;
        }
        String id = id(stored);
        if (id != null && OTHER_SCHEMES_IDS.contains(id)) {
            return false;
        }
        boolean weakId = id != null && SpringEncoders.WEAK_IDS.contains(id);
        return weak == weakId;
    }

    /** Spring's {@code extractId}: the text between the leading brace and the first closing one, or null. */
    static String id(String stored) {
        int end = stored.indexOf('}');
        return end < 0 ? null : stored.substring(1, end);
    }

    @Override
    public StoredHash parse(String stored) throws MalformedHashException {
        return parse(stored, SpringEncoders.defaults());
    }

    @Override
    public StoredHash parse(String stored, SchemeConfiguration configuration) throws MalformedHashException {
        return parse(stored, configuration.spring());
    }

    StoredHash parse(String stored, SpringEncoders encoders) throws MalformedHashException {
        String id = id(stored);
        if (id == null) {
            throw new MalformedHashException("spring: the {id} prefix has no closing brace");
        }
        String encoded = stored.substring(id.length() + 2);
        if (id.equals("bcrypt")) {
            return bcrypt(encoded);
        }
        if (SpringEncoders.PBKDF2_IDS.contains(id)) {
            return SpringHashes.pbkdf2(encoded, encoders.pbkdf2(id), id);
        }
        if (SpringEncoders.SCRYPT_IDS.contains(id)) {
            return SpringHashes.scrypt(encoded, encoders.scryptKeyLength(id), id);
        }
        if (SpringEncoders.ARGON2_IDS.contains(id)) {
            return argon2(encoded);
        }
        if (id.equals("sha256")) {
            return SpringHashes.standard(encoded, encoders.standardSecret());
        }
        if (SpringEncoders.DIGEST_IDS.contains(id)) {
            return SpringHashes.messageDigest(encoded, id, encoders.digest(id));
        }
        if (id.equals("ldap")) {
            return SpringHashes.ldap(encoded);
        }
        if (id.equals("noop")) {
            return SpringHashes.noop(encoded);
        }
        throw new MalformedHashException("spring: no encoder is mapped to this {id} (Spring throws for it)");
    }

    private static StoredHash bcrypt(String encoded) throws MalformedHashException {
        if (encoded.startsWith("$2$")) {
            throw new MalformedHashException("spring bcrypt: the minor-less $2$ form is not supported");
        }
        BcryptString parsed = BcryptString.parse(encoded, 0);
        return new StoredHash() {
            @Override
            public HashCost cost() {
                return new HashCost.Bcrypt(parsed.cost());
            }

            @Override
            public boolean matches(byte[] password) {
                // Spring's BCrypt hashes every byte of the UTF-8 password, NUL included, then cuts the key at 72.
                return Digests.constantTimeEquals(parsed.digest(), Bcrypt.digest(password, parsed.salt(), parsed.cost()));
            }

            @Override
            public boolean below(EncodingTarget target) {
                return parsed.cost() < target.cost();
            }
        };
    }

    private static StoredHash argon2(String encoded) throws MalformedHashException {
        Argon2String parsed = Argon2String.parse(encoded, 0, Argon2.VERSION_13);
        return new StoredHash() {
            @Override
            public HashCost cost() {
                return parsed.cost();
            }

            @Override
            public boolean matches(byte[] password) {
                return parsed.matches(password);
            }

            @Override
            public boolean below(EncodingTarget target) {
                return true;
            }

            @Override
            public java.util.Optional<dev.legacybridge.hash.StandardHash> standardForm() {
                return java.util.Optional.of(parsed.standardForm());
            }
        };
    }
}
