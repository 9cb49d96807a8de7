package dev.legacybridge.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./stack.sh}: the legacy SQLite database, Keycloak with the provider and the demo realm, and demo-api, all on
 * localhost, until Ctrl-C.
 *
 * <p>State lives in {@code <repo>/.stack/} (git-ignored, untouched by {@code mvn clean}): the unpacked and built
 * Keycloak with its H2 database, the SQLite file and the logs. A second start reuses all of it.
 *
 * <pre>
 * java -jar local-stack/target/local-stack-exec.jar [--repo-root DIR] [--artifacts DIR] [--reset]
 *     [--state-dir DIR] [--keycloak-port N] [--management-port N] [--api-port N]
 *     [--keycloak-access-log] [--api-env NAME=VALUE]... [--api-jvm-opt OPTION]...
 * </pre>
 * {@code --artifacts} defaults to {@code stack/} next to the jar (what Maven assembles there); {@code --reset} deletes
 * Keycloak's database and the SQLite file first, so the realm is imported and the seed loaded again.
 *
 * <p>For benchmarks and other side-by-side runs: {@code --state-dir} (default {@code <repo>/.stack}) keeps a second
 * stack's Keycloak, database and logs apart; the port options move the three listeners (Keycloak's {@code --hostname},
 * and so the tokens' {@code iss}, follow the Keycloak port); {@code --keycloak-access-log} adds
 * {@code --http-access-log-enabled=true} (one line per request in {@code logs/keycloak.log}, category
 * {@code org.keycloak.http.access-log}); {@code --api-env} passes an environment variable to demo-api, e.g.
 * {@code DEMOAPI_BENCHMARKTWIN_ENABLED=true}; {@code --api-jvm-opt} adds a JVM option after demo-api's defaults (which
 * favour start time: {@code -XX:TieredStopAtLevel=1}), e.g. {@code -XX:TieredStopAtLevel=4} for a benchmark.
 */
public final class LocalStack {

    static final int KEYCLOAK_PORT = 8080;
    static final int MANAGEMENT_PORT = 9000;
    static final int API_PORT = 8081;
    static final String KEYCLOAK_URL = "http://localhost:" + KEYCLOAK_PORT;
    static final String ISSUER = KEYCLOAK_URL + "/realms/" + DemoRealm.REALM;
    static final String ACCESS_LOG_OPTION = "--http-access-log-enabled=true";

    /**
     * The command-line options; {@code ./stack.sh} passes none of them, so it runs with the constants above.
     *
     * @param stateDir {@code null} = {@code <repo>/.stack}
     */
    record Settings(Path stateDir, int keycloakPort, int managementPort, int apiPort, boolean keycloakAccessLog,
                    Map<String, String> apiEnv, List<String> apiJvmOptions) {

        String keycloakUrl() {
            return "http://localhost:" + keycloakPort;
        }

        String issuer() {
            return keycloakUrl() + "/realms/" + DemoRealm.REALM;
        }
    }

    private final Path repoRoot;
    private final Path artifacts;
    private final boolean reset;
    private final Settings settings;
    private final long startedAt = System.nanoTime();

    private LocalStack(Path repoRoot, Path artifacts, boolean reset, Settings settings) {
        this.repoRoot = repoRoot;
        this.artifacts = artifacts;
        this.reset = reset;
        this.settings = settings;
    }

