package dev.legacybridge.perf;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Benchmark 1: password-grant throughput and latency of a federated legacy user (READ_ONLY component, Django
 * {@code pbkdf2_sha256} at N iterations, embedded PostgreSQL) against a native Keycloak user (pbkdf2-sha256 at the same
 * N by realm policy), in the same realm of the same Keycloak, at each concurrency level.
 *
 * <p>Procedure: a global warm-up of both kinds (JIT, caches); then, per concurrency level, {@code rounds} rounds, each
 * running both kinds one after the other ({@code fed, native} in odd rounds, {@code native, fed} in even ones), each
 * run with a 3 s ramp and the measured period. Per kind and level the runs are pooled: completions over time,
 * merged latency histograms, Keycloak CPU time per login.
 */
final class LoginBenchmark {

    static final double GOAL = 0.95;
    private static final Duration RAMP = Duration.ofSeconds(3);

    private LoginBenchmark() {
    }

    /** Pooled result of one kind at one concurrency. */
    record Pooled(String kind, int concurrency, long ok, long errors, double seconds, Histogram histogram,
                  long cpuNanos, Map<String, Long> errorKinds) {

        double throughput() {
            return ok / seconds;
        }

        double p(double percentile) {
            return histogram.getValueAtPercentile(percentile) / 1000.0;
        }

        double cpuMillisPerLogin() {
            return cpuNanos < 0 || ok == 0 ? Double.NaN : cpuNanos / 1e6 / ok;
        }
    }

    static void run(Context ctx) {
        String loadBefore = Machine.loadAverage();
        String startedAt = Machine.now();
        Settings s = ctx.settings;
        LoginFixture fx = LoginFixture.get(ctx);
        LoginFixture low = LoginFixture.lowCost(ctx);
        BenchKeycloak kc = ctx.keycloak();
        LoginLoad load = new LoginLoad(kc.baseUrl(), fx.realm, AdminApi.BENCH_CLIENT);

        warmUp(ctx, fx, s.loginWarmup());
        List<Map<String, Object>> rounds = new ArrayList<>();
        List<Pooled> pooled = measure(ctx, fx, s.concurrencies(), s.loginRounds(), rounds);
        String profile = s.jfr() ? profile(ctx, fx) : "";

        // the same comparison with a negligible hash cost: what a login costs besides hashing
        warmUp(ctx, low, Duration.ofSeconds(Math.min(10, s.loginWarmup().toSeconds())));
        List<Map<String, Object>> lowRounds = new ArrayList<>();
        List<Integer> lowLevels = s.concurrencies().stream().filter(c -> c > 1).toList();
        List<Pooled> lowPooled = measure(ctx, low, lowLevels.isEmpty() ? s.concurrencies() : lowLevels,
                Math.max(1, Math.min(2, s.loginRounds())), lowRounds);
        if (s.jfr()) {
            profile += profile(ctx, low);
        }
        write(ctx, fx, pooled, rounds, low, lowPooled, loadBefore, startedAt, profile);
    }

    private static void warmUp(Context ctx, LoginFixture fx, Duration duration) {
        BenchKeycloak kc = ctx.keycloak();
        LoginLoad load = new LoginLoad(kc.baseUrl(), fx.realm, AdminApi.BENCH_CLIENT);
        int c = Math.min(4, fx.federated.size());
        Log.say("login (%s): warm-up %d s per kind at concurrency %d", fx.realm, duration.toSeconds(), c);
        requireNoErrors(load.run("warmup-fed", fx.federated, c, duration, Duration.ofSeconds(1), kc::cpuNanos));
        requireNoErrors(load.run("warmup-native", fx.natives, c, duration, Duration.ofSeconds(1), kc::cpuNanos));
    }

    /** Per concurrency level: rounds of both kinds, alternating which goes first; pooled per kind and level. */
    private static List<Pooled> measure(Context ctx, LoginFixture fx, List<Integer> levels, int roundCount,
                                        List<Map<String, Object>> rounds) {
        Settings s = ctx.settings;
        BenchKeycloak kc = ctx.keycloak();
        LoginLoad load = new LoginLoad(kc.baseUrl(), fx.realm, AdminApi.BENCH_CLIENT);
        List<Pooled> pooled = new ArrayList<>();
        for (int c : levels) {
            List<LoginLoad.Result> fed = new ArrayList<>();
            List<LoginLoad.Result> nat = new ArrayList<>();
            for (int r = 1; r <= roundCount; r++) {
                boolean fedFirst = r % 2 == 1;
                for (int k = 0; k < 2; k++) {
                    boolean isFed = (k == 0) == fedFirst;
                    String label = (isFed ? "federated" : "native") + "-N" + fx.iterations + "-c" + c + "-r" + r;
                    LoginLoad.Result result = load.run(label, isFed ? fx.federated : fx.natives, c, RAMP,
                            s.loginMeasure(), kc::cpuNanos);
                    Log.say("login %-28s %7.1f logins/s  p50 %7.1f ms  p99 %7.1f ms  KC CPU %.1f ms/login  errors %d  load %s",
                            label, result.throughput(), result.percentileMillis(50), result.percentileMillis(99),
                            result.serverCpuMillisPerLogin(), result.errors(), Machine.loadAverage());
                    (isFed ? fed : nat).add(result);
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("iterations", fx.iterations);
                    row.put("kind", isFed ? "federated" : "native");
                    row.put("concurrency", c);
                    row.put("round", r);
                    row.put("throughput", result.throughput());
                    row.put("p50", result.percentileMillis(50));
                    row.put("p99", result.percentileMillis(99));
                    row.put("cpuMsPerLogin", result.serverCpuMillisPerLogin());
                    row.put("errors", result.errors());
                    rounds.add(row);
                }
            }
            pooled.add(pool("federated", c, fed));
            pooled.add(pool("native", c, nat));
        }
        return pooled;
    }

