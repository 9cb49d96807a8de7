package dev.legacybridge.hash;

/**
 * A claimed stored value could not be parsed. The message is safe to log: it names the field and the rule (and
 * numbers), never any part of the stored value. No stack trace is recorded, since the exception is an expected answer
 * for corrupt rows and is never thrown out of {@link LegacyPasswordVerifier}.
 */
public final class MalformedHashException extends Exception {

    private static final long serialVersionUID = 1L;

    public MalformedHashException(String reason) {
        super(reason, null, false, false);
    }
}