    public static void main(String[] args) throws Exception {
        Path repoRoot = Path.of("").toAbsolutePath();
        Path artifacts = null;
        boolean reset = false;
        Path stateDir = null;
        int keycloakPort = KEYCLOAK_PORT;
        int managementPort = MANAGEMENT_PORT;
        int apiPort = API_PORT;
        boolean accessLog = false;
        Map<String, String> apiEnv = new LinkedHashMap<>();
        List<String> apiJvmOptions = new ArrayList<>();
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--repo-root" -> repoRoot = Path.of(args[++i]).toAbsolutePath();
                    case "--artifacts" -> artifacts = Path.of(args[++i]).toAbsolutePath();
                    case "--reset" -> reset = true;
                    case "--state-dir" -> stateDir = Path.of(args[++i]).toAbsolutePath();
                    case "--keycloak-port" -> keycloakPort = Integer.parseInt(args[++i]);
                    case "--management-port" -> managementPort = Integer.parseInt(args[++i]);
                    case "--api-port" -> apiPort = Integer.parseInt(args[++i]);
                    case "--keycloak-access-log" -> accessLog = true;
                    case "--api-env" -> {
                        String pair = args[++i];
                        int eq = pair.indexOf('=');
                        if (eq <= 0) {
                            throw new IllegalArgumentException("--api-env needs NAME=VALUE, not " + pair);
                        }
                        apiEnv.put(pair.substring(0, eq), pair.substring(eq + 1));
                    }
                    case "--api-jvm-opt" -> apiJvmOptions.add(args[++i]);
                    default -> throw new IllegalArgumentException("Unknown argument " + args[i]);
                }
            }
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            System.err.println((e instanceof ArrayIndexOutOfBoundsException ? "Missing value" : e.getMessage())
                    + "\nUsage: java -jar local-stack-exec.jar [--repo-root DIR] [--artifacts DIR] [--reset]"
                    + " [--state-dir DIR] [--keycloak-port N] [--management-port N] [--api-port N]"
                    + " [--keycloak-access-log] [--api-env NAME=VALUE]... [--api-jvm-opt OPTION]...");
            System.exit(64);
        }
        if (artifacts == null) {
            artifacts = defaultArtifacts();
        }
        // The console shows the stack's own progress lines; library INFO logging would drown them.
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        Settings settings = new Settings(stateDir, keycloakPort, managementPort, apiPort, accessLog, Map.copyOf(apiEnv),
                List.copyOf(apiJvmOptions));
        System.exit(new LocalStack(repoRoot, artifacts, reset, settings).run());
    }

    private static Path defaultArtifacts() throws URISyntaxException {
        Path jar = Path.of(LocalStack.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return jar.getParent().resolve("stack");
    }

    private int run() throws InterruptedException {
        Path state = settings.stateDir() != null ? settings.stateDir() : repoRoot.resolve(".stack");
        Path logs = state.resolve("logs");
        Path sqliteFile = state.resolve("legacy").resolve("db.sqlite3");
        Path distZip = artifacts.resolve("keycloak-dist.zip");
        Path providers = artifacts.resolve("providers");
        Path apiJar = artifacts.resolve("demo-api.jar");
        for (Path required : List.of(distZip, providers, apiJar)) {
            if (!Files.exists(required)) {
                System.err.println("Missing " + required + ": build first (./stack.sh does)");
                return 2;
            }
        }
        List<String> busy = new ArrayList<>();
        for (int port : new int[] {settings.keycloakPort(), settings.managementPort(), settings.apiPort()}) {
            if (!FreePorts.isFree(port)) {
                busy.add(Integer.toString(port));
            }
        }
        if (!busy.isEmpty()) {
            System.err.println("Port(s) " + String.join(", ", busy) + " on 127.0.0.1 already in use"
                    + " (another stack still running?). Stop that first.");
            return 3;
        }
        try {
            Files.createDirectories(logs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }

        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch stopped = new CountDownLatch(1);
        List<AutoCloseable> running = new ArrayList<>();
        Thread hook = new Thread(() -> {
            System.out.println("\nStopping the stack ...");
            stopAll(running);
            System.out.println("Stopped.");
            stopped.countDown();
        }, "stack-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);

        try {
            CompletableFuture<Void> seed = CompletableFuture.runAsync(() -> {
                if (reset) {
                    deleteQuietly(sqliteFile);
                }
                if (LegacySqlite.createIfMissing(sqliteFile)) {
                    say("Seeded the legacy SQLite database " + repoRoot.relativize(sqliteFile));
                }
            }, pool);
            CompletableFuture<KeycloakServer> keycloak = CompletableFuture.supplyAsync(
                    () -> startKeycloak(distZip, providers, state, logs, sqliteFile, seed), pool);
            DemoApiProcess api = DemoApiProcess.start(apiJar, settings.apiPort(), settings.issuer(),
                    logs.resolve("demo-api.log"), settings.apiEnv(), settings.apiJvmOptions());
            synchronized (running) {
                running.add(api);
            }
            api.awaitReady(Duration.ofMinutes(2));
            say("demo-api ready (log " + repoRoot.relativize(api.logFile()) + ")");
            KeycloakServer kc = keycloak.join();
            synchronized (running) {
                running.add(kc);
            }
            printBanner(kc, api);
            // Runs until Ctrl-C (the hook stops everything) or until a child dies.
            while (stopped.getCount() > 0) {
                if (!kc.isAlive()) {
                    System.err.println("Keycloak exited unexpectedly; log " + kc.logFile() + ":\n"
                            + Readiness.tail(kc.logFile(), 30));
                    return 1;
                }
                if (stopped.await(1, TimeUnit.SECONDS)) {
                    break;
                }
            }
            return 0;
        } catch (CompletionException | IllegalStateException | UncheckedIOException e) {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            System.err.println("Stack start failed: " + cause.getMessage());
            return 1;
        } finally {
            pool.shutdownNow();
            if (stopped.getCount() > 0) {
                stopAll(running);
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook runs anyway
                }
            }
        }
    }

    private KeycloakServer startKeycloak(Path distZip, Path providersDir, Path state, Path logs, Path sqliteFile,
                                         CompletableFuture<Void> seed) {
        KeycloakDistribution dist = KeycloakDistribution.unpack(distZip, state.resolve("keycloak"));
        dist.installProviders(KeycloakDistribution.jarsIn(providersDir));
        boolean realmChanged = dist.installRealmImport(DemoRealm.FILE_NAME, DemoRealm.json());
        if (reset) {
            dist.resetData();
        } else if (realmChanged && dist.hasData()) {
            say("NOTE: realm-config/" + DemoRealm.FILE_NAME + " changed, but Keycloak keeps the realm it imported before"
                    + " (import skips existing realms). Run ./stack.sh --reset to import it again.");
        }
        long buildStart = System.nanoTime();
        if (dist.buildIfNeeded(KeycloakDistribution.DEFAULT_BUILD_OPTIONS, Duration.ofMinutes(5))) {
            say(String.format(Locale.ROOT, "kc.sh build took %.1f s (providers or build options changed)",
                    (System.nanoTime() - buildStart) / 1e9));
        }
        KeycloakServer.Options options = KeycloakServer.Options.of(settings.keycloakPort(), settings.managementPort(),
                        logs.resolve("keycloak.log"))
                .withHostname(settings.keycloakUrl())
                .withAdmin("admin", "admin")
                .withEnv(DemoRealm.ENV_LEGACY_DB_URL, LegacySqlite.jdbcUrl(sqliteFile));
        if (settings.keycloakAccessLog()) {
            options = options.withExtraArgs(ACCESS_LOG_OPTION);
        }
        if (!dist.installedProvidersRegister(DemoRealm.USER_STORAGE_FACTORY)) {
            say("WARNING: the provider jar registers no UserStorageProviderFactory yet; the realm's legacy-db component"
                    + " is imported anyway (" + DemoRealm.TOLERATE_MISSING_PROVIDER + ") but does nothing.");
            options = options.withJavaOpt(DemoRealm.TOLERATE_MISSING_PROVIDER);
        }
        seed.join();   // the realm import may validate the component against the database
        long start = System.nanoTime();
        KeycloakServer server = dist.start(options, KeycloakDistribution.DEFAULT_BUILD_OPTIONS);
        say(String.format(Locale.ROOT, "Keycloak ready in %.1f s (log %s)", (System.nanoTime() - start) / 1e9,
                repoRoot.relativize(server.logFile())));
        return server;
    }

    private void printBanner(KeycloakServer kc, DemoApiProcess api) {
        String keycloakUrl = settings.keycloakUrl();
        int apiPort = settings.apiPort();
        String token = keycloakUrl + "/realms/" + DemoRealm.REALM + "/protocol/openid-connect/token";
        System.out.printf(Locale.ROOT, """

                ==== Legacy Bridge stack ready in %.1f s ====
                Admin console : %s/admin/   (user admin, password admin; master realm, local stack only)
                Realm         : %s/admin/master/console/#/%s
                Swagger UI    : http://localhost:%d/swagger-ui.html
                Legacy DB     : %s
                Logs          : %s

                Get a token for a legacy user (johndoe / secret) and call the API:
                  TOKEN=$(curl -s -d grant_type=password -d client_id=demo-cli -d username=johndoe -d password=secret \\
                    -d scope=read:posts %s | sed -E 's/.*"access_token":"([^"]+)".*/\\1/')
                  curl -s -H "Authorization: Bearer $TOKEN" http://localhost:%d/users/me

                Ctrl-C stops everything.
                """, (System.nanoTime() - startedAt) / 1e9, keycloakUrl, keycloakUrl, DemoRealm.REALM, apiPort,
                repoRoot.relativize(kc.logFile().getParent().resolveSibling("legacy").resolve("db.sqlite3")),
                repoRoot.relativize(kc.logFile().getParent()), token, apiPort);
        System.out.flush();
    }

    private static void stopAll(List<AutoCloseable> running) {
        List<AutoCloseable> copy;
        synchronized (running) {
            copy = new ArrayList<>(running);
            running.clear();
        }
        List<Thread> stoppers = new ArrayList<>();
        for (AutoCloseable c : copy) {
            Thread t = new Thread(() -> {
                try {
                    c.close();
                } catch (Exception e) {
                    System.err.println("Stop failed: " + e);
                }
            });
            t.start();
            stoppers.add(t);
        }
        for (Thread t : stoppers) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void say(String message) {
        System.out.printf(Locale.ROOT, "[%5.1f s] %s%n", (System.nanoTime() - startedAt) / 1e9, message);
        System.out.flush();
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