    /** Where a login's CPU goes, per kind: a separate JFR-recorded run at concurrency 4 (not part of the table). */
    private static String profile(Context ctx, LoginFixture fx) {
        BenchKeycloak kc = ctx.keycloak();
        LoginLoad load = new LoginLoad(kc.baseUrl(), fx.realm, AdminApi.BENCH_CLIENT);
        Map<String, java.util.List<String>> buckets = new LinkedHashMap<>();
        buckets.put("legacy hash verification (`dev.legacybridge.hash`)", List.of("dev.legacybridge.hash."));
        buckets.put("Keycloak password hashing (`org.keycloak.credential.hash`)",
                List.of("org.keycloak.credential.hash."));
        buckets.put("legacy database (PostgreSQL JDBC, Agroal)", List.of("org.postgresql.", "io.agroal."));
        buckets.put("Keycloak federated storage of the legacy user (`org.keycloak.storage.jpa`)",
                List.of("org.keycloak.storage.jpa."));
        buckets.put("token signing and encoding (`org.keycloak.jose`, `org.keycloak.crypto`)",
                List.of("org.keycloak.jose.", "org.keycloak.crypto."));
        buckets.put("Keycloak's database (Hibernate, H2)", List.of("org.hibernate.", "org.h2."));
        StringBuilder md = new StringBuilder();
        try {
            java.nio.file.Path dir = ctx.settings.workDir().resolve("jfr");
            java.nio.file.Files.createDirectories(dir);
            for (boolean fed : new boolean[] {true, false}) {
                String name = (fed ? "login-federated-N" : "login-native-N") + fx.iterations;
                java.nio.file.Path file = dir.resolve(name + ".jfr");
                LoginLoad.Result warm = load.run(name + "-settle", fed ? fx.federated : fx.natives, 4,
                        Duration.ofSeconds(2), Duration.ofSeconds(1), kc::cpuNanos);
                kc.jfrStart(name, file);
                LoginLoad.Result r = load.run(name + "-jfr", fed ? fx.federated : fx.natives, 4, Duration.ZERO,
                        ctx.settings.loginMeasure(), kc::cpuNanos);
                kc.jfrStop(name);
                JfrHotspots.Report report = JfrHotspots.analyze(List.of(file),
                        "org.keycloak.protocol.oidc.endpoints.TokenEndpoint.processGrantRequest", buckets);
                md.append("\n<details><summary>JFR of ").append(fed ? "federated" : "native").append(" logins at N = ")
                        .append(String.format(java.util.Locale.ROOT, "%,d", fx.iterations)).append(" (")
                        .append(r.ok()).append(" logins at concurrency 4, recorded separately from the table)</summary>\n\n")
                        .append(report.markdown(24)).append("\n</details>\n");
                if (warm.errors() > 0) {
                    md.append("\n(errors while profiling: ").append(warm.errorKinds()).append(")\n");
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return md.toString();
    }

    private static void requireNoErrors(LoginLoad.Result r) {
        if (r.errors() > 0 || r.ok() == 0) {
            throw new IllegalStateException(r.label() + " had errors: " + r.errorKinds());
        }
    }

    private static Pooled pool(String kind, int c, List<LoginLoad.Result> results) {
        Histogram h = new Histogram(Duration.ofMinutes(10).toNanos() / 1000, 3);
        long ok = 0;
        long errors = 0;
        double seconds = 0;
        long cpu = 0;
        Map<String, Long> errorKinds = new LinkedHashMap<>();
        for (LoginLoad.Result r : results) {
            h.add(r.latencyMicros());
            ok += r.ok();
            errors += r.errors();
            seconds += r.seconds();
            cpu = cpu < 0 || r.serverCpuNanos() < 0 ? -1 : cpu + r.serverCpuNanos();
            r.errorKinds().forEach((k, v) -> errorKinds.merge(k, v, Long::sum));
        }
        return new Pooled(kind, c, ok, errors, seconds, h, cpu, errorKinds);
    }

    private static void write(Context ctx, LoginFixture fx, List<Pooled> pooled, List<Map<String, Object>> rounds,
                              LoginFixture low, List<Pooled> lowPooled, String loadBefore, String startedAt,
                              String profile) {
        Settings s = ctx.settings;
        List<Map<String, Object>> json = new ArrayList<>();
        StringBuilder errors = new StringBuilder();
        Markdown table = table(pooled, json, errors);
        List<Map<String, Object>> lowJson = new ArrayList<>();
        Markdown lowTable = table(lowPooled, lowJson, errors);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("hashIterations", s.hashIterations());
        out.put("pooled", json);
        out.put("lowCostIterations", low.iterations);
        out.put("lowCostPooled", lowJson);
        out.put("runs", rounds);
        ctx.json("login", out);

        StringBuilder md = new StringBuilder();
        md.append(ctx.header(loadBefore, startedAt));
        md.append("- N = ").append(String.format(java.util.Locale.ROOT, "%,d", s.hashIterations()))
                .append(" iterations on both sides. Federated: Django `pbkdf2_sha256$").append(s.hashIterations())
                .append("$...` in `auth_user` (READ_ONLY component, Django preset, default pool). Native: realm policy `")
                .append(fx.policy).append("`; stored credential `").append(fx.nativeCredentialData).append("`\n");
        md.append("- ").append(fx.federated.size()).append(" users of each kind, dealt round-robin to the threads (no two")
                .append(" concurrent logins of one user); brute-force detection on; all in group `readers`; public client,")
                .append(" `grant_type=password`, no scope\n");
        md.append("- Global warm-up ").append(s.loginWarmup().toSeconds()).append(" s per kind; then per concurrency ")
                .append(s.loginRounds()).append(" rounds × 2 kinds (alternating order) × (3 s ramp + ")
                .append(s.loginMeasure().toSeconds()).append(" s measured), pooled. Keycloak CPU = user + system time of")
                .append(" the Keycloak JVM during the measured periods ÷ logins\n\n");
        md.append(table);
        if (errors.length() > 0) {
            md.append("\nFailed logins:\n\n").append(errors);
        }
        md.append("\nThe same comparison with a negligible hash cost (N = ").append(String.format(java.util.Locale.ROOT,
                "%,d", low.iterations)).append(" on both sides, realm `").append(low.realm).append("`, ")
                .append(Math.max(1, Math.min(2, s.loginRounds()))).append(" rounds), i.e. what a login costs"
                        + " besides hashing:\n\n").append(lowTable);
        md.append("\n![Login throughput](images/bench-login-throughput.png)\n")
                .append("![Login latency](images/bench-login-latency.png)\n");
        md.append(profile);
        ctx.section("login", md.toString());
    }

    private static Markdown table(List<Pooled> pooled, List<Map<String, Object>> json, StringBuilder errors) {
        Markdown table = new Markdown("concurrency", ">federated logins/s", ">native logins/s",
                ">federated ÷ native", "goal ≥ 0.95", ">federated p50 / p99 (ms)", ">native p50 / p99 (ms)",
                ">Keycloak CPU ms/login fed / native", ">logins fed / native");
        for (int i = 0; i < pooled.size(); i += 2) {
            Pooled f = pooled.get(i);
            Pooled n = pooled.get(i + 1);
            double ratio = f.throughput() / n.throughput();
            table.row(f.concurrency(), Markdown.num(f.throughput(), 1), Markdown.num(n.throughput(), 1),
                    "**" + Markdown.num(ratio, 3) + "**", ratio < GOAL ? "**missed**"
                            : f.errors() + n.errors() > 0 ? "**not met: failed logins**" : "met",
                    Markdown.ms(f.p(50)) + " / " + Markdown.ms(f.p(99)), Markdown.ms(n.p(50)) + " / " + Markdown.ms(n.p(99)),
                    Markdown.num(f.cpuMillisPerLogin(), 1) + " / " + Markdown.num(n.cpuMillisPerLogin(), 1),
                    f.ok() + " / " + n.ok());
            for (Pooled p : List.of(f, n)) {
                if (p.errors() > 0) {
                    errors.append("- ").append(p.kind()).append(" at concurrency ").append(p.concurrency()).append(": ")
                            .append(p.errors()).append(" failed logins ").append(p.errorKinds()).append('\n');
                }
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("kind", p.kind());
                m.put("concurrency", p.concurrency());
                m.put("throughput", p.throughput());
                m.put("ok", p.ok());
                m.put("errors", p.errors());
                m.put("p50", p.p(50));
                m.put("p90", p.p(90));
                m.put("p99", p.p(99));
                m.put("max", p.histogram().getMaxValue() / 1000.0);
                m.put("cpuMsPerLogin", p.cpuMillisPerLogin());
                List<double[]> curve = new ArrayList<>();
                for (double q : new double[] {0, 10, 25, 50, 75, 90, 95, 99, 99.5, 99.9, 100}) {
                    curve.add(new double[] {q, p.p(q)});
                }
                m.put("percentiles", curve);
                json.add(m);
            }
        }
        return table;
    }
}
