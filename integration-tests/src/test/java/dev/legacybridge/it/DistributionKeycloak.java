package dev.legacybridge.it;

import dev.legacybridge.stack.DemoRealm;
import dev.legacybridge.stack.FreePorts;
import dev.legacybridge.stack.KeycloakDistribution;
import dev.legacybridge.stack.KeycloakServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Keycloak from the distribution zip ({@code bin/kc.sh}), through local-stack's {@link KeycloakDistribution}: random
 * free loopback ports, a fresh H2 database per run (so the realm is imported with this run's
 * {@code LEGACY_DB_URL}), {@code kc.sh build} only when the provider jars changed since the last run.
 */
final class DistributionKeycloak implements KeycloakEnvironment {

    private static final String ADMIN_USER = "admin";
    private static final String ADMIN_PASSWORD = "admin";

    private final KeycloakServer server;
    private final SqliteLegacyDatabase sqlite;
    private final AdminClient admin;

    private DistributionKeycloak(KeycloakServer server, SqliteLegacyDatabase sqlite) {
        this.server = server;
        this.sqlite = sqlite;
        this.admin = new AdminClient(server.baseUrl(), ADMIN_USER, ADMIN_PASSWORD);
    }

    /** The file vault's directory: a file {@code <realm>_<key>} holds the secret {@code ${vault.key}} of a realm. */
    static Path vaultDir() {
        Path dir = ItSettings.workDir().resolve("vault");
        try {
            java.nio.file.Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return dir;
    }

    /** {@code -Dit.keycloak.extraArgs="--log-level=INFO,org.keycloak.authentication:debug"} for a debugging run. */
    private static String[] extraArgs() {
        String extra = System.getProperty("it.keycloak.extraArgs", "").trim();
        return extra.isEmpty() ? new String[0] : extra.split("\\s+");
    }

    /**
     * The server operator's restrictions of the provider, as a careful operator would set them for this machine: the
     * legacy databases of the tests are all on loopback, on unprivileged ports, and every SQLite fixture lives in
     * {@link #legacySqliteDirectory()}. The whole suite runs under them, so they are shown not to break any legitimate
     * URL; {@code JdbcUrlSecurityIT} shows what they refuse.
     */
    static String[] operatorRestrictions() {
        return new String[] {"--spi-storage--legacy-database--allowed-hosts=" + String.join(",", ALLOWED_HOSTS),
                "--spi-storage--legacy-database--allowed-ports=" + ALLOWED_PORTS,
                "--spi-storage--legacy-database--sqlite-directory=" + legacySqliteDirectory()};
    }

    static final java.util.List<String> ALLOWED_HOSTS = java.util.List.of("127.0.0.1", "localhost");
    static final String ALLOWED_PORTS = "1024-65535";

    /** Where the tests' SQLite legacy databases live (the operator's SQLite directory). */
    static Path legacySqliteDirectory() {
        Path dir = ItSettings.workDir().resolve("legacy");
        try {
            Files.createDirectories(dir);
            return dir.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static DistributionKeycloak start() {
        Path work = ItSettings.workDir();
        SqliteLegacyDatabase sqlite = SqliteLegacyDatabase.create(work.resolve("legacy").resolve("shared-realm.sqlite3"));
        KeycloakDistribution dist = KeycloakDistribution.unpack(ItSettings.distZip(), work.resolve("keycloak"));
        dist.installProviders(KeycloakDistribution.jarsIn(ItSettings.providersDir()));
        dist.installRealmImport(DemoRealm.FILE_NAME, DemoRealm.json());
        dist.resetData();
        dist.buildIfNeeded(KeycloakDistribution.DEFAULT_BUILD_OPTIONS, Duration.ofMinutes(5));
        KeycloakServer.Options options = KeycloakServer.Options.of(FreePorts.next(), FreePorts.next(),
                        work.resolve("logs").resolve("keycloak.log"))
                .withAdmin(ADMIN_USER, ADMIN_PASSWORD)
                .withEnv(DemoRealm.ENV_LEGACY_DB_URL, sqlite.jdbcUrl())
                .withExtraArgs("--vault-dir=" + vaultDir())
                .withExtraArgs(operatorRestrictions())
                .withExtraArgs(extraArgs())
                .withReadyTimeout(Duration.ofMinutes(4));
        if (!dist.installedProvidersRegister(DemoRealm.USER_STORAGE_FACTORY)) {
            System.err.println("[it] provider jar registers no UserStorageProviderFactory; importing the realm with "
                    + DemoRealm.TOLERATE_MISSING_PROVIDER);
            options = options.withJavaOpt(DemoRealm.TOLERATE_MISSING_PROVIDER);
        }
        return new DistributionKeycloak(dist.start(options, KeycloakDistribution.DEFAULT_BUILD_OPTIONS), sqlite);
    }

    @Override
    public String baseUrl() {
        return server.baseUrl();
    }

    @Override
    public String backendName() {
        return "distribution";
    }

    @Override
    public String managementUrl() {
        return server.managementUrl();
    }

    @Override
    public SqliteLegacyDatabase legacySqlite() {
        return sqlite;
    }

    @Override
    public String jdbcUrlSeenByKeycloak(String hostJdbcUrl) {
        return hostJdbcUrl;   // same machine, same loopback
    }

    @Override
    public String hostSeenByKeycloak(int hostPort) {
        return "127.0.0.1";
    }

    @Override
    public AdminClient admin() {
        return admin;
    }

    @Override
    public String serverLog() {
        try {
            return Files.readString(server.logFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
