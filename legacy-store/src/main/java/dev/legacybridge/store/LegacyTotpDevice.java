package dev.legacybridge.store;

/**
 * One TOTP device of a legacy user, as stored (a django-otp {@code TOTPDevice} row, or the secret column of
 * {@link OtpTables.Kind#SECRET_COLUMN} with the configured digits and period).
 *
 * <p>{@link #toString()} leaves the key out.
 *
 * @param userId    legacy user id
 * @param name      device name (Keycloak's credential label), may be empty
 * @param key       the stored key text: hex for django-otp (or the application's encryption of it), base32 or hex
 *                  for a secret column
 * @param digits    6 or 8
 * @param step      seconds per time step
 * @param t0        Unix time the steps count from (django-otp's {@code t0}, 0 by default)
 * @param drift     django-otp's learned clock drift, in steps
 * @param confirmed whether the device was confirmed (django-otp only uses confirmed devices)
 */
public record LegacyTotpDevice(String userId, String name, String key, int digits, int step, long t0, int drift,
                               boolean confirmed) {

    @Override
    public String toString() {
        return "LegacyTotpDevice[userId=" + userId + ", name=" + name + ", digits=" + digits + ", step=" + step
                + ", t0=" + t0 + ", drift=" + drift + ", confirmed=" + confirmed + "]";
    }
}
