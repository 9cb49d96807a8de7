package dev.legacybridge.hash.kdf;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Small helpers around the JDK's {@link MessageDigest}: single-shot digests and the one comparison every scheme uses.
 *
 * <p>Internal to the hashing module.
 */
public final class Digests {

    private Digests() {
    }

    /** A fresh digest; the JDK provides MD5, SHA-1 and the SHA-2 family on every platform. */
    public static MessageDigest get(String jcaName) {
        try {
            return MessageDigest.getInstance(jcaName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java SE platform provides " + jcaName, e);
        }
    }

    /** The digest of the concatenation of {@code parts}. */
    public static byte[] digest(String jcaName, byte[]... parts) {
        MessageDigest md = get(jcaName);
        for (byte[] part : parts) {
            md.update(part);
        }
        return md.digest();
    }

    /**
     * Compares two byte strings in time that depends only on their lengths (never on where they differ), so a
     * timing attacker cannot learn how many leading bytes of a guess were right. Lengths are not secret here: they
     * follow from the stored format.
     */
    public static boolean constantTimeEquals(byte[] expected, byte[] actual) {
        return MessageDigest.isEqual(expected, actual);
    }
}
