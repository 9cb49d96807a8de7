package dev.legacybridge.hash;

/**
 * Produces new stored values in formats the legacy application reads back (see {@link EncodingTarget}).
 */
public final class PasswordEncoders {

    private PasswordEncoders() {
    }

    /** Encodes {@code password} (its UTF-8 bytes) with a fresh random salt from a {@link java.security.SecureRandom}. */
    public static String encode(EncodingTarget target, String password) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
