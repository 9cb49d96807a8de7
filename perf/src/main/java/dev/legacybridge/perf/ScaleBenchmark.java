package dev.legacybridge.perf;

import com.fasterxml.jackson.databind.JsonNode;
import dev.legacybridge.hash.EncodingTarget;
import dev.legacybridge.stack.LegacyDbScripts;
import dev.legacybridge.store.LegacySchema;
import dev.legacybridge.store.LegacyUserRepository;
import dev.legacybridge.store.SqlDialect;
import dev.legacybridge.store.UserSearch;
import io.agroal.api.AgroalDataSource;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/**
 * Benchmark 3: a Django {@code auth_user} of {@code scaleRows} rows (1,000,000 by default) generated with
 * {@code generate_series}, measured
 * <ul>
 *   <li>at the provider's SQL layer: {@link LegacyUserRepository} (the provider's only SQL) over an Agroal pool
 *       configured like the provider's, on the real database;</li>
 *   <li>through Keycloak's admin REST API (READ_ONLY component over the same table), for context;</li>
 * </ul>
 * with two index sets, in this order: Django's own indexes only; plus {@code legacy-db/indexes-optional-postgresql.sql}
 * (the recommended ones: {@code lower()} of username and email, and prefix-pattern indexes of the four searched columns).
 * The plan of each SQL-layer statement is captured with {@code auto_explain} ({@code log_analyze}, {@code log_buffers})
 * on the 12th execution on one connection, i.e. after the JDBC driver switched to a server-prepared statement and
 * PostgreSQL chose between a custom and a generic plan, as in steady state.
 */
final class ScaleBenchmark {

    static final String DATABASE = "legacy_scale";
    static final String REALM = "bench-scale";
    static final double LOOKUP_GOAL_MS = 1;
    static final double SEARCH_GOAL_MS = 50;
    static final double COUNT_GOAL_MS = 500;
    private ScaleBenchmark() {
    }

    /** One measured call. */
    private record Op(String name, String goalKind, IntFunction<Object> call) {
    }

    private record Variant(String name, String ddl) {
    }

