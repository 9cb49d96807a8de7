package dev.legacybridge.keycloak.migration;

import dev.legacybridge.store.LegacyMfa;
import dev.legacybridge.store.LegacyTotpDevice;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.models.credential.RecoveryAuthnCodesCredentialModel;
import org.keycloak.models.utils.Base32;

/**
 * A migrated user's second factors become Keycloak's own, so a migration is not a security regression:
 * <ul>
 *   <li>each usable TOTP device becomes an {@code otp} credential of subtype {@code totp} with the same key (stored
 *       base32 with {@code secretEncoding BASE32}, so any key bytes survive), digits, period and HMAC-SHA1, labelled
 *       with the device name: the user's authenticator app keeps working, in the browser's OTP form and as the
 *       password grant's {@code totp} parameter;</li>
 *   <li>unused static tokens become one {@code recovery-authn-codes} credential (Keycloak stores their SHA-512).
 *       Keycloak asks for recovery codes in order ("code number N"), whereas django-otp accepts any unused token: the
 *       tokens are numbered in the table's order. The browser flow must include "Recovery Authentication Code
 *       Form" for them to be used.</li>
 * </ul>
 *
 * <p>Devices Keycloak cannot reproduce are skipped and reported, never guessed at: unconfirmed ones (django-otp does
 * not use them either), a {@code t0} other than 0 (Keycloak counts steps from the epoch), digits other than 6 or 8, a
 * key that does not decode or decrypt. Keycloak keeps no per-device drift: a device whose django-otp drift is larger
 * than the realm's OTP look-around window is carried over with a warning. Nothing here logs a key or a token.
 */
public final class MfaCarryOver {

    private static final Logger LOG = Logger.getLogger(MfaCarryOver.class);

    /** What to carry over for one user; {@link #NONE} for nothing. */
    public record Input(LegacyMfa mfa, OtpKeys keys) {
        public static final Input NONE = new Input(LegacyMfa.NONE, null);
    }

    /** What was carried over: credentials made, and why devices were skipped (ids and reasons, no secrets). */
    public record Outcome(int otpCredentials, int recoveryCodes, List<String> skipped) {
    }

    private MfaCarryOver() {
    }

    static Outcome apply(RealmModel realm, UserModel user, String legacyId, Input input) {
        if (input == null || input.mfa().isEmpty()) {
            return new Outcome(0, 0, List.of());
        }
        List<String> skipped = new ArrayList<>();
        int otp = 0;
        Set<Integer> digitsAllowed = Set.of(6, 8);
        for (LegacyTotpDevice device : input.mfa().totpDevices()) {
            String label = device.name() == null || device.name().isBlank() ? "legacy authenticator" : device.name();
            String reason = null;
            byte[] key = null;
            if (!device.confirmed()) {
                reason = "unconfirmed";
            } else if (device.t0() != 0) {
                reason = "t0 is " + device.t0() + ", Keycloak counts steps from 0";
            } else if (!digitsAllowed.contains(device.digits())) {
                reason = device.digits() + " digits";
            } else if (device.step() < 1) {
                reason = "step " + device.step();
            } else {
                try {
                    key = input.keys().decode(device.key());
                } catch (IllegalArgumentException e) {
                    reason = e.getMessage();
                }
            }
            if (reason != null) {
                skipped.add("TOTP device '" + label + "': " + reason);
                continue;
            }
            OTPCredentialModel credential = OTPCredentialModel.createTOTP(Base32.encode(key), device.digits(),
                    device.step(), "HmacSHA1", OTPCredentialModel.SecretEncoding.BASE32.name());
            java.util.Arrays.fill(key, (byte) 0);
            credential.setUserLabel(label);
            user.credentialManager().createStoredCredential(credential);
            otp++;
            int window = realm.getOTPPolicy().getLookAheadWindow();
            if (Math.abs(device.drift()) > window) {
                LOG.warnf("Legacy user [%s]: TOTP device drift of %d steps is more than the realm's look-around "
                        + "window of %d; codes of a phone whose clock is that far off are refused", legacyId,
                        device.drift(), window);
            }
        }
        int codes = 0;
        if (!input.mfa().staticTokens().isEmpty()) {
            RecoveryAuthnCodesCredentialModel recovery = RecoveryAuthnCodesCredentialModel.createFromValues(
                    input.mfa().staticTokens(), org.keycloak.common.util.Time.currentTimeMillis(),
                    "legacy backup tokens");
            user.credentialManager().createStoredCredential(recovery);
            codes = input.mfa().staticTokens().size();
        }
        for (String reason : skipped) {
            LOG.warnf("Legacy user [%s]: second factor not carried over: %s", legacyId, reason);
        }
        if (otp > 0 || codes > 0) {
            LOG.debugf("Legacy user [%s]: %d TOTP device(s) and %d backup token(s) carried over", legacyId, otp, codes);
        }
        return new Outcome(otp, codes, List.copyOf(skipped));
    }
}
