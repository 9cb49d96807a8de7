package dev.legacybridge.hash;

import java.util.Locale;

/**
 * What checking one candidate password against one stored value came to.
 *
 * <p>Only {@link #MATCH} lets a user in. The other values exist so that callers can tell a wrong password
 * (expected, quiet) from a stored value that needs an administrator's attention (malformed, of an unknown format,
 * or refused by the {@link HashPolicy}).
 */
public enum Outcome {
    /** The password is the one the stored hash was made from. */
    MATCH,
    /** The stored hash is well formed and allowed, and the password is not the one it was made from. */
    MISMATCH,
    /** The stored value belongs to a known scheme but cannot be parsed (truncated field, bad encoding, zero cost...). */
    MALFORMED,
    /** No scheme recognises the stored value (empty, unknown prefix). */
    UNSUPPORTED,
    /** The scheme or its cost parameters are refused by the policy; nothing was hashed. */
    NOT_ALLOWED;

    /** The lower-case name used in JSON output and logs: {@code match}, {@code not_allowed}, ... */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