    static void run(Context ctx) {
        String loadBefore = Machine.loadAverage();
        String startedAt = Machine.now();
        Settings s = ctx.settings;
        LegacyPostgres pg = ctx.postgres();
        int rows = s.scaleRows();

        Log.say("scale: generating %,d rows", rows);
        pg.createDjangoDatabase(DATABASE);
        List<String> hashes = LegacyUsers.distinctHashes(EncodingTarget.djangoPbkdf2Sha256(600_000), 16);
        long t = System.nanoTime();
        pg.execute(DATABASE, LegacyUsers.generateSeries(rows, hashes).toArray(String[]::new));
        double generateSeconds = (System.nanoTime() - t) / 1e9;
        long tableBytes = pg.queryLong(DATABASE, "SELECT pg_total_relation_size('auth_user')");
        Log.say("scale: generated in %.1f s, auth_user %d MB with indexes", generateSeconds, tableBytes >> 20);

        boolean rest = true;
        String componentId = null;
        if (rest) {
            AdminApi admin = ctx.keycloak().admin();
            admin.createRealm(REALM, Map.of());
            componentId = admin.createLegacyComponent(REALM, "legacy-pg-1m",
                    LoginFixture.componentConfig(pg, DATABASE, "READ_ONLY"));
        }

        List<Variant> variants = List.of(
                new Variant("Django's own indexes only", null),
                new Variant("+ recommended `indexes-optional-postgresql.sql`",
                        LegacyDbScripts.optionalIndexes(LegacyDbScripts.Dialect.POSTGRESQL)));

        StringBuilder md = new StringBuilder();
        StringBuilder plans = new StringBuilder();
        StringBuilder restSql = new StringBuilder();
        List<Map<String, Object>> json = new ArrayList<>();
        Markdown sqlTable = new Markdown("indexes", "operation (LegacyUserRepository)", ">p50 ms", ">p90 ms",
                ">max ms", ">n", "goal", "plan");
        Markdown restTable = new Markdown("indexes", "admin REST call", ">p50 ms", ">p90 ms", ">n",
                ">legacy SQL per call", ">rows read per call");
        int v = 0;
        for (Variant variant : variants) {
            v++;
            if (variant.ddl() != null) {
                long ti = System.nanoTime();
                pg.execute(DATABASE, dev.legacybridge.stack.SqlScript.statements(variant.ddl()).toArray(String[]::new));
                pg.execute(DATABASE, "ANALYZE auth_user");
                Log.say("scale: indexes of variant %d built in %.1f s", v, (System.nanoTime() - ti) / 1e9);
            }
            // ---- SQL layer
            try (AgroalDataSource pool = pg.providerLikePool(DATABASE, 10)) {
                LegacyUserRepository repo = new LegacyUserRepository(pool, LegacySchema.django(), SqlDialect.POSTGRESQL,
                        Duration.ofSeconds(60));
                List<Op> ops = sqlOps(repo, rows, v);
                for (int o = 0; o < ops.size(); o++) {
                    Op op = ops.get(o);
                    Samples samples = Samples.measure(3, 5, 300, Duration.ofSeconds(10), i -> op.call().apply(i));
                    String goal = goal(op.goalKind(), samples.p(50));
                    String planRef = "P" + v + "." + (o + 1);
                    sqlTable.row(v == 1 ? variant.name() : "(" + v + ") " + variant.name(), op.name(),
                            Markdown.ms(samples.p(50)), Markdown.ms(samples.p(90)), Markdown.ms(samples.max()),
                            samples.count(), goal, planRef);
                    Log.say("scale v%d %-55s p50 %8.3f ms  p90 %8.3f ms  n=%d  load %s", v, op.name(),
                            samples.p(50), samples.p(90), samples.count(), Machine.loadAverage());
                    json.add(Map.of("variant", v, "layer", "sql", "op", op.name(), "p50", samples.p(50),
                            "p90", samples.p(90), "n", samples.count()));
                }
            }
            // ---- the plans
            plans.append("\n<details><summary>Plans with ").append(variant.name()).append("</summary>\n\n");
            int k = 0;
            for (PlanCapture.Plan plan : PlanCapture.capture(pg, DATABASE, pool -> {
                LegacyUserRepository repo = new LegacyUserRepository(pool, LegacySchema.django(), SqlDialect.POSTGRESQL,
                        Duration.ofSeconds(60));
                return sqlOps(repo, rows, 0).stream().map(op -> (Runnable) () -> op.call().apply(0)).toList();
            })) {
                k++;
                plans.append("**P").append(v).append('.').append(k).append("** `")
                        .append(MigratedLoginBenchmark.abbreviate(plan.query())).append("`\n\n```\n")
                        .append(plan.plan()).append("```\n\n");
            }
            plans.append("</details>\n");

            // ---- admin REST
            if (rest) {
                AdminApi admin = ctx.keycloak().admin();
                for (Op op : restOps(admin, rows, v)) {
                    pg.resetStatementStats();
                    Samples samples = Samples.measure(2, 5, 40, Duration.ofSeconds(15), i -> op.call().apply(i));
                    List<LegacyPostgres.StatementCount> sql = pg.statementCounts(DATABASE);
                    long calls = samples.count() + 2;
                    long statements = MigratedLoginBenchmark.total(sql);
                    long rowsRead = sql.stream().mapToLong(LegacyPostgres.StatementCount::rows).sum();
                    restTable.row(v == 1 ? variant.name() : "(" + v + ")", op.name(), Markdown.ms(samples.p(50)),
                            Markdown.ms(samples.p(90)), samples.count(), Markdown.num(statements / (double) calls, 1),
                            Markdown.num(rowsRead / (double) calls, 0));
                    Log.say("scale v%d REST %-50s p50 %8.1f ms  %d statements, %d rows", v, op.name(), samples.p(50),
                            statements, rowsRead);
                    restSql.append("- (").append(v).append(") ").append(op.name()).append(", ").append(calls)
                            .append(" calls:\n\n").append(indent(MigratedLoginBenchmark.statementTable(sql, calls, "call")))
                            .append('\n');
                    json.add(Map.of("variant", v, "layer", "rest", "op", op.name(), "p50", samples.p(50),
                            "p90", samples.p(90), "n", samples.count()));
                }
            }
        }

        md.append(ctx.header(loadBefore, startedAt));
        md.append("- `auth_user`: ").append(String.format(Locale.ROOT, "%,d", rows))
                .append(" rows from `generate_series` in ").append(Markdown.num(generateSeconds, 1))
                .append(" s, ").append(tableBytes >> 20).append(" MB with Django's indexes; usernames `user<i>`,"
                        + " names from lists of common names (the term `mar` matches about 9% of the rows), emails"
                        + " `<first>.<last><i>@example.com`, a third of the users in group `readers`\n");
        md.append("- SQL layer: `LegacyUserRepository` (Django preset, `usernameCase=insensitive` as the provider"
                + " defaults) over an Agroal pool set up like the provider's; one thread; 3 warm-up calls, then up to"
                + " 300 calls or 10 s per operation; lookups use a random existing user each call\n");
        md.append("- Admin REST: realm `").append(REALM).append("`, READ_ONLY component over the same table, one thread,"
                + " 2 warm-up calls then up to 40 calls or 15 s; legacy SQL counted with `pg_stat_statements`\n\n");
        md.append("SQL layer (goals: lookup p50 ≤ 1 ms, first page of a search ≤ 50 ms, count ≤ 500 ms):\n\n");
        md.append(sqlTable).append("\nAdmin REST API, for context (same table, same indexes, through Keycloak):\n\n");
        md.append(restTable).append('\n').append("![Scale](images/bench-scale.png)\n").append(plans);
        if (restSql.length() > 0) {
            md.append("\n<details><summary>Legacy SQL per admin REST call (pg_stat_statements)</summary>\n\n")
                    .append(restSql).append("</details>\n");
        }
        ctx.section("scale", md.toString());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("rows", rows);
        out.put("variants", variants.stream().map(Variant::name).toList());
        out.put("results", json);
        ctx.json("scale", out);
        if (componentId != null) {
            ctx.keycloak().admin().deleteRealm(REALM);
        }
    }

