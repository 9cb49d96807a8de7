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
 * Keycloak as a container ({@code ${keycloak.image}}) through testcontainers-keycloak, for machines with a Docker
 * engine. Same setup as {@link DistributionKeycloak}: the provider jars in {@code /opt/keycloak/providers}, the demo
 * realm imported at startup, its {@code legacy-db} component reading the shared SQLite file.
 *
 * <p>The SQLite directory is bind-mounted at {@code /opt/keycloak/data/legacy}, the default of the realm's
 * {@code ${LEGACY_DB_URL:jdbc:sqlite:/opt/keycloak/data/legacy/db.sqlite3}} placeholder, so changes a test makes to the
 * file are seen by the server. Databases on the host are reached as {@code host.testcontainers.internal}.
 *
 * <p>Not run on machines without a Docker engine (such as the project's CI); it compiles against
 * testcontainers-keycloak 4.2.1 / Testcontainers 2.0.4.
 */
final class ContainerKeycloak implements KeycloakEnvironment {

    private static final String CONTAINER_LEGACY_DIR = "/opt/keycloak/data/legacy";
    private static final String CONTAINER_SQLITE_NAME = "db.sqlite3";

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
        // The image runs as user keycloak (uid 1000): let it read the file and create SQLite's journal next to it.
        try {
            Files.setPosixFilePermissions(legacyDir, PosixFilePermissions.fromString("rwxrwxrwx"));
            Files.setPosixFilePermissions(sqlite.file(), PosixFilePermissions.fromString("rw-rw-rw-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<File> providers = KeycloakDistribution.jarsIn(ItSettings.providersDir()).stream().map(Path::toFile).toList();
        KeycloakContainer container = new KeycloakContainer(ItSettings.image())
                .withProviderLibsFrom(providers)
                .withRealmImportFile("realm-config/" + DemoRealm.FILE_NAME)
                .withFileSystemBind(legacyDir.toString(), CONTAINER_LEGACY_DIR, BindMode.READ_WRITE)
                // same file vault as the distribution backend: ${vault.key} of realm r is the file r_key
                .withFileSystemBind(DistributionKeycloak.vaultDir().toString(), "/opt/keycloak/vault", BindMode.READ_ONLY)
                .withEnv("KC_VAULT", "file")
                .withEnv("KC_VAULT_DIR", "/opt/keycloak/vault")
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

    @Override
    public SqliteLegacyDatabase legacySqlite() {
        return sqlite;
    }

    @Override
    public String jdbcUrlSeenByKeycloak(String hostJdbcUrl) {
        // jdbc:postgresql://127.0.0.1:5432/db -> jdbc:postgresql://host.testcontainers.internal:5432/db
        String rest = hostJdbcUrl.substring("jdbc:".length());
        URI uri = URI.create(rest);
        if (uri.getHost() == null) {
            return hostJdbcUrl;   // e.g. jdbc:sqlite:... (files must be under the bind mount)
        }
        if (uri.getPort() > 0) {
            Testcontainers.exposeHostPorts(uri.getPort());
        }
        return hostJdbcUrl.replace("//" + uri.getHost() + ":", "//host.testcontainers.internal:");
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
