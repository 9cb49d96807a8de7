package dev.legacybridge.hash;

/**
 * A claimed stored value could not be parsed. The message is safe to log: it names the field and the rule (and
 * numbers), never any part of the stored value. No stack trace is recorded, since the exception is an expected answer
 * for corrupt rows and is never thrown out of {@link LegacyPasswordVerifier}.
 */
public final class MalformedHashException extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean absurdCost;

    public MalformedHashException(String reason) {
        this(reason, false);
    }

    private MalformedHashException(String reason, boolean absurdCost) {
        super(reason, null, false, false);
        this.absurdCost = absurdCost;
    }

    /**
     * A cost field that is a well-formed number, but too large for any cap (above {@code 2^31-1}, such as
     * {@code t=4294967295}). The value is refused before hashing like any cost above a cap, with
     * {@link Outcome#NOT_ALLOWED}, rather than called malformed.
     */
    public static MalformedHashException absurdCost(String reason) {
        return new MalformedHashException(reason + " (absurd cost)", true);
    }

    /**
     * Wraps a parsing failure of a cost field: {@link dev.legacybridge.hash.codec.Decimal.Overflow} becomes an
     * {@linkplain #absurdCost(String) absurd cost}, anything else a malformed value.
     *
     * @param prefix prepended to the message, e.g. the scheme id and a colon; may be empty
     */
    public static MalformedHashException ofCost(String prefix, IllegalArgumentException e) {
        String message = prefix + e.getMessage();
        return e instanceof dev.legacybridge.hash.codec.Decimal.Overflow ? absurdCost(message)
                : new MalformedHashException(message);
    }

    /** Whether the value was refused for an absurd cost rather than malformed; see {@link #absurdCost(String)}. */
    public boolean isAbsurdCost() {
        return absurdCost;
    }
}