    private static String indent(String text) {
        return text.lines().map(l -> "  " + l).collect(java.util.stream.Collectors.joining("\n")) + "\n";
    }

    private static String goal(String kind, double p50) {
        return switch (kind) {
            case "lookup" -> p50 <= LOOKUP_GOAL_MS ? "≤ 1: met" : "≤ 1: **missed**";
            case "search" -> p50 <= SEARCH_GOAL_MS ? "≤ 50: met" : "≤ 50: **missed**";
            case "count" -> p50 <= COUNT_GOAL_MS ? "≤ 500: met" : "≤ 500: **missed**";
            default -> "";
        };
    }

    static String emailOf(int i) {
        return LegacyUsers.FIRST_NAMES.get(i % LegacyUsers.FIRST_NAMES.size()).toLowerCase(Locale.ROOT) + "."
                + LegacyUsers.LAST_NAMES.get((i / 7) % LegacyUsers.LAST_NAMES.size()).toLowerCase(Locale.ROOT) + i
                + "@example.com";
    }

    private static List<Op> sqlOps(LegacyUserRepository repo, int rows, int variant) {
        SplittableRandom random = new SplittableRandom(42 + 1000L * variant);
        return List.of(
                new Op("lookup by username (`lower(username) = ?`)", "lookup", i -> {
                    String name = "user" + (1 + random.nextInt(rows));
                    return expect(repo.lookups().findByUsername(name, true).size(), 1, name);
                }),
                new Op("lookup by username, usernameCase=exact (`username = ?`)", "", i -> {
                    String name = "user" + (1 + random.nextInt(rows));
                    return expect(repo.lookups().findByUsername(name, false).size(), 1, name);
                }),
                new Op("lookup by email (`lower(email) = ?`)", "", i -> {
                    int id = 1 + random.nextInt(rows);
                    return expect(repo.lookups().findByEmail(emailOf(id)).size(), 1, emailOf(id));
                }),
                new Op("search `user12345`, first page (0, 11)", "search",
                        i -> atLeastOne(repo.searches().search(UserSearch.text("user12345"), 0, 11).size())),
                new Op("search `mar` (many matches), first page (0, 11)", "search",
                        i -> atLeastOne(repo.searches().search(UserSearch.text("mar"), 0, 11).size())),
                new Op("search `user1` (many matches), first page (0, 11)", "search",
                        i -> atLeastOne(repo.searches().search(UserSearch.text("user1"), 0, 11).size())),
                new Op("count all", "count", i -> expect(repo.searches().count(UserSearch.all()), rows, "count")),
                new Op("count search `mar`", "", i -> atLeastOne(repo.searches().count(UserSearch.text("mar")))));
    }

    /** Different random users per variant, so Keycloak's user cache holds none of them yet. */
    private static List<Op> restOps(AdminApi admin, int rows, int variant) {
        SplittableRandom random = new SplittableRandom(7 + 1000L * variant);
        String r = "/" + REALM;
        return List.of(
                new Op("`GET /users?username=<random>&exact=true`", "", i -> {
                    String name = "user" + (1 + random.nextInt(rows));
                    JsonNode users = admin.call("GET", r + "/users?username=" + name + "&exact=true", null)
                            .expect(200).json();
                    return expect(users.size(), 1, name);
                }),
                new Op("console search `user12345` (`/ui-ext/brute-force-user?...&max=11`)", "", i -> atLeastOne(
                        admin.call("GET", r + "/ui-ext/brute-force-user?briefRepresentation=true&first=0&max=11&q=&search=user12345",
                                null).expect(200).json().size())),
                new Op("console search `mar` (many matches)", "", i -> atLeastOne(
                        admin.call("GET", r + "/ui-ext/brute-force-user?briefRepresentation=true&first=0&max=11&q=&search=mar",
                                null).expect(200).json().size())),
                new Op("`GET /users/count`", "", i -> atLeastOne(
                        admin.call("GET", r + "/users/count", null).expect(200).json().asInt())));
    }

