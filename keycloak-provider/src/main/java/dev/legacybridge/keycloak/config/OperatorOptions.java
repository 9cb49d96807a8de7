package dev.legacybridge.keycloak.config;

import dev.legacybridge.store.jdbc.ConnectionRestrictions;
import dev.legacybridge.store.jdbc.JdbcUrlPolicy;
import java.util.List;
import org.keycloak.Config;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * What the server operator decides, as SPI options of the provider, which realm administrators cannot change:
 * <pre>
 * bin/kc.sh start ... \
 *   --spi-storage--legacy-database--allowed-hosts='legacy-db.internal,*.db.internal,10.20.0.0/16' \
 *   --spi-storage--legacy-database--allowed-ports=5432,3306 \
 *   --spi-storage--legacy-database--sqlite-directory=/opt/keycloak/data/legacy \
 *   --spi-storage--legacy-database--jdbc-url-in-admin-console=false
 * </pre>
 * (or {@code KC_SPI_STORAGE__LEGACY_DATABASE__ALLOWED_HOSTS} and so on). Without them, every host, port and existing
 * SQLite file is allowed; the rules of {@link JdbcUrlPolicy} (supported databases, safe parameters) always apply.
 *
 * @param restrictions         hosts, ports and the SQLite directory every JDBC URL must keep to
 * @param jdbcUrlInAdminConsole false: an admin request (console or admin REST API) may set a component's JDBC URL
 *                             only to a {@code ${vault.key}} reference, whose value the operator provides per realm,
 *                             and may not change a literal URL; realm files imported at startup are not affected
 */
public record OperatorOptions(ConnectionRestrictions restrictions, boolean jdbcUrlInAdminConsole) {

    public static final String ALLOWED_HOSTS = "allowedHosts";
    public static final String ALLOWED_PORTS = "allowedPorts";
    public static final String SQLITE_DIRECTORY = "sqliteDirectory";
    public static final String JDBC_URL_IN_ADMIN_CONSOLE = "jdbcUrlInAdminConsole";

    public static OperatorOptions none() {
        return new OperatorOptions(ConnectionRestrictions.none(), true);
    }

    /**
     * Reads the options once, when Keycloak starts.
     *
     * @throws IllegalArgumentException naming the option, so that a mistyped restriction stops the server instead of
     *                                  silently allowing everything
     */
    public static OperatorOptions from(Config.Scope scope) {
        if (scope == null) {
            return none();
        }
        ConnectionRestrictions restrictions;
        try {
            restrictions = ConnectionRestrictions.parse(scope.get(ALLOWED_HOSTS), scope.get(ALLOWED_PORTS),
                    scope.get(SQLITE_DIRECTORY));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Legacy-database provider option: " + e.getMessage(), e);
        }
        return new OperatorOptions(restrictions, scope.getBoolean(JDBC_URL_IN_ADMIN_CONSOLE, true));
    }

    public JdbcUrlPolicy jdbcUrlPolicy() {
        return new JdbcUrlPolicy(restrictions);
    }

    /** Declared so that {@code kc.sh} knows and documents the options. */
    public static List<ProviderConfigProperty> metadata() {
        return ProviderConfigurationBuilder.create()
                .property().name(ALLOWED_HOSTS).type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Comma-separated hosts a legacy JDBC URL may name: host names, *.domain suffixes, IP "
                        + "addresses or CIDR blocks (compared as written, not resolved). Empty: any host.")
                .add()
                .property().name(ALLOWED_PORTS).type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Comma-separated ports or ranges (5432,3306,10000-10100) a legacy JDBC URL may use. Empty: "
                        + "any port.")
                .add()
                .property().name(SQLITE_DIRECTORY).type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Absolute directory that SQLite legacy databases must be in. Empty: any existing SQLite "
                        + "file Keycloak can read.")
                .add()
                .property().name(JDBC_URL_IN_ADMIN_CONSOLE).type(ProviderConfigProperty.BOOLEAN_TYPE)
                .defaultValue(true)
                .helpText("false: realm administrators can set the JDBC URL only to a ${vault.key} reference and "
                        + "cannot change a literal URL; realm files imported at startup may set any allowed URL.")
                .add()
                .build();
    }
}
