package dev.legacybridge.perf;

import dev.legacybridge.stack.FreePorts;
import dev.legacybridge.stack.KeycloakDistribution;
import dev.legacybridge.stack.KeycloakServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The Keycloak under test: the distribution zip and the provider jars that local-stack assembled
 * ({@code local-stack/target/stack/}), unpacked into our own work directory and started through local-stack's
 * {@link KeycloakDistribution} exactly as the stack and the integration tests start it ({@code kc.sh build} with the
 * default build options when the providers changed, then {@code kc.sh start --optimized --cache=local}), on free
 * loopback ports, with a fresh H2 database ({@code dev-file}) every run.
 */
final class BenchKeycloak implements AutoCloseable {

    private final KeycloakServer server;
    private final AdminApi admin;
    private final String javaVersion;
    private final List<String> extraArgs;
    private final long jvmPid;
    private final String javaCommand;

    private BenchKeycloak(KeycloakServer server, List<String> extraArgs) {
        this.server = server;
        this.extraArgs = List.copyOf(extraArgs);
        this.admin = new AdminApi(server.baseUrl(), "admin", "admin");
        // kc.sh (a /bin/sh script) runs the JVM as its child and waits for it
        ProcessHandle jvm = ProcessHandle.of(server.pid()).stream()
                .flatMap(h -> Stream.concat(Stream.of(h), h.descendants()))
                .filter(h -> h.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No Keycloak JVM under pid " + server.pid()));
        this.jvmPid = jvm.pid();
        this.javaCommand = jvm.info().command().orElse("java");
        this.javaVersion = Machine.javaVersion(javaCommand);
    }

    static BenchKeycloak start(Path workDir, Path artifacts, List<String> extraArgs) {
        KeycloakDistribution dist = KeycloakDistribution.unpack(artifacts.resolve("keycloak-dist.zip"),
                workDir.resolve("keycloak"));
        dist.installProviders(KeycloakDistribution.jarsIn(artifacts.resolve("providers")));
        dist.resetData();
        long t = System.nanoTime();
        if (dist.buildIfNeeded(KeycloakDistribution.DEFAULT_BUILD_OPTIONS, Duration.ofMinutes(10))) {
            Log.say("kc.sh build took %.0f s", (System.nanoTime() - t) / 1e9);
        }
        KeycloakServer.Options options = KeycloakServer.Options.of(FreePorts.next(), FreePorts.next(),
                        workDir.resolve("logs").resolve("keycloak.log"))
                .withAdmin("admin", "admin")
                .withReadyTimeout(Duration.ofMinutes(6));
        if (!extraArgs.isEmpty()) {
            options = options.withExtraArgs(extraArgs.toArray(String[]::new));
        }
        t = System.nanoTime();
        KeycloakServer server = dist.start(options, KeycloakDistribution.DEFAULT_BUILD_OPTIONS);
        Log.say("Keycloak ready at %s in %.0f s (pid %d, log %s)", server.baseUrl(), (System.nanoTime() - t) / 1e9,
                server.pid(), server.logFile());
        try {
            return new BenchKeycloak(server, extraArgs);
        } catch (RuntimeException e) {
            server.close();   // not left running when its JVM cannot be found or asked its version
            throw e;
        }
    }

    String baseUrl() {
        return server.baseUrl();
    }

    AdminApi admin() {
        return admin;
    }

    /** The Keycloak JVM (a child of {@code kc.sh}). */
    long pid() {
        return jvmPid;
    }

    String javaVersion() {
        return javaVersion;
    }

    List<String> extraArgs() {
        return extraArgs;
    }

    Path logFile() {
        return server.logFile();
    }

    /** CPU time the Keycloak JVM has used so far. */
    long cpuNanos() {
        return Machine.cpuNanos(jvmPid);
    }

    /** Starts a JFR recording in the Keycloak JVM ({@code jcmd JFR.start}, settings=profile). */
    void jfrStart(String name, Path file) {
        jcmd("JFR.start", "name=" + name, "settings=profile", "filename=" + file.toAbsolutePath());
    }

    /** Starts a JFR recording with a settings file of our own. */
    void jfrStart(String name, Path file, Path settingsFile) {
        jcmd("JFR.start", "name=" + name, "settings=" + settingsFile.toAbsolutePath(),
                "filename=" + file.toAbsolutePath());
    }

    /** Stops it; the file is written then. */
    void jfrStop(String name) {
        jcmd("JFR.stop", "name=" + name);
    }

    private void jcmd(String... args) {
        List<String> command = new ArrayList<>();
        Path jcmd = Path.of(javaCommand).resolveSibling("jcmd");
        command.add(jcmd.toFile().canExecute() ? jcmd.toString() : "jcmd");
        command.add(Long.toString(jvmPid));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(command + " failed: " + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
