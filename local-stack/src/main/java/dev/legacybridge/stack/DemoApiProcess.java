package dev.legacybridge.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * demo-api (the Spring Boot resource server) as a child process: {@code java -jar demo-api.jar}, configured through
 * the environment, ready when {@code /actuator/health/readiness} returns 200. It does not need Keycloak to start:
 * the JWKS is discovered from the issuer on the first token.
 */
public final class DemoApiProcess implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(DemoApiProcess.class.getName());

    private final Process process;
    private final int port;
    private final Path logFile;
    private final Thread shutdownGuard;
    private volatile boolean closed;

    private DemoApiProcess(Process process, int port, Path logFile) {
        this.process = process;
        this.port = port;
        this.logFile = logFile;
        this.shutdownGuard = KeycloakDistribution.shutdownGuard(process);
    }

    /**
     * Starts {@code jar} with the JVM running this code.
     *
     * @param issuerUri must equal the {@code iss} claim of the tokens, e.g. {@code http://localhost:8080/realms/demo}
     * @param extraEnv  further Spring settings as environment variables
     */
    public static DemoApiProcess start(Path jar, int port, String issuerUri, Path logFile, Map<String, String> extraEnv) {
        return start(jar, port, issuerUri, logFile, extraEnv, List.of());
    }

    /**
     * Like {@link #start(Path, int, String, Path, Map)}, with JVM options placed after the defaults, so that they win
     * over them: e.g. {@code -XX:TieredStopAtLevel=4} gives back the C2 compiler for a throughput benchmark.
     */
    public static DemoApiProcess start(Path jar, int port, String issuerUri, Path logFile, Map<String, String> extraEnv,
                                       List<String> jvmOptions) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("demo-api jar not found: " + jar + " (build it with mvn package)");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-XX:TieredStopAtLevel=1");   // faster start; a demo needs no C2-compiled peak
        command.add("-Xss512k");
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(KeycloakDistribution.nullDevice()));
        Map<String, String> env = pb.environment();
        env.put("SERVER_PORT", Integer.toString(port));
        env.put("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUERURI", issuerUri);
        env.put("MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED", "true");
        env.putAll(extraEnv);
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            Process p = pb.start();
            LOG.log(System.Logger.Level.INFO, "Started demo-api [pid {0}] on port {1}", p.pid(), port);
            return new DemoApiProcess(p, port, logFile);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + command, e);
        }
    }

    /** Waits for {@code /actuator/health/readiness}; stops the process and throws if it exits or times out. */
    public DemoApiProcess awaitReady(Duration timeout) {
        URI url = URI.create(baseUrl() + "/actuator/health/readiness");
        Readiness.Outcome outcome;
        try {
            outcome = Readiness.await(url, process, timeout, "demo-api", logFile);
        } catch (IllegalStateException e) {
            close();
            throw e;
        }
        if (outcome != Readiness.Outcome.READY) {
            close();
            throw new IllegalStateException("demo-api exited with status " + process.exitValue() + "; log " + logFile
                    + ":\n" + Readiness.tail(logFile, 40));
        }
        return this;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public Path logFile() {
        return logFile;
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        ProcessTree.terminate(process.toHandle(), Duration.ofSeconds(20));
        LOG.log(System.Logger.Level.INFO, "demo-api [pid {0}] stopped", process.pid());
        KeycloakDistribution.removeShutdownGuard(shutdownGuard);
    }
}
