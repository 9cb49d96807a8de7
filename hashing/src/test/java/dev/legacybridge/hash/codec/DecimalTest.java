package dev.legacybridge.hash.codec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DecimalTest {

    @Test
    void parseWhenDigitsThenValue() {
        assertThat(Decimal.parse("0", false, "n")).isZero();
        assertThat(Decimal.parse("2147483647", false, "n")).isEqualTo(Integer.MAX_VALUE);
        assertThat(Decimal.parse("0001000", true, "n")).isEqualTo(1000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-1", "+1", " 1", "1 ", "1_000", "1e3", "2147483648", "99999999999999999999", "\u0661"})
    void parseWhenNotPlainDigitsOrOverflowThenIllegalArgument(String text) {
        assertThatThrownBy(() -> Decimal.parse(text, true, "n")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parseWhenLeadingZeroAndNotAllowedThenIllegalArgument() {
        assertThatThrownBy(() -> Decimal.parse("05", false, "n")).isInstanceOf(IllegalArgumentException.class);
    }
}
