package dev.legacybridge.api.config;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BearerProblemHandlerTest {

    @Test
    void quotableWhenQuotesBackslashesAndControlCharactersThenReplaced() {
        assertThat(BearerProblemHandler.quotable("a\"b\\c\nd\u00e9e")).isEqualTo("a?b?c?d?e");
    }

    @Test
    void quotableWhenPlainAsciiThenUnchanged() {
        String text = "Jwt expired at 2026-01-01T00:00:00Z; see https://tools.ietf.org/html/rfc6750#section-3.1";
        assertThat(BearerProblemHandler.quotable(text)).isEqualTo(text);
    }
}
