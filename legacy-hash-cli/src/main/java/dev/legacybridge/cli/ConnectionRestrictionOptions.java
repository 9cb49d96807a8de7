package dev.legacybridge.cli;

import dev.legacybridge.store.jdbc.ConnectionRestrictions;
import dev.legacybridge.store.jdbc.JdbcUrlPolicy;
import picocli.CommandLine.Option;

/**
 * The operator's restrictions on the JDBC URL, as flags: the same rules the Keycloak provider applies with its SPI
 * options ({@code --spi-storage--legacy-database--allowed-hosts} and so on), so a URL the provider would refuse is
 * refused here too. Without flags: every host, port and existing SQLite file, but only the supported databases and
 * safe URL parameters.
 */
final class ConnectionRestrictionOptions {

    @Option(names = "--allowed-hosts", paramLabel = "HOSTS",
            description = "Comma-separated hosts the JDBC URL may name: names, *.domain, IP addresses, CIDR blocks.")
    private String allowedHosts;

    @Option(names = "--allowed-ports", paramLabel = "PORTS",
            description = "Comma-separated ports or ranges the JDBC URL may use, e.g. 5432,3306,10000-10100.")
    private String allowedPorts;

    @Option(names = "--sqlite-dir", paramLabel = "DIR", description = "Directory SQLite files must be in.")
    private String sqliteDirectory;

    /** @throws UsageException when a flag's value is not valid */
    JdbcUrlPolicy policy() {
        try {
            return new JdbcUrlPolicy(ConnectionRestrictions.parse(allowedHosts, allowedPorts, sqliteDirectory));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
