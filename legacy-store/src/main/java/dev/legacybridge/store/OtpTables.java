package dev.legacybridge.store;

/**
 * Where a legacy application keeps its users' second factors, as {@link LegacySchemaOptions#resolveOtp} reads it.
 *
 * <ul>
 *   <li>{@link Kind#DJANGO_OTP}: django-otp's tables. {@code otp_totp_totpdevice} ({@code user_id}, {@code name},
 *       {@code confirmed}, {@code key} as hex, {@code step}, {@code t0}, {@code digits}, {@code tolerance},
 *       {@code drift}, {@code last_t}), {@code otp_static_staticdevice} ({@code user_id}, {@code name},
 *       {@code confirmed}) and {@code otp_static_statictoken} ({@code device_id}, {@code token}).</li>
 *   <li>{@link Kind#SECRET_COLUMN}: one TOTP secret per user in a column of the users table, base32 or hex, with
 *       fixed digits and period (the usual shape of hand-made TOTP, e.g. pyotp's {@code random_base32()}).</li>
 *   <li>{@link Kind#NONE}: no second factor is carried over.</li>
 * </ul>
 *
 * @param kind              which layout
 * @param totpTable         django-otp's TOTP device table
 * @param staticDeviceTable django-otp's static device table
 * @param staticTokenTable  django-otp's static token table
 * @param secretColumn      {@link Kind#SECRET_COLUMN}: the users table's column holding the secret
 * @param secretEncoding    {@code base32} or {@code hex} ({@link Kind#SECRET_COLUMN}; django-otp keys are hex)
 * @param digits            {@link Kind#SECRET_COLUMN}: 6 or 8
 * @param period            {@link Kind#SECRET_COLUMN}: seconds per step
 */
public record OtpTables(Kind kind, String totpTable, String staticDeviceTable, String staticTokenTable,
                        String secretColumn, String secretEncoding, int digits, int period) {

    /** Layouts of second-factor data. */
    public enum Kind { NONE, DJANGO_OTP, SECRET_COLUMN }

    public static final OtpTables NONE = new OtpTables(Kind.NONE, null, null, null, null, null, 6, 30);

    public boolean enabled() {
        return kind != Kind.NONE;
    }
}
