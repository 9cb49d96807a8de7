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
        assertThat(o.get("n")).isEqualTo(new Json.Number("-1.5e3"));
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
    void parseWhenAnyValueThenArraysAndScalarsToo() throws Json.JsonException {
        assertThat(Json.parse(" [1, \"a\", {\"k\": null}] ")).isEqualTo(List.of(new Json.Number("1"), "a",
                Map.of("k", Json.NULL)));
        assertThat(Json.parse("\"s\"")).isEqualTo("s");
        assertThat(new Json.Number("42").asLong(-1)).isEqualTo(42);
        assertThat(new Json.Number("4.2").asLong(-1)).isEqualTo(-1);
        assertThatThrownBy(() -> Json.parse("[1] 2")).isInstanceOf(Json.JsonException.class);
    }

    @Test
    void writeWhenNestedThenPrettyStableAndParsesBack() throws Json.JsonException {
        Map<String, Object> value = new java.util.LinkedHashMap<>();
        value.put("s", "a\":b,\"c");
        value.put("n", 3L);
        value.put("b", true);
        value.put("z", null);
        value.put("flat", Map.of("x", 1));
        value.put("list", List.of(Map.of("k", "v"), "w"));
        value.put("empty", List.of());

        String json = Json.write(value);

        assertThat(json).isEqualTo("{\n"
                + "  \"s\": \"a\\\":b,\\\"c\",\n"
                + "  \"n\": 3,\n"
                + "  \"b\": true,\n"
                + "  \"z\": null,\n"
                + "  \"flat\": {\"x\": 1},\n"
                + "  \"list\": [\n"
                + "    {\"k\": \"v\"},\n"
                + "    \"w\"\n"
                + "  ],\n"
                + "  \"empty\": []\n"
                + "}\n");
        Map<String, Object> back = Json.parseObject(json.replace("\n", " "));
        assertThat(back.get("s")).isEqualTo("a\":b,\"c");
        assertThat(back.get("n")).isEqualTo(new Json.Number("3"));
        assertThat(Json.writeCompact(Map.of("a", List.of(1, 2)))).isEqualTo("{\"a\":[1,2]}");
    }

    @Test
    void quoteWhenSpecialCharactersThenEscaped() {
        assertThat(Json.quote("a\"b\\c\nd\u0001\uD800")).isEqualTo("\"a\\\"b\\\\c\\nd\\u0001\\ud800\"");
    }
}
