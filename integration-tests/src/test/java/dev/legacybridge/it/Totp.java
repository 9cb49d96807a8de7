package dev.legacybridge.it;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Instant;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * TOTP as RFC 6238 defines it (HOTP of RFC 4226 over the time step), written from the RFCs for the tests: the codes an
 * authenticator app shows for a legacy device's key. {@link TotpTest} checks it against RFC 6238's appendix B.
 */
final class Totp {

    private Totp() {
    }

    /** The code for {@code time}, with the HMAC named like JCA ({@code HmacSHA1}, {@code HmacSHA256}, ...). */
    static String code(byte[] key, Instant time, int stepSeconds, int digits, String hmac) {
        long counter = Math.floorDiv(time.getEpochSecond(), stepSeconds);
        try {
            Mac mac = Mac.getInstance(hmac);
            mac.init(new SecretKeySpec(key, hmac));
            byte[] h = mac.doFinal(ByteBuffer.allocate(8).putLong(counter).array());
            int offset = h[h.length - 1] & 0x0F;
            int binary = ((h[offset] & 0x7F) << 24) | ((h[offset + 1] & 0xFF) << 16) | ((h[offset + 2] & 0xFF) << 8)
                    | (h[offset + 3] & 0xFF);
            int modulo = (int) Math.pow(10, digits);
            return String.format("%0" + digits + "d", binary % modulo);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A six-digit HMAC-SHA1 code with 30-second steps, as django-otp's defaults and Google Authenticator. */
    static String code(byte[] key, Instant time) {
        return code(key, time, 30, 6, "HmacSHA1");
    }
}
