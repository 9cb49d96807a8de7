package dev.legacybridge.store;

/** A schema description that cannot be used, with a message an administrator can act on. */
public final class InvalidSchemaException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidSchemaException(String message) {
        super(message);
    }
}
