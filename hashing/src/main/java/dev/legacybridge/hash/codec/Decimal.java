package dev.legacybridge.hash.codec;

/**
 * Strict parsing of the decimal cost fields of stored hashes: ASCII digits only (no sign, spaces or {@code _}), at most
 * ten of them, value within {@code int}. A parsed value is range-checked by the caller, and only then compared with
 * the policy's caps, so a corrupt row can never reach the hashing code with an absurd or negative cost.
 *
 * <p>Internal to the hashing module.
 */
public final class Decimal {

    private Decimal() {
    }

    /**
     * Parses {@code text[from, to)}.
     *
     * @param leadingZeros whether {@code 0100} is accepted: Python's {@code int()} (Django, Werkzeug) accepts it,
     *                     passlib and the argon2 reference decoder refuse it
     * @param what         the field's name, for the exception message
     * @throws IllegalArgumentException empty, non-digit, or zero-padded when not allowed; {@link Overflow} (a subclass)
     *                                  for a well-formed number above {@code 2^31-1}
     */
    public static int parse(CharSequence text, int from, int to, boolean leadingZeros, String what) {
        int len = to - from;
        if (len <= 0) {
            throw new IllegalArgumentException(what + " is empty");
        }
        if (!leadingZeros && len > 1 && text.charAt(from) == '0') {
            throw new IllegalArgumentException(what + " has leading zeros");
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException(what + " is not a decimal number");
            }
            value = value * 10 + (c - '0');
            if (value > Integer.MAX_VALUE) {
                for (int j = i + 1; j < to; j++) {
                    if (text.charAt(j) < '0' || text.charAt(j) > '9') {
                        throw new IllegalArgumentException(what + " is not a decimal number");
                    }
                }
                throw new Overflow(what + " is above " + Integer.MAX_VALUE);
            }
        }
        return (int) value;
    }

    /** Parses all of {@code text}; see {@link #parse(CharSequence, int, int, boolean, String)}. */
    public static int parse(CharSequence text, boolean leadingZeros, String what) {
        return parse(text, 0, text.length(), leadingZeros, what);
    }

    /**
     * A well-formed decimal number too large for the field. For a cost field this is an absurd cost rather than a
     * malformed value: the verifier refuses it as {@code NOT_ALLOWED}, like any cost above a cap (see
     * {@code MalformedHashException#absurdCost()}).
     */
    public static final class Overflow extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        Overflow(String message) {
            super(message, null);
        }
    }
}
