package dev.legacybridge.perf;

import java.nio.file.Path;

/**
 * Entry point of {@code perf/run-benchmarks.sh}: runs the selected benchmarks in one process (one embedded PostgreSQL,
 * one Keycloak), writes JSON results and Markdown sections to the results directory, and updates the generated
 * sections of {@code docs/benchmarks.md}. The script draws the plots from the JSON afterwards.
 */
public final class BenchmarkMain {

    private BenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        Settings settings;
        try {
            settings = Settings.parse(args);
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            System.err.println("perf: " + (e instanceof ArrayIndexOutOfBoundsException ? "missing value" : e.getMessage())
                    + " (see perf/run-benchmarks.sh --help)");
            System.exit(64);
            return;
        }
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        Log.say("benchmarks %s, work dir %s, load %s", settings.benchmarks(), settings.workDir(), Machine.loadAverage());
        int exit = 0;
        try (Context ctx = new Context(settings)) {
            Runtime.getRuntime().addShutdownHook(new Thread(ctx::close, "perf-cleanup"));
            if (settings.runs("login")) {
                LoginBenchmark.run(ctx);
            }
            if (settings.runs("migrated")) {
                MigratedLoginBenchmark.run(ctx);
            }
            if (settings.runs("scale")) {
                ScaleBenchmark.run(ctx);
            }
            if (settings.runs("bulk")) {
                BulkMigrationBenchmark.run(ctx);
            }
            if (settings.runs("page")) {
                MigrationPageBenchmark.run(ctx);
            }
            // the stack uses the whole machine: our own Keycloak and PostgreSQL must be gone first
            ctx.close();
            if (settings.runs("stack")) {
                StackStartupBenchmark.run(ctx);
            }
        } catch (Exception | Error e) {
            Log.say("FAILED: %s", e);
            e.printStackTrace();
            exit = 1;
        }
        if (settings.updateDoc()) {
            Path doc = settings.repoRoot().resolve("docs/benchmarks.md");
            // written even after a failure: the sections that finished are valid
            var sections = new java.util.LinkedHashMap<String, String>();
            for (String name : Settings.ALL) {
                Path md = settings.resultsDir().resolve(name + ".md");
                if (java.nio.file.Files.exists(md) && settings.runs(name)) {
                    sections.put(name, java.nio.file.Files.readString(md));
                }
            }
            DocUpdater.update(doc, sections);
            Log.say("updated %s (%s)", doc, sections.keySet());
        }
        System.exit(exit);
    }
}
