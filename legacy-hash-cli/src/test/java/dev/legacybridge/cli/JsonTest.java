package dev.legacybridge.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonTest {

    @Test
    void parseObjectWhenValidThenValuesDecoded() throws Json.JsonException {
        Map<String, Object> o = Json.parseObject(" {\"a\": \"x\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\udd11\", "
                + "\"n\": -1.5e3, \"t\": true, \"f\": false, \"z\": null, \"l\": [1, {\"k\": []}], \"o\": {}} ");

        assertThat(o.get("a")).isEqualTo("x\"\\/\b\f\n\r\t\u00e9\uD83D\uDD11");
        assertThat(o.get("n")).isEqualTo("-1.5e3");
        assertThat(o.get("t")).isEqualTo(Boolean.TRUE);
        assertThat(o.get("z")).isSameAs(Json.NULL);
        assertThat((List<?>) o.get("l")).hasSize(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "x", "[]", "\"s\"", "{", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "{'a':1}", "{\"a\":01}",
        "{\"a\":\"\t\"}", "{\"a\":\"\\x\"}", "{\"a\":\"\\u12\"}", "{\"a\":1} {}", "{\"a\":tru}", "{\"a\":1 \"b\":2}",
        "{\"a\":[1,]}", "{\"a\":-}", "{\"a\":1.}", "{\"a\":1e}"})
    void parseObjectWhenInvalidThenJsonExceptionWithoutInput(String text) {
        assertThatThrownBy(() -> Json.parseObject(text)).isInstanceOf(Json.JsonException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("tru").doesNotContain("'a'"));
    }

    @Test
    void parseObjectWhenNestedTooDeeplyThenJsonException() {
        assertThatThrownBy(() -> Json.parseObject("{\"a\":" + "[".repeat(100) + "]".repeat(100) + "}"))
                .isInstanceOf(Json.JsonException.class);
    }

    @Test
    void quoteWhenSpecialCharactersThenEscaped() {
        assertThat(Json.quote("a\"b\\c\nd\u0001\uD800")).isEqualTo("\"a\\\"b\\\\c\\nd\\u0001\\ud800\"");
    }
}
