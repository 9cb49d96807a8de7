package dev.legacybridge.it;

import dev.legacybridge.stack.DemoRealm;

/**
 * The one Keycloak of a test run, whatever runs it: the demo realm imported, the provider jars installed, the realm's
 * {@code legacy-db} component pointing at {@link #legacySqlite()}. Get it with {@link SharedKeycloak#get()}.
 */
interface KeycloakEnvironment extends AutoCloseable {

    /** {@code http://host:port}, no trailing slash; {@code /realms/demo} etc. hang below it. */
    String baseUrl();

    /** {@code distribution} or {@code container}. */
    String backendName();

    /** The SQLite legacy database the realm's {@code legacy-db} component reads (shared with the server). */
    SqliteLegacyDatabase legacySqlite();

    /**
     * A JDBC URL of a legacy database running on this machine, as the Keycloak server must see it (for component
     * configs created by tests). The distribution shares the host's loopback; a container reaches it through
     * Testcontainers' host gateway.
     */
    String jdbcUrlSeenByKeycloak(String hostJdbcUrl);

    /**
     * The host name under which the Keycloak server reaches a server of this JVM listening on
     * {@code 127.0.0.1:hostPort} (an SMTP server, say): {@code 127.0.0.1} for the distribution, Testcontainers' host
     * gateway (the port exposed to the container) for a container.
     */
    String hostSeenByKeycloak(int hostPort);

    /** {@code http://<host>:<port>} of the management interface ({@code /health}, {@code /metrics}). */
    String managementUrl();

    /** The server's log so far (e.g. to assert that no password or hash was logged). */
    String serverLog();

    /** Master-realm admin (the bootstrap admin). */
    AdminClient admin();

    default TokenClient tokens() {
        return new TokenClient(baseUrl());
    }

    default String realm() {
        return DemoRealm.REALM;
    }

    /** The realm's issuer, the expected {@code iss} of its tokens. */
    default String issuer() {
        return baseUrl() + "/realms/" + realm();
    }

    @Override
    void close();
}
