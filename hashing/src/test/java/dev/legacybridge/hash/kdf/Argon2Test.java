package dev.legacybridge.hash.kdf;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Our lane-parallel Argon2 against the reference implementation's test vectors and BouncyCastle's sequential code. */
class Argon2Test {

    private static final Random RANDOM = new Random(20240607L);

    @Test
    void hashWhenSeveralLanesAndPassesThenSameTagAsBouncyCastle() {
        // RFC 9106's own test vector (5.3) uses a secret key and associated data, which no stored format has; so a
        // parameter set with several lanes and passes is compared with BouncyCastle instead.
        byte[] password = "password".getBytes(StandardCharsets.UTF_8);
        byte[] salt = "somesaltsomesalt".getBytes(StandardCharsets.UTF_8);

        assertThat(Argon2.hash(Argon2.Type.ARGON2ID, Argon2.VERSION_13, password, salt, 3, 64, 4, 32))
                .isEqualTo(bouncyCastle(Argon2.Type.ARGON2ID, Argon2.VERSION_13, password, salt, 3, 64, 4, 32));
    }

    @Test
    void hashWhenPhcReferenceArgon2iVectorThenKnownTag() {
        // From the reference implementation's test.c: argon2i v=0x13, t=2, m=2^16, p=1, "password", "somesalt".
        byte[] tag = Argon2.hash(Argon2.Type.ARGON2I, Argon2.VERSION_13, "password".getBytes(StandardCharsets.UTF_8),
                "somesalt".getBytes(StandardCharsets.UTF_8), 2, 1 << 16, 1, 32);

        assertThat(HexFormat.of().formatHex(tag))
                .isEqualTo("c1628832147d9720c5bd1cfd61367078729f6dfb6f8fea9ff98158e0d7816ed0");
    }

    @Test
    void hashWhenPhcReferenceArgon2iVersion10VectorThenKnownTag() {
        // test.c, version 0x10: argon2i t=2, m=2^16, p=1, "password", "somesalt".
        byte[] tag = Argon2.hash(Argon2.Type.ARGON2I, Argon2.VERSION_10, "password".getBytes(StandardCharsets.UTF_8),
                "somesalt".getBytes(StandardCharsets.UTF_8), 2, 1 << 16, 1, 32);

        assertThat(HexFormat.of().formatHex(tag))
                .isEqualTo("f6c4db4a54e2a370627aff3db6176b94a2a209a62c8e36152711802f7b30c694");
    }

    @RepeatedTest(12)
    void hashWhenRandomParametersThenSameTagAsBouncyCastle() {
        Argon2.Type type = Argon2.Type.values()[RANDOM.nextInt(3)];
        int version = RANDOM.nextBoolean() ? Argon2.VERSION_13 : Argon2.VERSION_10;
        int p = 1 + RANDOM.nextInt(9);
        int m = 8 * p + RANDOM.nextInt(300);
        int t = 1 + RANDOM.nextInt(4);
        int outLength = 4 + RANDOM.nextInt(100);
        byte[] password = new byte[RANDOM.nextInt(80)];
        byte[] salt = new byte[8 + RANDOM.nextInt(24)];
        RANDOM.nextBytes(password);
        RANDOM.nextBytes(salt);

        assertThat(Argon2.hash(type, version, password, salt, t, m, p, outLength))
                .as("%s v=%d m=%d t=%d p=%d len=%d", type, version, m, t, p, outLength)
                .isEqualTo(bouncyCastle(type, version, password, salt, t, m, p, outLength));
    }

    private static byte[] bouncyCastle(Argon2.Type type, int version, byte[] password, byte[] salt, int t, int m, int p,
                                       int outLength) {
        int bcType = switch (type) {
            case ARGON2D -> Argon2Parameters.ARGON2_d;
            case ARGON2I -> Argon2Parameters.ARGON2_i;
            case ARGON2ID -> Argon2Parameters.ARGON2_id;
        };
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(bcType).withVersion(version).withIterations(t).withMemoryAsKB(m)
                .withParallelism(p).withSalt(salt).build());
        byte[] out = new byte[outLength];
        generator.generateBytes(password, out);
        return out;
    }
}
