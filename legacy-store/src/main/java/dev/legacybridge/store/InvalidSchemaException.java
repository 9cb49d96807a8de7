package dev.legacybridge.store;

import java.util.List;

/** A schema description that cannot be used, with a message an administrator can act on. */
public final class InvalidSchemaException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    public InvalidSchemaException(String message) {
        super(message);
        this.problems = List.of(message);
    }

    /** Several problems at once; the message joins them with {@code "; "}. */
    public InvalidSchemaException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Each problem on its own, in the order found. */
    public List<String> problems() {
        return problems;
    }
}
