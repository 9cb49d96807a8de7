package dev.legacybridge.hash;

/**
 * What can be said about a stored value without a candidate password and without hashing: used by the audit
 * command and by bulk migration to sort rows before anything is verified.
 *
 * @param scheme             as in {@link VerificationResult#scheme()}
 * @param status             see {@link Status}
 * @param upgradeRecommended whether a login that matched this value would recommend an upgrade
 * @param reason             safe to log; never contains any part of the stored value
 */
public record HashInspection(String scheme, Status status, boolean upgradeRecommended, String reason) {

    /** Classification of a stored value. */
    public enum Status {
        /** Well formed, allowed and within the caps: a login can succeed. */
        USABLE,
        /** Django's {@code !...} unusable password: the account has no password. */
        UNUSABLE,
        MALFORMED,
        UNSUPPORTED,
        NOT_ALLOWED
    }
}
