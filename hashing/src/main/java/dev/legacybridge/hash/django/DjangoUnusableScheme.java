package dev.legacybridge.hash.django;

import dev.legacybridge.hash.HashCost;
import dev.legacybridge.hash.PasswordScheme;
import dev.legacybridge.hash.SchemeIds;
import dev.legacybridge.hash.SchemeInfo;
import dev.legacybridge.hash.StoredHash;

/**
 * Django's unusable password ({@value SchemeIds#DJANGO_UNUSABLE}): {@code make_password(None)} and
 * {@code set_unusable_password()} store {@code !} followed by 40 random characters, and Django's
 * {@code is_password_usable} treats every value starting with {@code !} as "this account has no password".
 *
 * <p>Such a value never matches anything, not even its own suffix (example: {@code !IQgbDudMXsKLN57wVLmqMXj3OhILBVzdbLPVWA15}
 * matches no password). The verifier answers {@link dev.legacybridge.hash.Outcome#MISMATCH} and
 * {@link dev.legacybridge.hash.LegacyPasswordVerifier#inspect(String)} answers
 * {@link dev.legacybridge.hash.HashInspection.Status#UNUSABLE}.
 */
public final class DjangoUnusableScheme implements PasswordScheme {

    private static final SchemeInfo INFO = new SchemeInfo(SchemeIds.DJANGO_UNUSABLE, "!", false, false,
            "Django unusable password (make_password(None)); never matches");

    private static final StoredHash UNUSABLE = new StoredHash() {
        @Override
        public HashCost cost() {
            return new HashCost.Fixed();
        }

        @Override
        public boolean matches(byte[] password) {
            return false;
        }

        @Override
        public boolean usable() {
            return false;
        }
    };

    @Override
    public SchemeInfo info() {
        return INFO;
    }

    @Override
    public boolean claims(String stored) {
        return stored.startsWith("!");
    }

    @Override
    public StoredHash parse(String stored) {
        return UNUSABLE;
    }
}
