package dev.legacybridge.perf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.legacybridge.hash.EncodingTarget;
import dev.legacybridge.hash.PasswordEncoders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Benchmark 4: bulk migration of {@code bulkUsers} legacy users (admin REST
 * {@code POST /admin/realms/{realm}/legacy-migration/{componentId}/batch}, the documented batch size) against Keycloak's
 * own {@code POST /admin/realms/{realm}/partialImport} of the same users with the same credentials (the legacy bcrypt
 * hash as a {@code legacy-hash} password credential) and the same profile (username, email, verified, names, enabled,
 * created timestamp, {@code legacyId}/{@code legacyUsername}, realm roles from the flags, groups), into two fresh realms
 * of the same Keycloak.
 *
 * <p>The two imports alternate in segments (ours, theirs, theirs, ours, ...), so that the growth of Keycloak's database
 * and any drift of the machine's load hit both alike. Each segment can be recorded with JFR in the Keycloak JVM.
 */
final class BulkMigrationBenchmark {

    static final String DATABASE = "legacy_bulk";
    static final String OURS = "bench-bulk-migrate";
    static final String THEIRS = "bench-bulk-import";
    static final double GOAL = 1.0;

    private BulkMigrationBenchmark() {
    }

    /** A legacy row as partialImport gets it. */
    private record Row(long id, String username, String password, String email, String first, String last,
                       boolean active, long joined, boolean superuser, boolean staff, List<String> groups) {
    }

