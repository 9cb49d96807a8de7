package dev.legacybridge.perf;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Command-line options of {@link BenchmarkMain} (see {@code perf/run-benchmarks.sh --help}).
 *
 * @param benchmarks        which to run: login, migrated, scale, bulk, stack
 * @param repoRoot          the repository (docs/benchmarks.md, stack.sh)
 * @param artifacts         keycloak-dist.zip and providers/ (local-stack/target/stack)
 * @param workDir           scratch space: Keycloak, PostgreSQL data, JFR files, the stack copy
 * @param resultsDir        JSON results for the plots and the Markdown fragments
 * @param command           the command line as the user typed it, for the report
 * @param hashIterations    N: Django pbkdf2_sha256 iterations of the legacy users, pbkdf2-sha256 iterations of the
 *                          native users (realm policy)
 * @param concurrencies     login benchmark concurrency levels
 * @param loginUsers        users of each kind (federated, native)
 * @param loginWarmup       global warm-up per kind before the first concurrency level
 * @param loginMeasure      measured period of each run
 * @param loginRounds       rounds per concurrency level (each round runs both kinds, alternating which goes first)
 * @param scaleRows         rows of the scale table
 * @param bulkUsers         rows of the bulk-migration table
 * @param bulkBatchSize     size of each REST batch of the bulk migration
 * @param importChunk       users per partialImport request; 0 = the fastest size of the probe
 * @param bulkSegments      the two imports alternate in this many segments
 * @param importProbe       partialImport request sizes timed once each after the warm-up
 * @param jfr               record JFR in Keycloak during the bulk imports
 * @param pageUsers         rows the migration-page benchmark bulk-migrates before its last measurement
 * @param stackWarmRuns     warm ./stack.sh starts
 * @param stackColdRuns     cold ./stack.sh starts (fresh copy of the sources, Maven included)
 * @param updateDoc         rewrite the generated sections of docs/benchmarks.md
 * @param keycloakArgs      extra kc.sh start options (e.g. the brute-force SPI option)
 */
record Settings(Set<String> benchmarks, Path repoRoot, Path artifacts, Path workDir, Path resultsDir, String command,
                int hashIterations, List<Integer> concurrencies, int loginUsers, Duration loginWarmup,
                Duration loginMeasure, int loginRounds, int scaleRows, int bulkUsers, int bulkBatchSize,
                int importChunk, int bulkSegments, List<Integer> importProbe, boolean jfr, int stackWarmRuns, int stackColdRuns,
                boolean updateDoc, List<String> keycloakArgs, int pageUsers) {

    static final List<String> ALL = List.of("login", "migrated", "scale", "bulk", "page", "stack");

    static Settings parse(String[] args) {
        Set<String> benchmarks = new LinkedHashSet<>(ALL);
        Path repoRoot = Path.of("").toAbsolutePath();
        Path artifacts = null;
        Path workDir = Path.of("/tmp/perf-work");
        Path resultsDir = null;
        String command = "perf/run-benchmarks.sh";
        int hashIterations = 260_000;
        List<Integer> concurrencies = List.of(1, 4, 16);
        int loginUsers = 64;
        Duration loginWarmup = Duration.ofSeconds(30);
        Duration loginMeasure = Duration.ofSeconds(12);
        int loginRounds = 3;
        int scaleRows = 1_000_000;
        int bulkUsers = 100_000;
        int bulkBatchSize = 500;
        int importChunk = 0;   // auto: the fastest request size of the probe
        int bulkSegments = 4;
        List<Integer> importProbe = List.of(100, 250, 500, 1000, 2000, 5000);
        boolean jfr = true;
        int stackWarmRuns = 5;
        int stackColdRuns = 1;
        boolean updateDoc = true;
        List<String> keycloakArgs = new ArrayList<>();
        int pageUsers = 100_000;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--only" -> {
                    benchmarks = new LinkedHashSet<>();
                    for (String b : args[++i].split(",")) {
                        String name = b.trim().toLowerCase(Locale.ROOT);
                        if (!ALL.contains(name)) {
                            throw new IllegalArgumentException("Unknown benchmark " + name + " (one of " + ALL + ")");
                        }
                        benchmarks.add(name);
                    }
                }
                case "--repo-root" -> repoRoot = Path.of(args[++i]).toAbsolutePath();
                case "--artifacts" -> artifacts = Path.of(args[++i]).toAbsolutePath();
                case "--work-dir" -> workDir = Path.of(args[++i]).toAbsolutePath();
                case "--results-dir" -> resultsDir = Path.of(args[++i]).toAbsolutePath();
                case "--command" -> command = args[++i];
                case "--hash-iterations" -> hashIterations = Integer.parseInt(args[++i]);
                case "--concurrency" -> concurrencies = java.util.Arrays.stream(args[++i].split(","))
                        .map(String::trim).map(Integer::valueOf).toList();
                case "--login-users" -> loginUsers = Integer.parseInt(args[++i]);
                case "--login-warmup" -> loginWarmup = Duration.ofSeconds(Long.parseLong(args[++i]));
                case "--login-seconds" -> loginMeasure = Duration.ofSeconds(Long.parseLong(args[++i]));
                case "--login-rounds" -> loginRounds = Integer.parseInt(args[++i]);
                case "--scale-rows" -> scaleRows = Integer.parseInt(args[++i]);
                case "--bulk-users" -> bulkUsers = Integer.parseInt(args[++i]);
                case "--bulk-batch-size" -> bulkBatchSize = Integer.parseInt(args[++i]);
                case "--import-chunk" -> importChunk = "auto".equals(args[++i]) ? 0 : Integer.parseInt(args[i]);
                case "--bulk-segments" -> bulkSegments = Integer.parseInt(args[++i]);
                case "--import-probe" -> importProbe = args[++i].isBlank() ? List.of() : java.util.Arrays
                        .stream(args[i].split(",")).map(String::trim).map(Integer::valueOf).toList();
                case "--no-jfr" -> jfr = false;
                case "--stack-warm-runs" -> stackWarmRuns = Integer.parseInt(args[++i]);
                case "--stack-cold-runs" -> stackColdRuns = Integer.parseInt(args[++i]);
                case "--no-doc" -> updateDoc = false;
                case "--keycloak-arg" -> keycloakArgs.add(args[++i]);
                case "--page-users" -> pageUsers = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("Unknown option " + a);
            }
        }
        if (artifacts == null) {
            artifacts = repoRoot.resolve("local-stack/target/stack");
        }
        if (resultsDir == null) {
            resultsDir = repoRoot.resolve("perf/target/results");
        }
        return new Settings(benchmarks, repoRoot, artifacts, workDir, resultsDir, command, hashIterations,
                concurrencies, loginUsers, loginWarmup, loginMeasure, loginRounds, scaleRows, bulkUsers, bulkBatchSize,
                importChunk, bulkSegments, importProbe, jfr, stackWarmRuns, stackColdRuns, updateDoc, List.copyOf(keycloakArgs),
                pageUsers);
    }

    boolean runs(String benchmark) {
        return benchmarks.contains(benchmark);
    }

    boolean needsKeycloak() {
        return runs("login") || runs("migrated") || runs("scale") || runs("bulk") || runs("page");
    }
}
