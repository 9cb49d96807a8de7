package dev.legacybridge.hash.bcrypt;

import org.bouncycastle.crypto.generators.BCrypt;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Our bcrypt core against BouncyCastle's on random keys, salts and costs, and on the edge key lengths. */
class EksBlowfishTest {

    private static final Random RANDOM = new Random(72);

    @RepeatedTest(20)
    void bcryptWhenRandomKeySaltAndCostThenSameAsBouncyCastle() {
        byte[] key = new byte[1 + RANDOM.nextInt(72)];
        byte[] salt = new byte[16];
        RANDOM.nextBytes(key);
        RANDOM.nextBytes(salt);
        int cost = 4 + RANDOM.nextInt(3);

        assertThat(EksBlowfish.bcrypt(key, salt, cost)).isEqualTo(BCrypt.generate(key, salt, cost));
    }

    @Test
    void bcryptWhenKeyOf1Or72BytesThenSameAsBouncyCastle() {
        byte[] salt = new byte[16];
        for (int length : new int[] {1, 4, 16, 71, 72}) {
            byte[] key = new byte[length];
            RANDOM.nextBytes(key);
            assertThat(EksBlowfish.bcrypt(key, salt, 4)).as("%d bytes", length).isEqualTo(BCrypt.generate(key, salt, 4));
        }
    }

    @Test
    void digestWhenPasswordOf72BytesOrMoreThenOnlyFirst72Count() {
        byte[] salt = new byte[16];
        byte[] a = new byte[100];
        byte[] b = new byte[73];
        java.util.Arrays.fill(a, (byte) 'a');
        java.util.Arrays.fill(b, (byte) 'a');
        b[72] = 'b';

        assertThat(Bcrypt.digest(a, salt, 4)).isEqualTo(Bcrypt.digest(b, salt, 4));
        assertThat(Bcrypt.digest(java.util.Arrays.copyOf(a, 71), salt, 4)).isNotEqualTo(Bcrypt.digest(a, salt, 4));
    }
}
