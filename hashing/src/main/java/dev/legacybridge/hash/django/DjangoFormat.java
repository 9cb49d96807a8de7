package dev.legacybridge.hash.django;

import dev.legacybridge.hash.MalformedHashException;
import dev.legacybridge.hash.codec.Decimal;

/**
 * Splits Django's {@code <algorithm>$<field>$<field>...} strings. Django itself splits with a maximum count and lets
 * any extra {@code $} fall into the last field, where it can never match; here an exact field count is required, so
 * the same strings are reported as malformed instead of quietly failing.
 */
final class DjangoFormat {

    private DjangoFormat() {
    }

    static String[] fields(String stored, int count, String what) throws MalformedHashException {
        String[] fields = stored.split("\\$", -1);
        if (fields.length != count) {
            throw new MalformedHashException(fields.length < count ? what + " has missing fields"
                    : what + " has extra fields");
        }
        return fields;
    }

    /** Django's salts are text; any non-empty string without {@code $} (and without control characters) is one. */
    static String salt(String field, String what) throws MalformedHashException {
        if (field.isEmpty()) {
            throw new MalformedHashException(what + " salt is empty");
        }
        return field;
    }

    /** A positive count, parsed like Python's {@code int()} of digits (leading zeros accepted). */
    static int positive(String field, String what) throws MalformedHashException {
        try {
            int value = Decimal.parse(field, true, what);
            if (value < 1) {
                throw new MalformedHashException(what + " must be at least 1");
            }
            return value;
        } catch (IllegalArgumentException e) {
            throw MalformedHashException.ofCost("", e);
        }
    }
}