    static void run(Context ctx) throws Exception {
        String loadBefore = Machine.loadAverage();
        String startedAt = Machine.now();
        Settings s = ctx.settings;
        LegacyPostgres pg = ctx.postgres();
        BenchKeycloak kc = ctx.keycloak();
        AdminApi admin = kc.admin();
        int users = s.bulkUsers();

        Log.say("bulk: generating %,d legacy users with bcrypt (cost 12) hashes", users);
        pg.createDjangoDatabase(DATABASE);
        pg.execute(DATABASE, LegacyUsers.generateSeries(users, LegacyUsers.distinctHashes(EncodingTarget.bcrypt(12), 16))
                .toArray(String[]::new));
        // two users whose password we know, to log in after both imports
        for (int id : new int[] {1, 2}) {
            pg.execute(DATABASE, "UPDATE auth_user SET password = '"
                    + PasswordEncoders.encode(EncodingTarget.bcrypt(12), "pw-user" + id) + "' WHERE id = " + id);
        }

        admin.createRealm(OURS, Map.of());
        String componentId = admin.createLegacyComponent(OURS, "legacy-pg-bulk",
                LoginFixture.componentConfig(pg, DATABASE, "MIGRATE"));
        admin.createRealm(THEIRS, Map.of());
        // the same user profile (MIGRATE declared legacyId, legacyUsername) and the same groups in both realms
        ObjectNode profile = (ObjectNode) admin.get("/" + OURS + "/users/profile");
        admin.call("PUT", "/" + THEIRS + "/users/profile", profile).expect(200);
        for (String group : List.of("editors", "readers")) {
            admin.call("POST", "/" + THEIRS + "/groups", Map.of("name", group)).expect(201);
        }
        List<Row> rows = readRows(pg);
        Map<Integer, Double> probe = new LinkedHashMap<>();
        warmUpAndProbe(ctx, pg, rows, Math.min(1000, users / 10), probe);
        int chunk = s.importChunk() > 0 ? s.importChunk() : probe.entrySet().stream()
                .max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(500);
        Log.say("bulk: partialImport requests of %,d users%s", chunk, s.importChunk() > 0 ? "" : " (fastest in the probe)");

        int segments = Math.max(1, s.bulkSegments());
        int perSegment = (users + segments - 1) / segments;
        Path jfrDir = s.workDir().resolve("jfr");
        Files.createDirectories(jfrDir);
        List<Path> oursJfr = new ArrayList<>();
        List<Path> theirsJfr = new ArrayList<>();
        double oursSeconds = 0;
        double theirsSeconds = 0;
        long oursImported = 0;
        long oursFailed = 0;
        long oursRequests = 0;
        long theirsAdded = 0;
        long theirsRequests = 0;
        String cursor = null;
        List<Map<String, Object>> segmentLog = new ArrayList<>();
        for (int seg = 0; seg < segments; seg++) {
            int from = seg * perSegment;
            int to = Math.min(users, from + perSegment);
            if (from >= to) {
                break;
            }
            boolean oursFirst = seg % 2 == 0;
            for (int k = 0; k < 2; k++) {
                boolean isOurs = (k == 0) == oursFirst;
                String jfrName = (isOurs ? "bulk-ours-" : "bulk-partialimport-") + (seg + 1);
                Path jfr = jfrDir.resolve(jfrName + ".jfr");
                if (s.jfr()) {
                    kc.jfrStart(jfrName, jfr);
                    (isOurs ? oursJfr : theirsJfr).add(jfr);
                }
                long cpu0 = kc.cpuNanos();
                long t = System.nanoTime();
                if (isOurs) {
                    int done = 0;
                    while (done < to - from) {
                        int size = Math.min(s.bulkBatchSize(), to - from - done);
                        String path = "/" + OURS + "/legacy-migration/" + componentId + "/batch?size=" + size
                                + (cursor == null ? "" : "&after=" + cursor);
                        JsonNode r = admin.call("POST", path, null, Duration.ofMinutes(30)).expect(200).json();
                        oursRequests++;
                        done += r.path("processed").asInt();
                        oursImported += r.path("imported").asInt();
                        oursFailed += r.path("failed").asInt();
                        if (r.path("failed").asInt() > 0) {
                            Log.say("bulk: failures %s", r.path("failures"));
                        }
                        cursor = r.path("nextCursor").asText();
                        if (r.path("done").asBoolean() || r.path("processed").asInt() == 0) {
                            break;
                        }
                    }
                } else {
                    for (int c = from; c < to; c += chunk) {
                        List<Map<String, Object>> reps = new ArrayList<>();
                        for (Row row : rows.subList(c, Math.min(to, c + chunk))) {
                            reps.add(representation(row));
                        }
                        JsonNode r = admin.call("POST", "/" + THEIRS + "/partialImport",
                                Map.of("ifResourceExists", "SKIP", "users", reps), Duration.ofMinutes(120))
                                .expect(200).json();
                        theirsRequests++;
                        theirsAdded += r.path("added").asInt();
                        if (r.path("added").asInt() != reps.size()) {
                            throw new IllegalStateException("partialImport added " + r.path("added") + " of "
                                    + reps.size() + ": skipped " + r.path("skipped"));
                        }
                    }
                }
                double seconds = (System.nanoTime() - t) / 1e9;
                long cpu = kc.cpuNanos() - cpu0;
                if (s.jfr()) {
                    kc.jfrStop(jfrName);
                }
                if (isOurs) {
                    oursSeconds += seconds;
                } else {
                    theirsSeconds += seconds;
                }
                Log.say("bulk segment %d %-13s %,d users in %.1f s = %.0f users/s (Keycloak CPU %.0f s) load %s", seg + 1,
                        isOurs ? "ours" : "partialImport", to - from, seconds, (to - from) / seconds, cpu / 1e9,
                        Machine.loadAverage());
                segmentLog.add(Map.of("segment", seg + 1, "side", isOurs ? "ours" : "partialImport",
                        "users", to - from, "seconds", seconds, "cpuSeconds", cpu / 1e9));
            }
        }

        // both imports must be usable: the known users log in (legacy-hash credential, then rehashed)
        List<String> loginChecks = new ArrayList<>();
        for (String realm : List.of(OURS, THEIRS)) {
            LoginLoad load = new LoginLoad(kc.baseUrl(), realm, AdminApi.BENCH_CLIENT);
            for (int id : new int[] {1, 2}) {
                String failure = load.login(new LegacyUsers.Account("user" + id, "pw-user" + id));
                loginChecks.add(realm + " user" + id + ": " + (failure == null ? "200" : failure));
            }
        }
        long theirsCount = admin.call("GET", "/" + THEIRS + "/users/count", null).expect(200).json().asLong();

        double oursRate = users / oursSeconds;
        double theirsRate = users / theirsSeconds;
        double ratio = oursRate / theirsRate;
        Markdown table = new Markdown("import", ">users", ">requests", ">seconds", ">users/s", "result");
        table.row("bulk migration (`legacy-migration/{id}/batch?size=" + s.bulkBatchSize() + "`)", users, oursRequests,
                Markdown.num(oursSeconds, 1), Markdown.num(oursRate, 0),
                oursImported + " imported, " + oursFailed + " failed");
        table.row("`partialImport`, " + chunk + " users per request" + (s.importChunk() > 0 ? ""
                : " (the fastest size of the probe)"), users, theirsRequests,
                Markdown.num(theirsSeconds, 1), Markdown.num(theirsRate, 0),
                theirsAdded + " added (realm count " + theirsCount + ")");
        table.row("**ours ÷ partialImport**", "", "", "", "**" + Markdown.num(ratio, 2) + "**",
                ratio >= GOAL && oursFailed == 0 && oursImported == users ? "goal ≥ 1.0: met"
                        : ratio >= GOAL ? "goal ≥ 1.0: **not met: ours did not import every user**"
                        : "goal ≥ 1.0: **missed**");

        Markdown segTable = new Markdown(">segment", "import", ">users", ">seconds", ">users/s",
                ">Keycloak CPU s");
        for (Map<String, Object> m : segmentLog) {
            double sec = (Double) m.get("seconds");
            segTable.row(m.get("segment"), m.get("side"), m.get("users"), Markdown.num(sec, 1),
                    Markdown.num((Integer) m.get("users") / sec, 0), Markdown.num((Double) m.get("cpuSeconds"), 1));
        }

        StringBuilder md = new StringBuilder(ctx.header(loadBefore, startedAt));
        md.append("- ").append(String.format(Locale.ROOT, "%,d", users)).append(" Django users (`generate_series`,"
                + " bcrypt cost-12 hashes, a third in `readers`, a tenth in `editors`, `is_staff` every 50th,"
                + " `is_superuser` every 1000th), imported into two fresh realms of the same Keycloak, alternating in ")
                .append(segments).append(" segments; both realms have the same user profile and groups\n");
        md.append("- partialImport users carry what the migration writes: lower-cased username, email (verified),"
                + " names, enabled, `createdTimestamp`, attributes `legacyId`/`legacyUsername`, realm roles,"
                + " groups, and the credential `{\"type\":\"password\",\"credentialData\":\"{\\\"hashIterations\\\":0,"
                + "\\\"algorithm\\\":\\\"legacy-hash\\\",\\\"additionalParameters\\\":{\\\"scheme\\\":[\\\"bcrypt\\\"]}}\","
                + "\"secretData\":\"{\\\"value\\\":\\\"<hash>\\\",\\\"salt\\\":\\\"\\\"}\"}`;"
                + " `ifResourceExists=SKIP`\n");
        md.append("- Before the measured segments, both paths were warmed up (JIT) in throwaway realms (")
                .append(Math.min(1000, users / 10)).append(" users each)\n");
        md.append("- After both: ").append(String.join(", ", loginChecks)).append('\n');
        if (s.jfr()) {
            md.append("- JFR (`settings=profile`) was recording in the Keycloak JVM during every segment of both sides\n");
        }
        if (!probe.isEmpty()) {
            Markdown probeTable = new Markdown(">users in one partialImport request", ">seconds", ">users/s");
            probe.forEach((n, rate) -> probeTable.row(String.format(Locale.ROOT, "%,d", n),
                    Markdown.num(n / rate, 1), Markdown.num(rate, 0)));
            md.append("\npartialImport request size (one request each, after the warm-up, into a throwaway realm):\n\n")
                    .append(probeTable);
        }
        md.append('\n').append(table).append('\n').append(segTable)
                .append("\n![Bulk migration](images/bench-bulk.png)\n");
        if (s.jfr()) {
            JfrHotspots.Report oursReport = JfrHotspots.analyze(oursJfr, "dev.legacybridge.keycloak.migration.BulkMigration.runBatch");
            JfrHotspots.Report theirsReport = JfrHotspots.analyze(theirsJfr, "org.keycloak.partialimport.PartialImportManager.saveResources");
            md.append("\n<details><summary>JFR: where the bulk migration's time goes</summary>\n\n")
                    .append(oursReport.markdown(30)).append("\n</details>\n");
            md.append("\n<details><summary>JFR: where partialImport's time goes</summary>\n\n")
                    .append(theirsReport.markdown(30)).append("\n</details>\n");
        }
        ctx.section("bulk", md.toString());

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("users", users);
        json.put("oursSeconds", oursSeconds);
        json.put("theirsSeconds", theirsSeconds);
        json.put("oursRate", oursRate);
        json.put("theirsRate", theirsRate);
        json.put("ratio", ratio);
        json.put("importChunk", chunk);
        json.put("probe", probe);
        json.put("batchSize", s.bulkBatchSize());
        json.put("segments", segmentLog);
        ctx.json("bulk", json);
    }

