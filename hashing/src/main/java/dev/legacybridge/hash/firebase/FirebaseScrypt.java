package dev.legacybridge.hash.firebase;

import dev.legacybridge.hash.ConfiguredFormat;
import dev.legacybridge.hash.HashCost;
import dev.legacybridge.hash.MalformedHashException;
import dev.legacybridge.hash.SchemeIds;
import dev.legacybridge.hash.SchemeInfo;
import dev.legacybridge.hash.StoredHash;
import dev.legacybridge.hash.StoredPassword;
import dev.legacybridge.hash.codec.Radix64;
import dev.legacybridge.hash.kdf.Digests;
import dev.legacybridge.hash.kdf.Scrypt;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;

/**
 * Firebase Authentication's modified scrypt ({@value SchemeIds#FIREBASE_SCRYPT}), as its {@code firebase/scrypt} C
 * utility and the Admin SDK's user import compute it. The project's hash parameters (Firebase console, Authentication,
 * "Password hash parameters") are configuration; each user's {@code passwordHash} and {@code salt} come from the
 * export ({@code firebase auth:export}).
 *
 * <pre>
 * derived   = scrypt(password, salt + saltSeparator, N = 2^memCost, r = rounds, p = 1, 64 bytes)
 * stored    = base64( AES-256-CTR(key = derived[0..32), iv = 16 zero bytes).encrypt(signerKey) )
 * </pre>
 *
 * <p>The stored value is standard base64 as long as the signer key (64 bytes, 88 characters, for real projects); the
 * row's salt is standard base64 too. The signer key is a secret: it is never logged, and {@link #toString()} leaves it
 * out. Firebase only offers {@code rounds} 1-8 and {@code memCost} 1-14; scrypt's memory is {@code 128 * 2^memCost *
 * rounds} bytes (16 MiB for the usual 8 and 14), under the scrypt cap.
 */
public final class FirebaseScrypt implements ConfiguredFormat {

    public static final SchemeInfo INFO = new SchemeInfo(SchemeIds.FIREBASE_SCRYPT,
            "configured: base64 passwordHash + salt column", false, false,
            "Firebase Auth modified scrypt (signer key, salt separator, rounds, mem_cost configured)");
    private static final int DERIVED_BYTES = 64;
    private static final int AES_KEY_BYTES = 32;

    private final byte[] signerKey;
    private final byte[] saltSeparator;
    private final int rounds;
    private final int memCost;

    /**
     * @throws IllegalArgumentException for an empty signer key, rounds outside 1-8 or memCost outside 1-14
     */
    public FirebaseScrypt(byte[] signerKey, byte[] saltSeparator, int rounds, int memCost) {
        Objects.requireNonNull(signerKey, "signerKey");
        Objects.requireNonNull(saltSeparator, "saltSeparator");
        if (signerKey.length == 0 || signerKey.length > 1024) {
            throw new IllegalArgumentException("firebase signer key must be 1 to 1024 bytes");
        }
        if (rounds < 1 || rounds > 8) {
            throw new IllegalArgumentException("firebase rounds must be between 1 and 8");
        }
        if (memCost < 1 || memCost > 14) {
            throw new IllegalArgumentException("firebase mem_cost must be between 1 and 14");
        }
        this.signerKey = signerKey.clone();
        this.saltSeparator = saltSeparator.clone();
        this.rounds = rounds;
        this.memCost = memCost;
    }

    /**
     * From the base64 strings Firebase shows: {@code base64_signer_key}, {@code base64_salt_separator}.
     *
     * @throws IllegalArgumentException naming the parameter; never quotes the key
     */
    public static FirebaseScrypt fromBase64(String base64SignerKey, String base64SaltSeparator, int rounds,
                                            int memCost) {
        return new FirebaseScrypt(decode(base64SignerKey, "base64_signer_key"),
                base64SaltSeparator == null ? new byte[0] : decode(base64SaltSeparator, "base64_salt_separator"),
                rounds, memCost);
    }

    private static byte[] decode(String base64, String what) {
        if (base64 == null) {
            throw new IllegalArgumentException("firebase " + what + " is required");
        }
        try {
            return Radix64.STANDARD.decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("firebase " + what + " is not standard base64: " + e.getMessage());
        }
    }

    @Override
    public SchemeInfo info() {
        return INFO;
    }

    /** Every Firebase user has a salt; a check without it is malformed. */
    @Override
    public boolean requiresSalt() {
        return true;
    }

    @Override
    public boolean hasShape(String stored) {
        return stored.length() == Radix64.STANDARD.encodedLength(signerKey.length) && decodes(stored);
    }

    private static boolean decodes(String stored) {
        try {
            Radix64.STANDARD.decode(stored);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public StoredHash parse(StoredPassword stored) throws MalformedHashException {
        byte[] expected;
        try {
            expected = Radix64.STANDARD.decode(stored.value());
        } catch (IllegalArgumentException e) {
            throw new MalformedHashException("firebase_scrypt hash: " + e.getMessage());
        }
        if (expected.length != signerKey.length) {
            throw new MalformedHashException("firebase_scrypt hash must be as long as the signer key ("
                    + signerKey.length + " bytes)");
        }
        byte[] salt;
        try {
            salt = stored.salt() == null ? new byte[0] : Radix64.STANDARD.decode(stored.salt());
        } catch (IllegalArgumentException e) {
            throw new MalformedHashException("firebase_scrypt salt: " + e.getMessage());
        }
        byte[] scryptSalt = Arrays.copyOf(salt, salt.length + saltSeparator.length);
        System.arraycopy(saltSeparator, 0, scryptSalt, salt.length, saltSeparator.length);
        int n = 1 << memCost;
        return new StoredHash() {
            @Override
            public HashCost cost() {
                return new HashCost.Scrypt(n, rounds, 1);
            }

            @Override
            public boolean matches(byte[] password) {
                byte[] derived = Scrypt.derive(password, scryptSalt, n, rounds, 1, DERIVED_BYTES);
                try {
                    return Digests.constantTimeEquals(expected, encrypt(Arrays.copyOf(derived, AES_KEY_BYTES)));
                } finally {
                    Arrays.fill(derived, (byte) 0);
                }
            }
        };
    }

    private byte[] encrypt(byte[] key) {
        try {
            Cipher aes = Cipher.getInstance("AES/CTR/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(new byte[16]));
            return aes.doFinal(signerKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java SE platform provides AES/CTR/NoPadding", e);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    @Override
    public String toString() {
        return "FirebaseScrypt[rounds=" + rounds + ", memCost=" + memCost + ", signerKey=<" + signerKey.length
                + " bytes>, saltSeparator=<" + saltSeparator.length + " bytes>]";
    }
}
