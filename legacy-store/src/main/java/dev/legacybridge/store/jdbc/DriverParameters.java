package dev.legacybridge.store.jdbc;

import static dev.legacybridge.store.jdbc.RefusalReason.COSTS;
import static dev.legacybridge.store.jdbc.RefusalReason.DESERIALISES;
import static dev.legacybridge.store.jdbc.RefusalReason.HOST_CREDENTIALS;
import static dev.legacybridge.store.jdbc.RefusalReason.LOADS_CLASSES;
import static dev.legacybridge.store.jdbc.RefusalReason.LOGS_DATA;
import static dev.legacybridge.store.jdbc.RefusalReason.MANAGED_BY_LEGACY_BRIDGE;
import static dev.legacybridge.store.jdbc.RefusalReason.READS_FILES;
import static dev.legacybridge.store.jdbc.RefusalReason.REDIRECTS;
import static dev.legacybridge.store.jdbc.RefusalReason.RUNS_SQL;
import static dev.legacybridge.store.jdbc.RefusalReason.SET_BY_LEGACY_BRIDGE;
import static dev.legacybridge.store.jdbc.RefusalReason.WRITES_FILES;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every JDBC URL parameter Legacy Bridge lets through, per driver, in one place; everything else is refused.
 *
 * <p>Three lists per driver (PostgreSQL pgjdbc 42.7, MariaDB Connector/J 3.5, MySQL Connector/J 9.6, xerial
 * sqlite-jdbc 3.50; names compared case-insensitively, because MariaDB's driver reads them so):
 * <ul>
 *   <li><b>allowed</b>: timeouts, TLS modes, character sets, time zones, statement caches; a few with a closed set of
 *       values (pgjdbc's {@code sslfactory} only names the driver's own factories);</li>
 *   <li><b>refused with a reason</b>: the parameters that load classes, deserialise, read or write host files, run SQL
 *       on connect, reach other hosts or sockets, use the host's own credentials, or log data; listed so that the
 *       refusal says why, and each is tested;</li>
 *   <li><b>forced</b>: safe values Legacy Bridge always passes as connection properties, whatever the driver's
 *       default (MariaDB's {@code allowLocalInfile} defaults to true: a hostile server could read any file Keycloak
 *       can). A URL may not set them: pgjdbc and MariaDB let URL parameters override connection properties.</li>
 * </ul>
 * A parameter on none of the lists is refused as unknown, so a driver upgrade that adds a dangerous option cannot open
 * a hole by itself. SQLite URLs take no parameters at all.
 */
public final class DriverParameters {

    /**
     * How one parameter is treated: refused (with the reason) or allowed (with its permitted values, compared
     * case-insensitively; empty = any).
     */
    public record Rule(String name, Optional<RefusalReason> refusal, Set<String> allowedValues) {
    }

    private static final Map<DatabaseKind, DriverParameters> ALL = new EnumMap<>(DatabaseKind.class);

    static {
        ALL.put(DatabaseKind.POSTGRESQL, new Builder()
                .allow("ApplicationName", "assumeMinServerVersion", "autosave", "binaryTransfer", "binaryTransferDisable",
                        "binaryTransferEnable", "cancelSignalTimeout", "channelBinding", "cleanupSavepoints",
                        "connectTimeout", "currentSchema", "databaseMetadataCacheFields",
                        "databaseMetadataCacheFieldsMiB", "defaultRowFetchSize", "disableColumnSanitiser",
                        "escapeSyntaxCallMode", "hideUnprivilegedObjects", "hostRecheckSeconds", "loadBalanceHosts",
                        "loginTimeout", "maxResultBuffer", "options", "password", "preferQueryMode",
                        "preparedStatementCacheQueries", "preparedStatementCacheSizeMiB", "prepareThreshold",
                        "quoteReturningIdentifiers", "readOnly", "readOnlyMode", "reWriteBatchedInserts", "socketTimeout",
                        "ssl", "sslmode", "sslNegotiation", "sslResponseTimeout", "stringtype", "targetServerType",
                        "tcpKeepAlive", "tcpNoDelay", "user")
                .allowValues("sslfactory", "org.postgresql.ssl.DefaultJavaSSLFactory",
                        "org.postgresql.ssl.LibPQFactory", "org.postgresql.ssl.NonValidatingFactory")
                .refuse(LOADS_CLASSES, "authenticationPluginClassName", "socketFactory", "socketFactoryArg",
                        "sslfactoryarg", "sslhostnameverifier", "sslpasswordcallback", "xmlFactoryFactory",
                        "connectExecutor", "connectExecutorArg", "classLoaderStrategy")
                .refuse(READS_FILES, "sslcert", "sslkey", "sslrootcert", "sslpassword", "service")
                .refuse(WRITES_FILES, "loggerFile")
                .refuse(LOGS_DATA, "loggerLevel")
                .refuse(REDIRECTS, "host", "port", "dbname", "PGHOST", "PGPORT", "PGDBNAME", "localSocketAddress",
                        "replication")
                .refuse(HOST_CREDENTIALS, "jaasApplicationName", "kerberosServerName", "gsslib", "gssUseDefaultCreds",
                        "useSpnego", "sspiServiceClass")
                .refuse(COSTS, "scramMaxIterations")
                // No Kerberos/GSSAPI, which would use the Keycloak host's tickets for a server of the URL's choosing.
                .force("gssEncMode", "disable")
                .force("jaasLogin", "false")
                .force("requireAuth", "!gss,!sspi")
                // A constraint error's "Detail: Failing row contains (...)" would carry a whole row, hash included,
                // into exception messages and logs.
                .force("logServerErrorDetail", "false")
                .build());

        ALL.put(DatabaseKind.MARIADB, new Builder()
                .allow("user", "password", "timezone", "connectionTimeZone", "connectionCollation",
                        "forceConnectionTimeZoneToSession", "preserveInstants", "pureLocalDateTime", "useMysqlMetadata",
                        "nullDatabaseMeansCurrent", "useCatalogTerm", "jdbcCompliantTruncation",
                        "oldModeNoPrecisionTimestamp", "defaultFetchSize", "maxAllowedPacket", "transactionIsolation",
                        "connectTimeout", "socketTimeout", "tcpKeepAlive", "tcpKeepIdle", "tcpKeepCount",
                        "tcpKeepInterval", "tcpAbortiveClose", "uuidAsString", "useReadAheadInput", "sslMode",
                        "enabledSslCipherSuites", "enabledSslProtocolSuites", "fallbackToSystemKeyStore",
                        "fallbackToSystemTrustStore", "useCompression", "useAffectedRows", "useBulkStmts",
                        "useBulkStmtsForInserts", "disablePipeline", "cachePrepStmts", "prepStmtCacheSize",
                        "useServerPrepStmts", "connectionAttributes", "disconnectOnExpiredPasswords", "tinyInt1isBit",
                        "transformedBitIsBoolean", "yearIsDateType", "retriesAllDown", "allowPublicKeyRetrieval")
                .refuse(RUNS_SQL, "initSql", "sessionVariables")
                .refuse(LOADS_CLASSES, "socketFactory", "tlsSocketType")
                .refuse(READS_FILES, "serverSslCert", "keyStore", "keyStorePassword", "keyPassword", "keyStoreType",
                        "trustStore", "trustStorePassword", "trustStoreType", "serverRsaPublicKeyFile")
                .refuse(REDIRECTS, "localSocket", "pipe", "database", "galeraAllowedState")
                .refuse(HOST_CREDENTIALS, "credentialType", "servicePrincipalName")
                .refuse(LOGS_DATA, "dumpQueriesOnException", "includeInnodbStatusInDeadlockExceptions",
                        "includeThreadDumpInDeadlockExceptions", "maxQuerySizeToLog")
                .refuse(MANAGED_BY_LEGACY_BRIDGE, "pool", "poolName", "maxPoolSize", "minPoolSize", "maxIdleTime",
                        "registerJmxPool", "poolValidMinDelay", "useResetConnection", "autocommit",
                        "pinGlobalTxToPhysicalConnection", "transactionReplay", "transactionReplaySize")
                // The driver's default is true: a hostile server could ask for any file Keycloak can read.
                .force("allowLocalInfile", "false")
                // A server could send the driver to another host, around the operator's allowed hosts.
                .force("permitRedirect", "false")
                .force("allowMultiQueries", "false")
                .force("createDatabaseIfNotExist", "false")
                // Every authentication plugin except GSSAPI, which would use the Keycloak host's Kerberos tickets.
                .force("restrictedAuth",
                        "mysql_native_password,client_ed25519,caching_sha2_password,parsec,mysql_clear_password,dialog")
                .build());

        ALL.put(DatabaseKind.MYSQL, new Builder()
                .allow("user", "password", "sslMode", "useSSL", "requireSSL", "verifyServerCertificate", "tlsVersions",
                        "tlsCiphersuites", "allowPublicKeyRetrieval", "fallbackToSystemKeyStore",
                        "fallbackToSystemTrustStore", "characterEncoding", "characterSetResults", "connectionCollation",
                        "passwordCharacterEncoding", "connectionTimeZone", "serverTimezone",
                        "forceConnectionTimeZoneToSession", "preserveInstants", "zeroDateTimeBehavior", "connectTimeout",
                        "socketTimeout", "tcpKeepAlive", "tcpNoDelay", "tcpRcvBuf", "tcpSndBuf", "tcpTrafficClass",
                        "useCompression", "defaultFetchSize", "useCursorFetch", "useServerPrepStmts", "cachePrepStmts",
                        "prepStmtCacheSize", "prepStmtCacheSqlLimit", "tinyInt1isBit", "transformedBitIsBoolean",
                        "yearIsDateType", "databaseTerm", "nullDatabaseMeansCurrent", "useInformationSchema",
                        "connectionAttributes", "maxAllowedPacket", "jdbcCompliantTruncation", "sendFractionalSeconds",
                        "sendFractionalSecondsForTime", "treatUtilDateAsTimestamp", "useAffectedRows",
                        "useLocalSessionState", "useLocalTransactionState", "elideSetAutoCommits",
                        "alwaysSendSetIsolation", "useOnlyServerErrorMessages", "netTimeoutForStreamingResults",
                        "enableQueryTimeouts", "queryTimeoutKillsConnection", "password1", "password2", "password3")
                .refuse(DESERIALISES, "autoDeserialize")
                .refuse(LOADS_CLASSES, "queryInterceptors", "exceptionInterceptors", "connectionLifecycleInterceptors",
                        "statementInterceptors", "authenticationPlugins", "defaultAuthenticationPlugin",
                        "authenticationOpenidConnectCallbackHandler", "authenticationWebAuthnCallbackHandler",
                        "socketFactory", "propertiesTransform", "clientInfoProvider", "loadBalanceStrategy",
                        "ha.loadBalanceStrategy", "loadBalanceExceptionChecker", "profilerEventHandler", "logger",
                        "queryInfoCacheFactory", "serverConfigCacheFactory", "sslContextProvider",
                        "KeyManagerFactoryProvider", "trustManagerFactoryProvider", "keyStoreProvider")
                .refuse(READS_FILES, "allowLoadLocalInfileInPath", "clientCertificateKeyStoreUrl",
                        "clientCertificateKeyStorePassword", "clientCertificateKeyStoreType",
                        "trustCertificateKeyStoreUrl", "trustCertificateKeyStorePassword", "trustCertificateKeyStoreType",
                        "serverRSAPublicKeyFile", "useConfigs")
                .refuse(REDIRECTS, "socksProxyHost", "socksProxyPort", "socksProxyRemoteDns", "dnsSrv",
                        "localSocketAddress")
                .refuse(HOST_CREDENTIALS, "ldapServerHostname", "ociConfigFile", "ociConfigProfile")
                .refuse(LOGS_DATA, "profileSQL", "logSlowQueries", "explainSlowQueries", "autoGenerateTestcaseScript",
                        "dumpQueriesOnException", "traceProtocol", "enablePacketDebug", "gatherPerfMetrics",
                        "useUsageAdvisor", "logXaCommands", "includeThreadNamesAsStatementComment", "autoSlowLog",
                        "includeInnodbStatusInDeadlockExceptions", "includeThreadDumpInDeadlockExceptions",
                        "maxQuerySizeToLog")
                .refuse(MANAGED_BY_LEGACY_BRIDGE, "autoReconnect", "autoReconnectForPools", "failOverReadOnly",
                        "maxReconnects", "initialTimeout", "pinGlobalTxToPhysicalConnection", "rollbackOnPooledClose")
                .force("allowLoadLocalInfile", "false")
                .force("allowUrlInLocalInfile", "false")
                .force("allowMultiQueries", "false")
                .force("createDatabaseIfNotExist", "false")
                // Plugins a server may switch to that use the host's Kerberos tickets, LDAP/SASL credentials, OCI key
                // files or an OpenID token file.
                .force("disabledAuthenticationPlugins", "authentication_kerberos_client,authentication_ldap_sasl_client,"
                        + "authentication_oci_client,authentication_openid_connect_client,authentication_webauthn_client")
                // No query text in trace spans.
                .force("openTelemetry", "DISABLED")
                .build());

        // SQLite URLs take no parameters; extensions stay off (they would load native libraries).
        ALL.put(DatabaseKind.SQLITE, new Builder()
                .force("enable_load_extension", "false")
                .build());
    }

    private final Map<String, Rule> rules;
    private final Map<String, String> forced;

    private DriverParameters(Map<String, Rule> rules, Map<String, String> forced) {
        this.rules = Collections.unmodifiableMap(rules);
        this.forced = Collections.unmodifiableMap(forced);
    }

    public static DriverParameters of(DatabaseKind kind) {
        return ALL.get(kind);
    }

    /** The rule for a parameter name (any case), or empty when the name is on no list (refused as unknown). */
    public Optional<Rule> rule(String name) {
        return Optional.ofNullable(rules.get(name.toLowerCase(Locale.ROOT)));
    }

    /** Every listed parameter, allowed and refused, keyed by lower-case name. */
    public Map<String, Rule> rules() {
        return rules;
    }

    /** The connection properties Legacy Bridge always sets for this driver. */
    public Map<String, String> forced() {
        return forced;
    }

    private static final class Builder {
        private final Map<String, Rule> rules = new LinkedHashMap<>();
        private final Map<String, String> forced = new LinkedHashMap<>();

        Builder allow(String... names) {
            for (String name : names) {
                put(new Rule(name, Optional.empty(), Set.of()));
            }
            return this;
        }

        Builder allowValues(String name, String... values) {
            put(new Rule(name, Optional.empty(), Collections.unmodifiableSet(new LinkedHashSet<>(List.of(values)))));
            return this;
        }

        Builder refuse(RefusalReason reason, String... names) {
            for (String name : names) {
                put(new Rule(name, Optional.of(reason), Set.of()));
            }
            return this;
        }

        Builder force(String name, String value) {
            forced.put(name, value);
            rules.putIfAbsent(name.toLowerCase(Locale.ROOT), new Rule(name, Optional.of(SET_BY_LEGACY_BRIDGE), Set.of()));
            return this;
        }

        private void put(Rule rule) {
            Rule previous = rules.put(rule.name().toLowerCase(Locale.ROOT), rule);
            if (previous != null) {
                throw new IllegalStateException("JDBC parameter listed twice: " + rule.name());
            }
        }

        DriverParameters build() {
            return new DriverParameters(new LinkedHashMap<>(rules), new LinkedHashMap<>(forced));
        }
    }
}
