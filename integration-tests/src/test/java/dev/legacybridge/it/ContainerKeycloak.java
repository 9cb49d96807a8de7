package dev.legacybridge.it;

import dasniko.testcontainers.keycloak.KeycloakContainer;
import dev.legacybridge.stack.DemoRealm;
import dev.legacybridge.stack.KeycloakDistribution;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.testcontainers.Testcontainers;
import org.testcontainers.containers.BindMode;

/**
 * Keycloak as a container ({@code ${keycloak.image}}) through testcontainers-keycloak, chosen with
 * {@code -Dit.keycloak.backend=container} ({@code -Pcontainer}). Same setup as {@link DistributionKeycloak}: the provider
 * jars in {@code /opt/keycloak/providers}, the demo realm imported at startup, its {@code legacy-db} component reading
 * the shared SQLite file.
 *
 * <p>What the server reaches on this machine, and how:
 * <ul>
 *   <li>SQLite files: {@code <work>/legacy-container} (the shared realm's file) is bind-mounted at
 *       {@code /opt/keycloak/data/legacy}, the default of the realm's
 *       {@code ${LEGACY_DB_URL:jdbc:sqlite:/opt/keycloak/data/legacy/db.sqlite3}} placeholder, and {@code <work>/legacy}
 *       (every other test's file) at {@code /opt/keycloak/data/it-legacy}; {@link #jdbcUrlSeenByKeycloak} maps a
 *       host path to its container path and lets the image's user (uid 1000) write the file and its journal.</li>
 *   <li>Servers on the host's loopback (PostgreSQL, MariaDB, the SMTP server): {@code host.testcontainers.internal},
 *       through Testcontainers' port exposure ({@link #jdbcUrlSeenByKeycloak}, {@link #hostSeenByKeycloak}).</li>
 * </ul>
 *
 * <p>Run on the project's machines with Podman's Docker API and locally built stand-in images (see
 * {@code integration-tests/README.md}); on a machine with Docker and the official image it needs nothing else.
 */
final class ContainerKeycloak implements KeycloakEnvironment {

    private static final String CONTAINER_LEGACY_DIR = "/opt/keycloak/data/legacy";
    private static final String CONTAINER_SQLITE_NAME = "db.sqlite3";
    /** Where {@code <work>/legacy}, the SQLite files the tests create, appears in the container. */
    private static final String CONTAINER_IT_LEGACY_DIR = "/opt/keycloak/data/it-legacy";
    /** The name Testcontainers gives the host inside a container started {@code withAccessToHost(true)}. */
    private static final String HOST_FROM_CONTAINER = "host.testcontainers.internal";
    private static final String SQLITE_PREFIX = "jdbc:sqlite:";
    /** Keycloak's management interface inside the container ({@code /health}, {@code /metrics}). */
    private static final int MANAGEMENT_PORT = 9000;

    private final KeycloakContainer container;
    private final SqliteLegacyDatabase sqlite;
    private final AdminClient admin;

    private ContainerKeycloak(KeycloakContainer container, SqliteLegacyDatabase sqlite) {
        this.container = container;
        this.sqlite = sqlite;
        this.admin = new AdminClient(baseUrl(), container.getAdminUsername(), container.getAdminPassword());
    }

