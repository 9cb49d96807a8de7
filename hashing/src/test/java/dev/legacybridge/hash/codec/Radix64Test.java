package dev.legacybridge.hash.codec;

import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Radix64Test {

    @Test
    void encodeWhenRandomBytesThenSameAsJdkBase64AndDecodesBack() {
        Random random = new Random(7);
        for (int len = 0; len < 70; len++) {
            byte[] data = new byte[len];
            random.nextBytes(data);

            assertThat(Radix64.STANDARD.encode(data)).isEqualTo(Base64.getEncoder().encodeToString(data));
            assertThat(Radix64.STANDARD_UNPADDED.encode(data))
                    .isEqualTo(Base64.getEncoder().withoutPadding().encodeToString(data));
            assertThat(Radix64.STANDARD.decode(Radix64.STANDARD.encode(data))).isEqualTo(data);
            assertThat(Radix64.AB64.decode(Radix64.AB64.encode(data))).isEqualTo(data);
            assertThat(Radix64.BCRYPT.decode(Radix64.BCRYPT.encode(data))).isEqualTo(data);
        }
    }

    @Test
    void decodeWhenNotCanonicalThenIllegalArgument() {
        assertThatThrownBy(() -> Radix64.STANDARD.decode("QR==")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Radix64.STANDARD.decode("QQ=")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Radix64.STANDARD.decode("QQ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Radix64.STANDARD.decode("Q===")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Radix64.STANDARD_UNPADDED.decode("QQ==")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Radix64.STANDARD_UNPADDED.decode("QQQQQ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Radix64.AB64.decode("a+b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Radix64.BCRYPT.decode("\u00e9A")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Radix64.STANDARD.decode("QQ==")).containsExactly('A');
    }
}
