package dev.legacybridge.hash.bcrypt;

import dev.legacybridge.hash.HashCost;
import dev.legacybridge.hash.MalformedHashException;
import dev.legacybridge.hash.PasswordScheme;
import dev.legacybridge.hash.SchemeConfiguration;
import dev.legacybridge.hash.SchemeIds;
import dev.legacybridge.hash.SchemeInfo;
import dev.legacybridge.hash.StoredHash;

/**
 * Raw bcrypt strings as pyca/bcrypt, PHP's {@code password_hash}, Spring's {@code BCryptPasswordEncoder} and most
 * others store them: {@code $2a$}, {@code $2b$} and {@code $2y$}. Id {@value SchemeIds#BCRYPT}.
 *
 * <p>Example: the password {@code 秘密secret} and
 * {@code $2b$12$GiT4irjyOQK17GBgqhonJeAsbCyyyVMMHp.NvMQxnF9DZlsG69YSe} match; only the first 72 UTF-8 bytes of a
 * password count (see {@link Bcrypt}).
 */
public final class BcryptScheme implements PasswordScheme {

    private static final SchemeInfo INFO = new SchemeInfo(SchemeIds.BCRYPT, "$2a$ / $2b$ / $2y$", true, false,
            "bcrypt modular-crypt string (pyca/bcrypt, PHP password_hash, Spring, Ruby...)");

    @Override
    public SchemeInfo info() {
        return INFO;
    }

    @Override
    public boolean claims(String stored) {
        return BcryptString.hasPrefix(stored, 0);
    }

    @Override
    public StoredHash parse(String stored) throws MalformedHashException {
        return parse(stored, new byte[0]);
    }

    /** With the configuration's bcrypt pepper (Devise's {@code config.pepper}), appended to the password. */
    @Override
    public StoredHash parse(String stored, SchemeConfiguration configuration) throws MalformedHashException {
        return parse(stored, configuration.bcryptPepper());
    }

    private static StoredHash parse(String stored, byte[] pepper) throws MalformedHashException {
        BcryptString parsed = BcryptString.parse(stored, 0);
        return new StoredHash() {
            @Override
            public HashCost cost() {
                return new HashCost.Bcrypt(parsed.cost());
            }

            @Override
            public boolean matches(byte[] password) {
                if (pepper.length == 0) {
                    return parsed.matches(password);
                }
                byte[] key = java.util.Arrays.copyOf(password, password.length + pepper.length);
                System.arraycopy(pepper, 0, key, password.length, pepper.length);
                try {
                    return parsed.matches(key);
                } finally {
                    java.util.Arrays.fill(key, (byte) 0);
                }
            }
        };
    }
}