    static ContainerKeycloak start() {
        Path legacyDir = ItSettings.workDir().resolve("legacy-container");
        SqliteLegacyDatabase sqlite = SqliteLegacyDatabase.create(legacyDir.resolve(CONTAINER_SQLITE_NAME));
        Path itLegacyDir = itLegacyDir();
        try {
            Files.createDirectories(itLegacyDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // The image runs as user keycloak (uid 1000): let it read the files and create SQLite's journal next to them.
        openToContainerUser(legacyDir, sqlite.file());
        openToContainerUser(itLegacyDir, null);
        List<File> providers = KeycloakDistribution.jarsIn(ItSettings.providersDir()).stream().map(Path::toFile).toList();
        KeycloakContainer container = new KeycloakContainer(ItSettings.image())
                .withProviderLibsFrom(providers)
                .withRealmImportFile("realm-config/" + DemoRealm.FILE_NAME)
                .withFileSystemBind(legacyDir.toString(), CONTAINER_LEGACY_DIR, BindMode.READ_WRITE)
                .withFileSystemBind(itLegacyDir.toString(), CONTAINER_IT_LEGACY_DIR, BindMode.READ_WRITE)
                // same file vault as the distribution backend: ${vault.key} of realm r is the file r_key
                .withFileSystemBind(DistributionKeycloak.vaultDir().toString(), "/opt/keycloak/vault", BindMode.READ_ONLY)
                .withEnv("KC_VAULT", "file")
                .withEnv("KC_VAULT_DIR", "/opt/keycloak/vault")
                .withEnabledMetrics()   // its own KC_METRICS_ENABLED, set in configure(), wins over withEnv
                .withAccessToHost(true)
                .withStartupTimeout(Duration.ofMinutes(5));
        // The default placeholder value already points at the bind mount; set it explicitly anyway for clarity.
        container.withEnv(DemoRealm.ENV_LEGACY_DB_URL, "jdbc:sqlite:" + CONTAINER_LEGACY_DIR + "/" + CONTAINER_SQLITE_NAME);
        if (!providersRegisterUserStorage(providers)) {
            container.withEnv("JAVA_OPTS_APPEND", DemoRealm.TOLERATE_MISSING_PROVIDER);
        }
        container.start();
        return new ContainerKeycloak(container, sqlite);
    }

    private static Path itLegacyDir() {
        return ItSettings.workDir().resolve("legacy");
    }

    /** Makes {@code dir} (and {@code file}, if given) writable for the container's user, whatever its uid. */
    private static void openToContainerUser(Path dir, Path file) {
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
            if (file != null) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean providersRegisterUserStorage(List<File> jars) {
        for (File jar : jars) {
            try (java.util.jar.JarFile jf = new java.util.jar.JarFile(jar)) {
                if (jf.getEntry("META-INF/services/" + DemoRealm.USER_STORAGE_FACTORY) != null) {
                    return true;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return false;
    }

    @Override
    public String baseUrl() {
        String url = container.getAuthServerUrl();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public String backendName() {
        return "container";
    }

    /** The management port (9000 in the container), as mapped on the host; metrics are on, as in the Containerfile. */
    @Override
    public String managementUrl() {
        return "http://" + container.getHost() + ":" + container.getMappedPort(MANAGEMENT_PORT);
    }

    @Override
    public SqliteLegacyDatabase legacySqlite() {
        return sqlite;
    }

    @Override
    public String jdbcUrlSeenByKeycloak(String hostJdbcUrl) {
        if (hostJdbcUrl.startsWith(SQLITE_PREFIX)) {
            return sqliteUrlSeenByKeycloak(Path.of(hostJdbcUrl.substring(SQLITE_PREFIX.length())));
        }
        // jdbc:postgresql://127.0.0.1:5432/db -> jdbc:postgresql://host.testcontainers.internal:5432/db
        URI uri = URI.create(hostJdbcUrl.substring("jdbc:".length()));
        if (uri.getHost() == null || uri.getPort() <= 0) {
            throw new IllegalArgumentException("Cannot map " + hostJdbcUrl + " into the container: expected "
                    + "jdbc:<kind>://<host>:<port>/... or jdbc:sqlite:<file>");
        }
        return hostJdbcUrl.replace("//" + uri.getHost() + ":", "//" + hostSeenByKeycloak(uri.getPort()) + ":");
    }

    /** A SQLite file under one of the two bind-mounted directories, as the container sees it. */
    private String sqliteUrlSeenByKeycloak(Path hostFile) {
        Path file = hostFile.toAbsolutePath().normalize();
        Path shared = sqlite.file().getParent();
        Path tests = itLegacyDir();
        String containerPath;
        if (file.startsWith(shared)) {
            containerPath = CONTAINER_LEGACY_DIR + "/" + shared.relativize(file);
        } else if (file.startsWith(tests)) {
            containerPath = CONTAINER_IT_LEGACY_DIR + "/" + tests.relativize(file);
        } else {
            throw new IllegalArgumentException("SQLite file " + file + " is not visible in the container: create it "
                    + "under " + tests);
        }
        // Created by this JVM's user after the container started; the journal goes next to it.
        openToContainerUser(file.getParent(), Files.exists(file) ? file : null);
        return SQLITE_PREFIX + containerPath;
    }

    @Override
    public String hostSeenByKeycloak(int hostPort) {
        Testcontainers.exposeHostPorts(hostPort);
        return HOST_FROM_CONTAINER;
    }

    @Override
    public String serverLog() {
        return container.getLogs();
    }

    @Override
    public AdminClient admin() {
        return admin;
    }

    @Override
    public void close() {
        container.stop();
    }
}
