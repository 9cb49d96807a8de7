package dev.legacybridge.keycloak.migration;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** Makes Fernet tokens as {@code cryptography.fernet.Fernet.encrypt} does (for tests; the spec vector checks the layout). */
final class FernetTokens {

    private FernetTokens() {
    }

    static String encrypt(String key, byte[] plaintext) throws Exception {
        byte[] raw = Base64.getUrlDecoder().decode(key);
        byte[] iv = new byte[16];
        new SecureRandom().nextBytes(iv);
        Cipher aes = Cipher.getInstance("AES/CBC/PKCS5Padding");
        aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(Arrays.copyOfRange(raw, 16, 32), "AES"), new IvParameterSpec(iv));
        byte[] ciphertext = aes.doFinal(plaintext);
        ByteBuffer body = ByteBuffer.allocate(1 + 8 + 16 + ciphertext.length);
        body.put((byte) 0x80).putLong(System.currentTimeMillis() / 1000).put(iv).put(ciphertext);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Arrays.copyOfRange(raw, 0, 16), "HmacSHA256"));
        byte[] signature = mac.doFinal(body.array());
        return Base64.getUrlEncoder().encodeToString(ByteBuffer.allocate(body.capacity() + 32).put(body.array())
                .put(signature).array());
    }
}
