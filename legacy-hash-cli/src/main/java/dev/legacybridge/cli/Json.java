package dev.legacybridge.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The little JSON the commands need: a strict RFC 8259 parser ({@code verify --jsonl} lines, Keycloak's answers, the
 * migration state file), string quoting, and a writer for the audit report and the state file. Hand-written rather
 * than a library so that error messages are under our control: they give a column and a rule, never a piece of the
 * input (which holds passwords).
 */
final class Json {

    /** A JSON {@code null}, distinct from an absent field. */
    static final Object NULL = new Object();

    /** A JSON number, kept as its text so that nothing is lost; distinct from a string holding digits. */
    record Number(String text) {
        /** The value as a {@code long}, or {@code fallback} when it is not a whole number in range. */
        long asLong(long fallback) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                return fallback;
            }
        }

        @Override
        public String toString() {
            return text;
        }
    }

    private static final int MAX_DEPTH = 32;

    private final String text;
    private int pos;

    private Json(String text) {
        this.text = text;
    }

    /** A syntax error, with a message that quotes nothing from the input. */
    static final class JsonException extends Exception {
        private static final long serialVersionUID = 1L;

        JsonException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Parses {@code line} as exactly one JSON object. Values are {@link String}, {@link Boolean}, {@link #NULL},
     * numbers (kept as their text), nested maps and lists; duplicate keys are an error.
     */
    static Map<String, Object> parseObject(String line) throws JsonException {
        Json parser = new Json(line);
        parser.skipWhitespace();
        if (parser.pos >= line.length() || line.charAt(parser.pos) != '{') {
            throw new JsonException("not a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> object = (Map<String, Object>) parser.value(0);
        parser.skipWhitespace();
        if (parser.pos != line.length()) {
            throw parser.error("unexpected data after the object");
        }
        return object;
    }

    /** Parses {@code text} as exactly one JSON value of any kind (object, array, string, number, literal). */
    static Object parse(String text) throws JsonException {
        Json parser = new Json(text);
        Object value = parser.value(0);
        parser.skipWhitespace();
        if (parser.pos != text.length()) {
            throw parser.error("unexpected data after the value");
        }
        return value;
    }

    private Object value(int depth) throws JsonException {
        if (depth > MAX_DEPTH) {
            throw error("nested too deeply");
        }
        skipWhitespace();
        if (pos >= text.length()) {
            throw error("unexpected end of line");
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{':
                return object(depth);
            case '[':
                return array(depth);
            case '"':
                return string();
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", NULL);
            default:
                if (c == '-' || c >= '0' && c <= '9') {
                    return number();
                }
                throw error("unexpected character");
        }
    }

    private Map<String, Object> object(int depth) throws JsonException {
        Map<String, Object> map = new LinkedHashMap<>();
        pos++; // '{'
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return map;
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw error("expected a field name");
            }
            String key = string();
            skipWhitespace();
            expect(':');
            Object value = value(depth + 1);
            if (map.put(key, value) != null) {
                throw error("duplicate field");
            }
            skipWhitespace();
            char c = next();
            if (c == '}') {
                return map;
            }
            if (c != ',') {
                throw error("expected ',' or '}'");
            }
        }
    }

    private java.util.List<Object> array(int depth) throws JsonException {
        java.util.List<Object> list = new java.util.ArrayList<>();
        pos++; // '['
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            return list;
        }
        while (true) {
            list.add(value(depth + 1));
            skipWhitespace();
            char c = next();
            if (c == ']') {
                return list;
            }
            if (c != ',') {
                throw error("expected ',' or ']'");
            }
        }
    }

    private String string() throws JsonException {
        pos++; // opening quote
        StringBuilder out = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw error("unterminated string");
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                return out.toString();
            }
            if (c < 0x20) {
                throw error("control character in a string");
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = next();
            switch (e) {
                case '"', '\\', '/' -> out.append(e);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    if (pos + 4 > text.length()) {
                        throw error("truncated \\u escape");
                    }
                    int v = 0;
                    for (int i = 0; i < 4; i++) {
                        int d = Character.digit(text.charAt(pos++), 16);
                        if (d < 0) {
                            throw error("bad \\u escape");
                        }
                        v = v << 4 | d;
                    }
                    out.append((char) v); // surrogate pairs arrive as two escapes; lone ones are kept as given
                }
                default -> throw error("bad escape");
            }
        }
    }

    private Number number() throws JsonException {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (isDigit(peek())) {
            while (isDigit(peek())) {
                pos++;
            }
        } else {
            throw error("bad number");
        }
        if (peek() == '.') {
            pos++;
            if (!isDigit(peek())) {
                throw error("bad number");
            }
            while (isDigit(peek())) {
                pos++;
            }
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!isDigit(peek())) {
                throw error("bad number");
            }
            while (isDigit(peek())) {
                pos++;
            }
        }
        return new Number(text.substring(start, pos));
    }

    private Object literal(String word, Object value) throws JsonException {
        if (!text.startsWith(word, pos)) {
            throw error("unexpected character");
        }
        pos += word.length();
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private char next() throws JsonException {
        if (pos >= text.length()) {
            throw error("unexpected end of line");
        }
        return text.charAt(pos++);
    }

    private void expect(char c) throws JsonException {
        if (next() != c) {
            throw error("expected '" + c + "'");
        }
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                return;
            }
            pos++;
        }
    }

    private JsonException error(String what) {
        return new JsonException(what + " at column " + (pos + 1));
    }

    /**
     * {@code value} as pretty-printed JSON (two-space indentation, keys in map order), ending with a newline. Values:
     * {@link java.util.Map} with string keys, {@link java.util.List}, {@link String}, {@link Boolean}, whole numbers
     * ({@link Integer}, {@link Long}), {@link Number} and {@code null} or {@link #NULL}.
     */
    static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(out, value, "", true);
        return out.append('\n').toString();
    }

    /** {@code value} as compact JSON on one line, without a trailing newline. */
    static String writeCompact(Object value) {
        StringBuilder out = new StringBuilder();
        write(out, value, null, false);
        return out.toString();
    }

    /** Containers of scalars at most this long are written on one line. */
    private static final int INLINE_WIDTH = 160;

    /**
     * @param indent the current indentation, or {@code null} for one line
     * @param spaced on one line, put a space after {@code ,} and {@code :}
     */
    private static void write(StringBuilder out, Object value, String indent, boolean spaced) {
        if (indent != null && isFlat(value)) {
            StringBuilder line = new StringBuilder();
            write(line, value, null, true);
            if (line.length() <= INLINE_WIDTH) {
                out.append(line);
                return;
            }
        }
        if (value == null || value == NULL) {
            out.append("null");
        } else if (value instanceof String s) {
            out.append(quote(s));
        } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long
                || value instanceof Number) {
            out.append(value);
        } else if (value instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                out.append("{}");
                return;
            }
            String inner = indent == null ? null : indent + "  ";
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!first) {
                    out.append(indent == null && spaced ? ", " : ",");
                }
                first = false;
                newline(out, inner);
                out.append(quote((String) entry.getKey())).append(indent != null || spaced ? ": " : ":");
                write(out, entry.getValue(), inner, spaced);
            }
            newline(out, indent);
            out.append('}');
        } else if (value instanceof java.util.List<?> list) {
            if (list.isEmpty()) {
                out.append("[]");
                return;
            }
            String inner = indent == null ? null : indent + "  ";
            out.append('[');
            boolean first = true;
            for (Object element : list) {
                if (!first) {
                    out.append(indent == null && spaced ? ", " : ",");
                }
                first = false;
                newline(out, inner);
                write(out, element, inner, spaced);
            }
            newline(out, indent);
            out.append(']');
        } else {
            throw new IllegalArgumentException("cannot write a " + value.getClass().getSimpleName() + " as JSON");
        }
    }

    /** A non-empty map or list whose values are all scalars. */
    private static boolean isFlat(Object value) {
        java.util.Collection<?> values = value instanceof Map<?, ?> m ? m.values()
                : value instanceof java.util.List<?> l ? l : null;
        if (values == null || values.isEmpty()) {
            return false;
        }
        for (Object v : values) {
            if (v instanceof Map<?, ?> || v instanceof java.util.List<?>) {
                return false;
            }
        }
        return true;
    }

    private static void newline(StringBuilder out, String indent) {
        if (indent != null) {
            out.append('\n').append(indent);
        }
    }

    /** {@code value} as a JSON string literal. */
    static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || Character.isSurrogate(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
