package dev.legacybridge.hash.argon2;

import dev.legacybridge.hash.HashCost;
import dev.legacybridge.hash.MalformedHashException;
import dev.legacybridge.hash.PasswordScheme;
import dev.legacybridge.hash.SchemeIds;
import dev.legacybridge.hash.SchemeInfo;
import dev.legacybridge.hash.StoredHash;

/**
 * Bare PHC argon2 strings ({@code $argon2id$}, {@code $argon2i$}, {@code $argon2d$}) as argon2-cffi's
 * {@code PasswordHasher}, passlib's {@code argon2} and libsodium store them. Id {@value SchemeIds#ARGON2}.
 *
 * <p>Example: the password {@code secret} and
 * {@code $argon2id$v=19$m=102400,t=2,p=8$wDinFCIEwLh37t0b49ybEw$Qtd5SSpPBtytqxAVIwsCvw} match. See
 * {@link Argon2String} for the fields.
 */
public final class Argon2Scheme implements PasswordScheme {

    private static final SchemeInfo INFO = new SchemeInfo(SchemeIds.ARGON2, "$argon2id$ / $argon2i$ / $argon2d$",
            false, false, "PHC argon2 string (argon2-cffi, passlib, libsodium)");

    @Override
    public SchemeInfo info() {
        return INFO;
    }

    @Override
    public boolean claims(String stored) {
        return Argon2String.typeAt(stored, 0) != null;
    }

    @Override
    public StoredHash parse(String stored) throws MalformedHashException {
        return stored(Argon2String.parse(stored, 0));
    }

    /** Wraps a parsed string; shared with Django's {@code argon2$} format. */
    public static StoredHash stored(Argon2String parsed) {
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
            public java.util.Optional<dev.legacybridge.hash.StandardHash> standardForm() {
                return java.util.Optional.of(parsed.standardForm());
            }
        };
    }
}
