package dev.legacybridge.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A running {@code kc.sh start --optimized} process of a {@link KeycloakDistribution}. Closing it stops the server
 * gracefully (SIGTERM to {@code kc.sh} and its children, SIGKILL after {@link Options#stopTimeout()}); a JVM shutdown
 * hook does the same if the owner never closes it.
 */
public final class KeycloakServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(KeycloakServer.class.getName());

    /** How a start attempt ended. */
    public enum StartResult { READY, PROVIDERS_CHANGED, EXITED }

    /**
     * Runtime options of {@code kc.sh start --optimized}.
     *
     * @param httpHost       bind address of both listeners; loopback by default
     * @param httpPort       HTTP port
     * @param managementPort management port ({@code /health/ready})
     * @param hostname       {@code --hostname} (full URL, fixes the tokens' {@code iss}); {@code null} = derive it
     *                       from each request ({@code --hostname-strict=false})
     * @param adminUsername  bootstrap admin of the master realm, created on the first start only
     * @param adminPassword  its password
     * @param env            extra environment, e.g. the realm import's {@code ${LEGACY_DB_URL}} placeholders
     * @param javaOpts       appended to the server JVM's options ({@code JAVA_OPTS_APPEND})
     * @param extraArgs      further {@code kc.sh start} options; {@code --cache=local} is added unless they hold a
     *                       {@code --cache=...} of their own
     * @param logFile        receives the server's console output (overwritten on each start)
     * @param readyTimeout   how long to wait for {@code /health/ready}
     * @param stopTimeout    SIGTERM grace period before SIGKILL
     */
    public record Options(String httpHost, int httpPort, int managementPort, String hostname, String adminUsername,
                          String adminPassword, Map<String, String> env, List<String> javaOpts, List<String> extraArgs,
                          Path logFile, Duration readyTimeout, Duration stopTimeout) {

        public Options {
            Objects.requireNonNull(httpHost, "httpHost");
            Objects.requireNonNull(logFile, "logFile");
            env = Map.copyOf(env);
            javaOpts = List.copyOf(javaOpts);
            extraArgs = List.copyOf(extraArgs);
        }

        /** Loopback, no fixed hostname, admin/admin, 3 min to ready, 30 s to stop. */
        public static Options of(int httpPort, int managementPort, Path logFile) {
            return new Options("127.0.0.1", httpPort, managementPort, null, "admin", "admin", Map.of(), List.of(),
                    List.of(), logFile, Duration.ofMinutes(3), Duration.ofSeconds(30));
        }

        public Options withHostname(String url) {
            return new Options(httpHost, httpPort, managementPort, url, adminUsername, adminPassword, env, javaOpts,
                    extraArgs, logFile, readyTimeout, stopTimeout);
        }

        public Options withAdmin(String username, String password) {
            return new Options(httpHost, httpPort, managementPort, hostname, username, password, env, javaOpts,
                    extraArgs, logFile, readyTimeout, stopTimeout);
        }

        public Options withEnv(String name, String value) {
            Map<String, String> m = new LinkedHashMap<>(env);
            m.put(name, value);
            return new Options(httpHost, httpPort, managementPort, hostname, adminUsername, adminPassword, m, javaOpts,
                    extraArgs, logFile, readyTimeout, stopTimeout);
        }

        public Options withJavaOpt(String option) {
            List<String> l = new ArrayList<>(javaOpts);
            l.add(option);
            return new Options(httpHost, httpPort, managementPort, hostname, adminUsername, adminPassword, env, l,
                    extraArgs, logFile, readyTimeout, stopTimeout);
        }

        public Options withExtraArgs(String... args) {
            List<String> l = new ArrayList<>(extraArgs);
            l.addAll(List.of(args));
            return new Options(httpHost, httpPort, managementPort, hostname, adminUsername, adminPassword, env,
                    javaOpts, l, logFile, readyTimeout, stopTimeout);
        }

        public Options withReadyTimeout(Duration timeout) {
            return new Options(httpHost, httpPort, managementPort, hostname, adminUsername, adminPassword, env,
                    javaOpts, extraArgs, logFile, timeout, stopTimeout);
        }

        @Override
        public String toString() {
            // never print the admin password
            return "Options[" + httpHost + ":" + httpPort + ", management " + managementPort + ", hostname " + hostname
                    + ", env " + env.keySet() + ", javaOpts " + javaOpts + ", extraArgs " + extraArgs + "]";
        }
    }

    private final Process process;
    private final Options options;
    private final Thread shutdownGuard;
    private volatile boolean closed;

    private KeycloakServer(Process process, Options options) {
        this.process = process;
        this.options = options;
        this.shutdownGuard = KeycloakDistribution.shutdownGuard(process);
    }

    static KeycloakServer launch(Path home, Options o) {
        List<String> command = new ArrayList<>(List.of(
                home.resolve("bin").resolve("kc.sh").toString(), "start", "--optimized",
                "--http-enabled=true",
                "--http-host=" + o.httpHost(),
                "--http-port=" + o.httpPort(),
                "--http-management-port=" + o.managementPort()));
        // A single server keeps its caches local (no JGroups listener on a non-loopback address); a cluster node
        // chooses --cache=ispn in its extra arguments.
        if (o.extraArgs().stream().noneMatch(arg -> arg.startsWith("--cache="))) {
            command.add("--cache=local");
        }
        if (hasRealmImport(home)) {
            command.add("--import-realm");
        }
        if (o.hostname() != null) {
            command.add("--hostname=" + o.hostname());
        } else {
            command.add("--hostname-strict=false");
        }
        command.addAll(o.extraArgs());
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(o.logFile().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(KeycloakDistribution.nullDevice()));
        Map<String, String> env = pb.environment();
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", o.adminUsername());
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", o.adminPassword());
        env.putAll(o.env());
        if (!o.javaOpts().isEmpty()) {
            String existing = env.getOrDefault("JAVA_OPTS_APPEND", "");
            env.put("JAVA_OPTS_APPEND", (existing + " " + String.join(" ", o.javaOpts())).strip());
        }
        try {
            Files.createDirectories(o.logFile().toAbsolutePath().getParent());
            Process p = pb.start();
            LOG.log(System.Logger.Level.INFO, "Started kc.sh [pid {0}] with {1}", p.pid(), o);
            return new KeycloakServer(p, o);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + command, e);
        }
    }

    private static boolean hasRealmImport(Path home) {
        Path dir = home.resolve("data").resolve("import");
        try (var s = Files.newDirectoryStream(dir, "*.json")) {
            return s.iterator().hasNext();
        } catch (IOException e) {
            return false;
        }
    }

    StartResult awaitReady(Duration timeout) {
        URI health = URI.create("http://" + loopbackHost() + ":" + options.managementPort() + "/health/ready");
        Readiness.Outcome outcome;
        try {
            outcome = Readiness.await(health, process, timeout, "Keycloak", options.logFile());
        } catch (IllegalStateException timeoutOrInterrupt) {
            close();
            throw timeoutOrInterrupt;
        }
        if (outcome == Readiness.Outcome.READY) {
            return StartResult.READY;
        }
        int exit = waitForExit();
        KeycloakDistribution.removeShutdownGuard(shutdownGuard);
        closed = true;
        return KeycloakDistribution.isProviderChangedExit(exit, options.logFile())
                ? StartResult.PROVIDERS_CHANGED : StartResult.EXITED;
    }

    private int waitForExit() {
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private String loopbackHost() {
        return "0.0.0.0".equals(options.httpHost()) ? "127.0.0.1" : options.httpHost();
    }

    /** {@code http://127.0.0.1:<port>}, or the configured {@code --hostname}. No trailing slash. */
    public String baseUrl() {
        String url = options.hostname() != null ? options.hostname() : "http://" + loopbackHost() + ":" + options.httpPort();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** {@code http://127.0.0.1:<management port>}. */
    public String managementUrl() {
        return "http://" + loopbackHost() + ":" + options.managementPort();
    }

    public int httpPort() {
        return options.httpPort();
    }

    public int managementPort() {
        return options.managementPort();
    }

    public Path logFile() {
        return options.logFile();
    }

    /** PID of {@code kc.sh} (also the server's PID when the script {@code exec}ed the JVM). */
    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Stops the server and its process tree; idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        boolean graceful = ProcessTree.terminate(process.toHandle(), options.stopTimeout());
        LOG.log(System.Logger.Level.INFO, "Keycloak [pid {0}] stopped{1}", process.pid(), graceful ? "" : " (killed)");
        KeycloakDistribution.removeShutdownGuard(shutdownGuard);
    }
}
