package dev.legacybridge.store.jdbc;

/** Why Legacy Bridge refuses a JDBC URL parameter; the text completes "the parameter ... is refused: it ...". */
public enum RefusalReason {
    LOADS_CLASSES("loads a Java class named in the URL"),
    DESERIALISES("deserialises Java objects sent by the database server"),
    READS_FILES("reads files on the Keycloak host"),
    WRITES_FILES("writes files on the Keycloak host"),
    RUNS_SQL("runs SQL when connecting"),
    REDIRECTS("connects to another host, port, socket or database than the URL names"),
    HOST_CREDENTIALS("uses credentials of the Keycloak host (Kerberos tickets, cloud keys, password files)"),
    LOGS_DATA("logs queries or data, which can include password hashes"),
    COSTS("lets the database server make each connection burn CPU on the Keycloak host"),
    SET_BY_LEGACY_BRIDGE("is set by Legacy Bridge to a safe value"),
    MANAGED_BY_LEGACY_BRIDGE("is managed by Legacy Bridge (connection pooling and transactions)");

    private final String explanation;

    RefusalReason(String explanation) {
        this.explanation = explanation;
    }

    public String explanation() {
        return explanation;
    }
}
