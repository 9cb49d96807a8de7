package dev.legacybridge.hash;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class Utf8Test {

    @Test
    void encodeWhenValidTextThenSameBytesAsTheJdkWithoutNormalisation() {
        for (String s : new String[] {"", "secret", "s\u00e9cret", "se\u0301cret", "\u79d8\u5bc6", "\uD83D\uDD11", "\0"}) {
            assertThat(Utf8.encode(s, 4096)).isEqualTo(s.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void encodeWhenUnpairedSurrogateThenNull() {
        assertThat(Utf8.encode("\uD800", 4096)).isNull();
        assertThat(Utf8.encode("a\uDC00b", 4096)).isNull();
        assertThat(Utf8.encode("\uDC00\uD800", 4096)).isNull();
    }

    @Test
    void encodeWhenLongerThanLimitInBytesThenNull() {
        assertThat(Utf8.encode("a".repeat(4096), 4096)).hasSize(4096);
        assertThat(Utf8.encode("a".repeat(4097), 4096)).isNull();
        assertThat(Utf8.encode("\u00e9".repeat(2048), 4096)).hasSize(4096);
        assertThat(Utf8.encode("\u00e9".repeat(2048) + "a", 4096)).isNull();
        assertThat(Utf8.encode("\uD83D\uDD11".repeat(1025), 4096)).isNull();
    }
}
