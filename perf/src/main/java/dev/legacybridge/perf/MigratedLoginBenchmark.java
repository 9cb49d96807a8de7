package dev.legacybridge.perf;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Benchmark 2: statements the legacy database receives per login, counted on the PostgreSQL side with
 * {@code pg_stat_statements} (role {@code legacy}, database {@code legacy_login}; the benchmark's own queries run as
 * another role in another database):
 * <ol>
 *   <li>first logins in realm {@code bench-migrate} (MIGRATE component over the same table): each user is verified
 *       against the legacy hash and created in Keycloak;</li>
 *   <li>later logins of those migrated users (goal: 0 statements);</li>
 *   <li>control: logins of the same kind of users through the READ_ONLY component of {@code bench-login}.</li>
 * </ol>
 */
final class MigratedLoginBenchmark {

    static final String REALM = "bench-migrate";
    private static final int CONCURRENCY = 4;

    private MigratedLoginBenchmark() {
    }

    static void run(Context ctx) throws java.io.IOException {
        String loadBefore = Machine.loadAverage();
        String startedAt = Machine.now();
        Settings s = ctx.settings;
        LoginFixture fx = LoginFixture.get(ctx);
        LegacyPostgres pg = ctx.postgres();
        BenchKeycloak kc = ctx.keycloak();
        AdminApi admin = kc.admin();

        admin.createRealm(REALM, Map.of("passwordPolicy", LoginFixture.policy(s.hashIterations())));
        admin.createLegacyComponent(REALM, "legacy-pg-migrate",
                LoginFixture.componentConfig(pg, LoginFixture.DATABASE, "MIGRATE"));
        LoginLoad migrateLoad = new LoginLoad(kc.baseUrl(), REALM, AdminApi.BENCH_CLIENT);
        List<LegacyUsers.Account> accounts = fx.federated;

        // 1. first logins: migration
        java.nio.file.Path jfc = s.workDir().resolve("socket-writes.jfc");
        java.nio.file.Path firstJfr = s.workDir().resolve("jfr").resolve("first-logins-socket-writes.jfr");
        java.nio.file.Path controlJfr = s.workDir().resolve("jfr").resolve("federated-logins-socket-writes.jfr");
        if (s.jfr()) {
            Context.write(jfc, JfrHotspots.SOCKET_WRITES_JFC);
            java.nio.file.Files.createDirectories(firstJfr.getParent());
            kc.jfrStart("first-logins", firstJfr, jfc);
        }
        pg.resetStatementStats();
        int firstOk = 0;
        List<String> firstFailures = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (LegacyUsers.Account a : accounts) {
                futures.add(pool.submit(() -> migrateLoad.login(a)));
            }
            for (int i = 0; i < futures.size(); i++) {
                String failure = futures.get(i).get();
                if (failure == null) {
                    firstOk++;
                } else {
                    firstFailures.add(accounts.get(i).username() + ": " + failure);
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
        }
        List<LegacyPostgres.StatementCount> firstStatements = pg.statementCounts(LoginFixture.DATABASE);
        if (s.jfr()) {
            kc.jfrStop("first-logins");
        }
        if (!firstFailures.isEmpty()) {
            throw new IllegalStateException("First (migrating) logins failed: " + firstFailures);
        }
        // they are local users now
        JsonNode user = admin.get("/" + REALM + "/users?username=" + accounts.get(0).username() + "&exact=true").get(0);
        String id = user.path("id").asText();
        if (id.startsWith("f:") || user.hasNonNull("federationLink")) {
            throw new IllegalStateException("Not migrated: " + user);
        }
        Log.say("migrated: %d users migrated on first login, %d legacy statements", firstOk, total(firstStatements));

        // 2. later logins of migrated users
        Duration measure = s.loginMeasure().multipliedBy(2);
        migrateLoad.run("migrated-warmup", accounts, CONCURRENCY, Duration.ofSeconds(3), Duration.ofSeconds(1),
                kc::cpuNanos);
        pg.resetStatementStats();
        LoginLoad.Result migrated = migrateLoad.run("migrated", accounts, CONCURRENCY, Duration.ZERO, measure,
                kc::cpuNanos);
        List<LegacyPostgres.StatementCount> migratedStatements = pg.statementCounts(LoginFixture.DATABASE);
        long migratedTotal = total(migratedStatements);
        Log.say("migrated: %d logins of migrated users, %d legacy statements", migrated.ok(), migratedTotal);

        // 3. control: federated (READ_ONLY) logins of the same kind of users
        LoginLoad fedLoad = new LoginLoad(kc.baseUrl(), LoginFixture.REALM, AdminApi.BENCH_CLIENT);
        fedLoad.run("federated-warmup", fx.federated, CONCURRENCY, Duration.ofSeconds(3), Duration.ofSeconds(1),
                kc::cpuNanos);
        if (s.jfr()) {
            kc.jfrStart("federated-logins", controlJfr, jfc);
        }
        pg.resetStatementStats();
        LoginLoad.Result federated = fedLoad.run("federated", fx.federated, CONCURRENCY, Duration.ZERO, measure,
                kc::cpuNanos);
        List<LegacyPostgres.StatementCount> fedStatements = pg.statementCounts(LoginFixture.DATABASE);
        if (s.jfr()) {
            kc.jfrStop("federated-logins");
        }
        Log.say("migrated: control, %d federated logins, %d legacy statements", federated.ok(), total(fedStatements));

        // a native run for a throughput comparison taken at the same time
        LoginLoad nativeLoad = new LoginLoad(kc.baseUrl(), LoginFixture.REALM, AdminApi.BENCH_CLIENT);
        LoginLoad.Result natives = nativeLoad.run("native", fx.natives, CONCURRENCY, Duration.ofSeconds(3), measure,
                kc::cpuNanos);

        Markdown table = new Markdown("logins", ">count", ">legacy-DB statements", ">statements per login",
                ">logins/s (c=4)", ">p50 / p99 (ms)", "goal");
        table.row("first login in MIGRATE realm (verifies the legacy hash, creates the user)", firstOk,
                total(firstStatements), Markdown.num(total(firstStatements) / (double) firstOk, 2), "", "", "");
        table.row("**later logins of migrated users**", migrated.ok(), "**" + migratedTotal + "**",
                "**" + Markdown.num(migratedTotal / (double) Math.max(1, migrated.ok()), 3) + "**",
                Markdown.num(migrated.throughput(), 1),
                Markdown.ms(migrated.percentileMillis(50)) + " / " + Markdown.ms(migrated.percentileMillis(99)),
                migratedTotal != 0 ? "0: **missed**"
                        : migrated.errors() > 0 || migrated.ok() == 0 ? "**not met: " + migrated.errors()
                                + " failed logins, " + migrated.ok() + " tokens**" : "0: met");
        table.row("control: federated logins (READ_ONLY realm)", federated.ok(), total(fedStatements),
                Markdown.num(total(fedStatements) / (double) Math.max(1, federated.ok()), 2),
                Markdown.num(federated.throughput(), 1),
                Markdown.ms(federated.percentileMillis(50)) + " / " + Markdown.ms(federated.percentileMillis(99)), "");
        table.row("native users, for comparison", natives.ok(), "", "", Markdown.num(natives.throughput(), 1),
                Markdown.ms(natives.percentileMillis(50)) + " / " + Markdown.ms(natives.percentileMillis(99)), "");

        StringBuilder md = new StringBuilder(ctx.header(loadBefore, startedAt));
        md.append("- Realm `").append(REALM).append("`: MIGRATE component over the same `auth_user` (")
                .append(accounts.size()).append(" users, `pbkdf2_sha256` at N = ")
                .append(String.format(java.util.Locale.ROOT, "%,d", s.hashIterations()))
                .append("), realm policy `").append(LoginFixture.policy(s.hashIterations())).append("`\n");
        md.append("- Counted with `pg_stat_statements` (`track = all`), reset before each row; only statements of role `")
                .append(LegacyPostgres.USER).append("` in database `").append(LoginFixture.DATABASE)
                .append("` (the provider's pool) are counted. Concurrency ").append(CONCURRENCY).append(", ")
                .append(measure.toSeconds()).append(" s per row after a 3 s warm-up\n\n");
        md.append(table);
        md.append("\nStatements of the first (migrating) logins:\n\n").append(statementTable(firstStatements, firstOk));
        md.append("\nStatements of the control (federated logins):\n\n").append(statementTable(fedStatements,
                federated.ok()));
        if (s.jfr()) {
            md.append("\nWhere the legacy-DB round trips come from: every socket write of the PostgreSQL driver in the"
                    + " Keycloak JVM (JFR `jdk.SocketWrite`, threshold 0, with stack traces), keyed by the outermost"
                    + " provider method on the stack and the Keycloak method that called it:\n\n");
            md.append(callSiteTable("first (migrating) logins", JfrHotspots.legacyDbCallSites(List.of(firstJfr)),
                    firstOk));
            md.append('\n').append(callSiteTable("federated logins (control)",
                    JfrHotspots.legacyDbCallSites(List.of(controlJfr)), federated.ok()));
        }
        if (!migratedStatements.isEmpty()) {
            md.append("\nStatements during the logins of migrated users:\n\n")
                    .append(statementTable(migratedStatements, migrated.ok()));
        }
        ctx.section("migrated", md.toString());

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("firstLogins", firstOk);
        json.put("firstStatements", total(firstStatements));
        json.put("migratedLogins", migrated.ok());
        json.put("migratedStatements", migratedTotal);
        json.put("federatedLogins", federated.ok());
        json.put("federatedStatements", total(fedStatements));
        ctx.json("migrated", json);
    }

    private static String callSiteTable(String title, Map<String, Integer> sites, long logins) {
        Markdown t = new Markdown(title + ": round trip", "provider method", "called by (Keycloak)", ">writes",
                ">per login");
        sites.forEach((k, v) -> {
            String[] parts = k.split(" \\| ", -1);
            t.row(parts[0], "`" + parts[1] + "`", parts[2].isEmpty() ? "" : "`" + parts[2] + "`", v,
                    Markdown.num(v / (double) Math.max(1, logins), 2));
        });
        return t.toString();
    }

    static long total(List<LegacyPostgres.StatementCount> counts) {
        return counts.stream().mapToLong(LegacyPostgres.StatementCount::calls).sum();
    }

    static String statementTable(List<LegacyPostgres.StatementCount> counts, long logins) {
        return statementTable(counts, logins, "login");
    }

    static String statementTable(List<LegacyPostgres.StatementCount> counts, long logins, String unit) {
        if (counts.isEmpty()) {
            return "(none)\n";
        }
        Markdown t = new Markdown(">calls", ">per " + unit, ">rows/call", ">mean ms", "statement (normalized)");
        for (LegacyPostgres.StatementCount c : counts) {
            t.row(c.calls(), Markdown.num(c.calls() / (double) Math.max(1, logins), 2),
                    Markdown.num(c.rows() / (double) Math.max(1, c.calls()), 1), Markdown.ms(c.meanMillis()),
                    "`" + abbreviate(c.query()) + "`");
        }
        return t.toString();
    }

    /** The select list of the provider's user queries is long; keep the shape of the statement. */
    static String abbreviate(String query) {
        String q = query.replaceAll("\\s+", " ").trim();
        q = q.replaceAll("SELECT u\\.\"id\", u\\.\"username\".*? FROM", "SELECT u.* FROM");
        q = q.replaceAll("SELECT u\\.\"[a-z_]+\"(, u\\.\"[a-z_]+\")+ FROM", "SELECT u.<all mapped columns> FROM");
        return q.length() > 300 ? q.substring(0, 300) + " ..." : q;
    }
}
