package dev.legacybridge.perf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the benchmarks share in one run: the settings, the embedded PostgreSQL and the Keycloak (each started on first
 * use), the results directory, and the generated Markdown sections.
 */
final class Context implements AutoCloseable {

    final Settings settings;
    private LegacyPostgres postgres;
    private BenchKeycloak keycloak;
    private final Map<String, String> sections = new LinkedHashMap<>();

    Context(Settings settings) {
        this.settings = settings;
        try {
            Files.createDirectories(settings.workDir());
            Files.createDirectories(settings.resultsDir());
            for (String name : settings.benchmarks()) {
                // a benchmark that fails this time must not leave last time's section to be published
                Files.deleteIfExists(settings.resultsDir().resolve(name + ".md"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    LegacyPostgres postgres() {
        if (postgres == null) {
            Log.say("starting the embedded PostgreSQL (legacy database)");
            postgres = LegacyPostgres.start(settings.workDir());
            Log.say("PostgreSQL %s on port %d", postgres.queryString("postgres", "SHOW server_version"),
                    postgres.port());
        }
        return postgres;
    }

    BenchKeycloak keycloak() {
        if (keycloak == null) {
            Log.say("starting Keycloak from %s", settings.artifacts());
            keycloak = BenchKeycloak.start(settings.workDir(), settings.artifacts(), settings.keycloakArgs());
        }
        return keycloak;
    }

    boolean keycloakStarted() {
        return keycloak != null;
    }

    /** The lines every result section starts with: command, date, machine, JVMs, load before and after. */
    String header(String loadBefore, String startedAt) {
        StringBuilder sb = new StringBuilder();
        sb.append("- Command: `").append(settings.command()).append("`\n");
        sb.append("- Date: ").append(startedAt).append(" to ").append(Machine.now()).append('\n');
        sb.append("- Machine: ").append(Machine.cpu()).append(", shared with other sessions\n");
        if (keycloak != null) {
            sb.append("- Keycloak 26.7.3 (distribution, `start --optimized --cache=local`, dev-file H2, default heap)");
            if (!keycloak.extraArgs().isEmpty()) {
                sb.append(" with `").append(String.join(" ", keycloak.extraArgs())).append('`');
            }
            sb.append(" on ").append(keycloak.javaVersion()).append('\n');
        }
        if (postgres != null) {
            sb.append("- Legacy database: PostgreSQL ").append(postgres.queryString("postgres", "SHOW server_version"))
                    .append(" (embedded, zonky), shared_buffers ").append(postgres.queryString("postgres",
                            "SHOW shared_buffers")).append(", lc_collate ")
                    .append(postgres.queryString("postgres", "SHOW lc_collate")).append('\n');
        }
        sb.append("- Load driver: ").append(Machine.javaVersion(ProcessHandle.current().info().command()
                .orElse("java"))).append(", same machine\n");
        sb.append("- Load average (1/5/15 min): ").append(loadBefore).append(" before, ").append(Machine.loadAverage())
                .append(" after\n");
        return sb.toString();
    }

    void section(String name, String markdown) {
        sections.put(name, markdown);
        write(settings.resultsDir().resolve(name + ".md"), markdown);
    }

    Map<String, String> sections() {
        return sections;
    }

    void json(String name, Object value) {
        try {
            AdminApi.JSON.writerWithDefaultPrettyPrinter().writeValue(settings.resultsDir().resolve(name + ".json")
                    .toFile(), value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            if (keycloak != null) {
                keycloak.close();
                keycloak = null;
            }
        } finally {
            if (postgres != null) {
                postgres.close();
                postgres = null;
            }
        }
    }
}
