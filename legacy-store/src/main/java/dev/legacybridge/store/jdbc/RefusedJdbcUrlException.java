package dev.legacybridge.store.jdbc;

import java.util.List;

/**
 * A JDBC URL that {@link JdbcUrlPolicy} refuses. The message lists every problem in words an administrator can act
 * on; it names parameters and hosts but never echoes parameter values, which may be secrets.
 */
public final class RefusedJdbcUrlException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    RefusedJdbcUrlException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
