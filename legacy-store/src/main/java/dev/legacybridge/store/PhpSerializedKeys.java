package dev.legacybridge.store;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the names out of a PHP-serialized array of flags, the way WordPress stores a user's roles in
 * {@code wp_usermeta} ({@code meta_key = 'wp_capabilities'}):
 * <pre>
 * a:2:{s:13:"administrator";b:1;s:6:"editor";b:1;}
 * </pre>
 * Each entry is a key ({@code s:<byte length>:"<text>";} or {@code i:<n>;}) and a value; a key counts when its value
 * is true as PHP's {@code (bool)} reads it ({@code b:1}, a non-zero {@code i:}, a non-empty string other than "0"),
 * which is what WordPress's {@code WP_User::get_role_caps} keeps.
 *
 * <p>Strict and bounded: anything that is not such an array (another serialized type, nested arrays or objects,
 * a length that does not match, more than {@value #MAX_ENTRIES} entries) gives no names, never an exception, because
 * the value is data from the legacy database, not something to trust.
 */
final class PhpSerializedKeys {

    static final int MAX_ENTRIES = 256;

    private final byte[] in;
    private int pos;

    private PhpSerializedKeys(byte[] in) {
        this.in = in;
    }

    /** The keys of {@code serialized} whose values are true, in order; empty when it is not a flat array. */
    static List<String> trueKeys(String serialized) {
        if (serialized == null || serialized.isEmpty() || serialized.length() > 65_536) {
            return List.of();
        }
        try {
            return new PhpSerializedKeys(serialized.getBytes(StandardCharsets.UTF_8)).array();
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            return List.of();
        }
    }

    /**
     * The byte sequence of one true entry as WordPress writes it ({@code s:<bytes>:"<name>";b:1;}), for a
     * {@code LIKE} search of members of a role.
     */
    static String entryOf(String name) {
        return "s:" + name.getBytes(StandardCharsets.UTF_8).length + ":\"" + name + "\";b:1;";
    }

    private List<String> array() {
        expect('a');
        expect(':');
        long count = number(':');
        if (count < 0 || count > MAX_ENTRIES) {
            throw new IllegalArgumentException("entries");
        }
        expect('{');
        List<String> keys = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            String key = scalarKey();
            boolean value = truthyValue();
            if (value && key != null) {
                keys.add(key);
            }
        }
        expect('}');
        if (pos != in.length) {
            throw new IllegalArgumentException("trailing");
        }
        return keys;
    }

    private String scalarKey() {
        byte type = in[pos++];
        expect(':');
        if (type == 's') {
            return string();
        }
        if (type == 'i') {
            return Long.toString(number(';'));
        }
        throw new IllegalArgumentException("key");
    }

    private boolean truthyValue() {
        byte type = in[pos++];
        if (type == 'N') {
            expect(';');
            return false;
        }
        expect(':');
        return switch (type) {
            case 'b', 'i' -> number(';') != 0;
            case 'd' -> {
                int end = indexOf(';');
                String text = new String(in, pos, end - pos, StandardCharsets.US_ASCII);
                pos = end + 1;
                yield Double.parseDouble(text) != 0;
            }
            case 's' -> {
                String text = string();
                yield !text.isEmpty() && !text.equals("0");
            }
            default -> throw new IllegalArgumentException("value");
        };
    }

    /** {@code <len>:"<bytes>";} after the type and colon. */
    private String string() {
        long length = number(':');
        if (length < 0 || length > in.length - pos) {
            throw new IllegalArgumentException("length");
        }
        expect('"');
        String text = new String(in, pos, (int) length, StandardCharsets.UTF_8);
        pos += (int) length;
        expect('"');
        expect(';');
        return text;
    }

    private long number(char terminator) {
        int end = indexOf(terminator);
        if (end == pos || end - pos > 19) {
            throw new IllegalArgumentException("number");
        }
        long value = Long.parseLong(new String(in, pos, end - pos, StandardCharsets.US_ASCII));
        pos = end + 1;
        return value;
    }

    private int indexOf(char c) {
        for (int i = pos; i < in.length; i++) {
            if (in[i] == c) {
                return i;
            }
        }
        throw new IllegalArgumentException("missing " + c);
    }

    private void expect(char c) {
        if (in[pos++] != c) {
            throw new IllegalArgumentException("expected " + c);
        }
    }
}