    /**
     * Runs both imports on {@code warm} users in throwaway realms (JIT warm-up, not measured), then times single
     * partialImport requests of several sizes into the same throwaway realm (users after the warm-up ones).
     */
    private static void warmUpAndProbe(Context ctx, LegacyPostgres pg, List<Row> rows, int warm,
                                       Map<Integer, Double> probe) {
        AdminApi admin = ctx.keycloak().admin();
        String oursWarm = "bench-bulk-warmup-ours";
        String theirsWarm = "bench-bulk-warmup-import";
        admin.createRealm(oursWarm, Map.of());
        String id = admin.createLegacyComponent(oursWarm, "legacy-pg-bulk-warmup",
                LoginFixture.componentConfig(pg, DATABASE, "MIGRATE"));
        admin.createRealm(theirsWarm, Map.of());
        admin.call("PUT", "/" + theirsWarm + "/users/profile", admin.get("/" + oursWarm + "/users/profile")).expect(200);
        for (String group : List.of("editors", "readers")) {
            admin.call("POST", "/" + theirsWarm + "/groups", Map.of("name", group)).expect(201);
        }
        long t = System.nanoTime();
        String cursor = null;
        for (int done = 0; done < warm; ) {
            JsonNode r = admin.call("POST", "/" + oursWarm + "/legacy-migration/" + id + "/batch?size="
                    + Math.min(500, warm - done) + (cursor == null ? "" : "&after=" + cursor), null,
                    Duration.ofMinutes(30)).expect(200).json();
            done += r.path("processed").asInt();
            cursor = r.path("nextCursor").asText();
        }
        Log.say("bulk: warm-up, ours %,d users in %.1f s", warm, (System.nanoTime() - t) / 1e9);
        t = System.nanoTime();
        partialImport(admin, theirsWarm, rows.subList(0, warm), 500);
        Log.say("bulk: warm-up, partialImport %,d users in %.1f s", warm, (System.nanoTime() - t) / 1e9);
        int next = warm;
        for (int chunk : ctx.settings.importProbe()) {
            if (next + chunk > rows.size()) {
                break;
            }
            t = System.nanoTime();
            partialImport(admin, theirsWarm, rows.subList(next, next + chunk), chunk);
            double seconds = (System.nanoTime() - t) / 1e9;
            next += chunk;
            probe.put(chunk, chunk / seconds);
            Log.say("bulk: probe, partialImport of %,d users in one request: %.1f s = %.0f users/s (load %s)", chunk,
                    seconds, chunk / seconds, Machine.loadAverage());
        }
        admin.deleteRealm(oursWarm);
        admin.deleteRealm(theirsWarm);
    }