    private static Object expect(int actual, int expected, String what) {
        if (actual != expected) {
            throw new IllegalStateException(what + ": expected " + expected + ", got " + actual);
        }
        return actual;
    }

    private static Object atLeastOne(int actual) {
        if (actual < 1) {
            throw new IllegalStateException("expected results, got none");
        }
        return actual;
    }

    /** Captures {@code auto_explain} plans from the PostgreSQL log. */
    static final class PlanCapture {

        record Plan(String query, String plan) {
        }

        private static final int EXECUTIONS = 12;

        /**
         * Turns auto_explain on for new sessions of {@code database}, runs each call {@value #EXECUTIONS} times on one
         * fresh connection, and returns the plan logged for the last execution of each.
         */
        static List<Plan> capture(LegacyPostgres pg, String database,
                                  java.util.function.Function<AgroalDataSource, List<Runnable>> calls) {
            pg.execute(database,
                    "ALTER DATABASE " + database + " SET session_preload_libraries = 'auto_explain'",
                    "ALTER DATABASE " + database + " SET auto_explain.log_min_duration = 0",
                    "ALTER DATABASE " + database + " SET auto_explain.log_analyze = on",
                    "ALTER DATABASE " + database + " SET auto_explain.log_buffers = on",
                    "ALTER DATABASE " + database + " SET auto_explain.log_timing = on");
            List<Plan> plans = new ArrayList<>();
            try (AgroalDataSource pool = pg.providerLikePool(database, 1)) {
                for (Runnable call : calls.apply(pool)) {
                    long offset = size(pg);
                    for (int i = 0; i < EXECUTIONS; i++) {
                        call.run();
                    }
                    plans.add(lastPlan(pg, offset));
                }
            } finally {
                pg.execute(database, "ALTER DATABASE " + database + " RESET ALL");
            }
            return plans;
        }

        private static long size(LegacyPostgres pg) {
            try {
                return Files.exists(pg.logFile()) ? Files.size(pg.logFile()) : 0;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The last auto_explain entry of our application after {@code offset}; waits for the log collector. */
        private static Plan lastPlan(LegacyPostgres pg, long offset) {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (true) {
                List<List<String>> entries = entries(read(pg, offset));
                List<List<String>> plans = entries.stream()
                        .filter(e -> e.get(0).contains(LegacyPostgres.SQL_LAYER_APPLICATION) && e.get(0).contains("plan:"))
                        .toList();
                if (plans.size() >= EXECUTIONS || System.nanoTime() > deadline) {
                    if (plans.isEmpty()) {
                        return new Plan("(no plan logged)", "");
                    }
                    List<String> last = plans.get(plans.size() - 1);
                    String query = "";
                    StringBuilder plan = new StringBuilder();
                    String duration = last.get(0).replaceAll(".*duration: ([0-9.]+ ms).*", "$1");
                    plan.append("-- auto_explain, execution ").append(plans.size()).append(" on one connection, ")
                            .append(duration).append('\n');
                    for (String line : last.subList(1, last.size())) {
                        String l = line.startsWith("\t") ? line.substring(1) : line;
                        if (l.startsWith("Query Text:")) {
                            query = l.substring("Query Text:".length()).trim();
                        } else {
                            plan.append(l).append('\n');
                        }
                    }
                    return new Plan(query, plan.toString());
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }

        private static String read(LegacyPostgres pg, long offset) {
            try (RandomAccessFile f = new RandomAccessFile(pg.logFile().toFile(), "r")) {
                long length = f.length() - offset;
                byte[] bytes = new byte[(int) Math.max(0, length)];
                f.seek(offset);
                f.readFully(bytes);
                return new String(bytes, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Log entries: a prefixed line plus its tab-indented continuation lines. */
        static List<List<String>> entries(String log) {
            List<List<String>> entries = new ArrayList<>();
            List<String> current = null;
            for (String line : log.split("\n")) {
                if (line.startsWith("\t") && current != null) {
                    current.add(line);
                } else {
                    current = new ArrayList<>();
                    current.add(line);
                    entries.add(current);
                }
            }
            return entries;
        }
    }
}
