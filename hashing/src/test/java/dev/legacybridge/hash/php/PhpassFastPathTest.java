package dev.legacybridge.hash.php;

import dev.legacybridge.hash.kdf.Digests;
import org.junit.jupiter.api.Test;

import java.security.MessageDigest;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The single-block MD5 loop of phpass against the JDK's MessageDigest, on every password length it takes. */
class PhpassFastPathTest {

    @Test
    void iterateWhenEveryShortLengthThenSameAsMessageDigestLoop() {
        Random random = new Random(7);
        for (int length = 0; length <= Md5Rounds.MAX_PASSWORD_BYTES; length++) {
            byte[] password = new byte[length];
            random.nextBytes(password);
            byte[] first = new byte[16];
            random.nextBytes(first);

            MessageDigest md = Digests.get("MD5");
            byte[] expected = first.clone();
            for (int r = 0; r < 300; r++) {
                md.update(expected);
                md.update(password);
                expected = md.digest();
            }

            assertThat(Md5Rounds.iterate(first, password, 300)).as("length %d", length).isEqualTo(expected);
        }
    }
}
