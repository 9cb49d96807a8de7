package dev.legacybridge.hash.django;

import dev.legacybridge.hash.MalformedHashException;
import dev.legacybridge.hash.PasswordScheme;
import dev.legacybridge.hash.SchemeIds;
import dev.legacybridge.hash.SchemeInfo;
import dev.legacybridge.hash.StoredHash;
import dev.legacybridge.hash.argon2.Argon2Scheme;
import dev.legacybridge.hash.argon2.Argon2String;

/**
 * Django's {@code Argon2PasswordHasher} ({@value SchemeIds#DJANGO_ARGON2}): the literal {@code argon2} followed by a
 * complete PHC string, which Django hands to argon2-cffi unchanged (so argon2i, argon2d and a missing {@code v=} are
 * read as argon2-cffi reads them).
 *
 * <pre>
 * argon2$argon2id$v=19$m=102400,t=2,p=8$WTRIQTNlQUtwZk5STnQweVNLVzBHbQ$E/txknYFw4XG5sBkNbwsQw
 * |     |
 * |     PHC string: see {@link Argon2String}
 * Django's algorithm name
 * </pre>
 *
 * <p>Example: the password {@code secret} and the string above match.
 */
public final class DjangoArgon2Scheme implements PasswordScheme {

    private static final String PREFIX = "argon2";
    private static final SchemeInfo INFO = new SchemeInfo(SchemeIds.DJANGO_ARGON2, "argon2$argon2id$", true, false,
            "Django Argon2PasswordHasher (argon2-cffi)");

    @Override
    public SchemeInfo info() {
        return INFO;
    }

    @Override
    public boolean claims(String stored) {
        return stored.startsWith(PREFIX + "$");
    }

    @Override
    public StoredHash parse(String stored) throws MalformedHashException {
        return Argon2Scheme.stored(Argon2String.parse(stored, PREFIX.length()));
    }
}