    private static void partialImport(AdminApi admin, String realm, List<Row> rows, int chunk) {
        for (int c = 0; c < rows.size(); c += chunk) {
            List<Map<String, Object>> reps = new ArrayList<>();
            for (Row row : rows.subList(c, Math.min(rows.size(), c + chunk))) {
                reps.add(representation(row));
            }
            JsonNode r = admin.call("POST", "/" + realm + "/partialImport",
                    Map.of("ifResourceExists", "SKIP", "users", reps), Duration.ofMinutes(120)).expect(200).json();
            if (r.path("added").asInt() != reps.size()) {
                throw new IllegalStateException("partialImport added " + r.path("added") + " of " + reps.size());
            }
        }
    }

    private static List<Row> readRows(LegacyPostgres pg) throws SQLException {
        Map<Long, List<String>> groups = new HashMap<>();
        List<Row> rows = new ArrayList<>();
        try (Connection c = pg.superuser(DATABASE); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT ug.user_id, g.name FROM auth_user_groups ug JOIN auth_group g"
                    + " ON g.id = ug.group_id ORDER BY g.name")) {
                while (rs.next()) {
                    groups.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT id, username, password, email, first_name, last_name,"
                    + " is_active, date_joined, is_superuser, is_staff FROM auth_user ORDER BY id")) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    rows.add(new Row(id, rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getBoolean(7), rs.getTimestamp(8).getTime(), rs.getBoolean(9),
                            rs.getBoolean(10), groups.getOrDefault(id, List.of())));
                }
            }
        }
        return rows;
    }

    /** The user as {@code LegacyUserImporter} creates it, as a representation. */
    private static Map<String, Object> representation(Row row) {
        Map<String, Object> u = new LinkedHashMap<>();
        u.put("username", row.username().toLowerCase(Locale.ROOT));
        u.put("enabled", row.active());
        if (row.email() != null && !row.email().isEmpty()) {
            u.put("email", row.email());
            u.put("emailVerified", true);
        }
        if (row.first() != null && !row.first().isEmpty()) {
            u.put("firstName", row.first());
        }
        if (row.last() != null && !row.last().isEmpty()) {
            u.put("lastName", row.last());
        }
        u.put("createdTimestamp", row.joined());
        u.put("attributes", Map.of("legacyId", List.of(Long.toString(row.id())),
                "legacyUsername", List.of(row.username())));
        List<String> roles = new ArrayList<>();
        if (row.superuser()) {
            roles.add("admin");
        }
        if (row.staff()) {
            roles.add("staff");
        }
        if (!roles.isEmpty()) {
            u.put("realmRoles", roles);
        }
        if (!row.groups().isEmpty()) {
            u.put("groups", row.groups().stream().map(g -> "/" + g).toList());
        }
        String credentialData = "{\"hashIterations\":0,\"algorithm\":\"legacy-hash\",\"additionalParameters\":"
                + "{\"scheme\":[\"bcrypt\"]}}";
        String secretData;
        try {
            secretData = AdminApi.JSON.writeValueAsString(Map.of("value", row.password(), "salt", ""));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        u.put("credentials", List.of(Map.of("type", "password", "credentialData", credentialData,
                "secretData", secretData, "createdDate", System.currentTimeMillis())));
        return u;
    }
}
