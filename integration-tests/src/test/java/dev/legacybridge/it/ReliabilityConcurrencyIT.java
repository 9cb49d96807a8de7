package dev.legacybridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.legacybridge.hash.EncodingTarget;
import dev.legacybridge.hash.PasswordEncoders;
import dev.legacybridge.stack.DemoRealm;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Reliability check 3: concurrency. 50 simultaneous first logins of one legacy user in MIGRATE mode must create
 * exactly one Keycloak user; 500 mixed logins (native, migrated and federated users) at concurrency 32 must all
 * succeed.
 *
 * <p>Both run in realms with brute-force detection off. In a brute-force-protected realm Keycloak 26 refuses a login
 * while another login of the same user is in flight ({@code user_temporarily_disabled}, DefaultBlockingBruteForceProtector,
 * the fix for CVE-2024-4629) unless the server option {@code --spi-brute-force-protector-default-brute-force-detector-allow-concurrent-requests=true}
 * is set; that would turn the race into "one wins, the rest are refused" and hide what the provider does with
 * concurrent first logins. The same race is also run once in a protected realm, to show that effect next to it.
 */
@Order(30)
@EnabledIfSystemProperty(named = "it.reliability", matches = "true",
        disabledReason = "reliability suite: run with -Preliability (integration-tests/reliability.sh)")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("Reliability: concurrent logins")
class ReliabilityConcurrencyIT {

    private static final int RACERS = 50;
    private static final int MIXED_LOGINS = 500;
    private static final int MIXED_CONCURRENCY = 32;
    private static final int USERS_PER_KIND = 5;
    private static final List<String> KINDS = List.of("native", "migrated", "federated");

    private static KeycloakEnvironment keycloak;
    private static EmbeddedPostgresLegacyDatabase postgres;
    private static final List<ItRealm> realms = new ArrayList<>();
    private static final Map<String, ReliabilityLegacyRows.Row> rows = new LinkedHashMap<>();
    private static ReliabilityReport.Section report;

    @BeforeAll
    static void setUp() {
        report = ReliabilityReport.section("concurrency", "3. Concurrency");
        keycloak = SharedKeycloak.get();
        postgres = EmbeddedPostgresLegacyDatabase.createSeeded(ItSettings.workDir().resolve("pg-rel-concurrency"), false);
        postgres.execute("ALTER TABLE auth_user ADD COLUMN migrated boolean NOT NULL DEFAULT FALSE;");
        List<String> names = new ArrayList<>(List.of("rel_race", "rel_race_bf"));
        for (int i = 0; i < USERS_PER_KIND; i++) {
            names.add("rel_cmig_" + i);
            names.add("rel_cfed_" + i);
        }
        for (String name : names) {
            String password = name + "-pw-" + Long.toHexString(System.nanoTime());
            rows.put(name, new ReliabilityLegacyRows.Row(name, password,
                    PasswordEncoders.encode(EncodingTarget.bcrypt(10), password), name + "@rel.example"));
        }
        ReliabilityLegacyRows.insert(postgres, new ArrayList<>(rows.values()));
        ReliabilitySecrets.markRan(ReliabilityConcurrencyIT.class);   // set up: its secrets are registered
    }

    @AfterAll
    static void tearDown() {
        if (report != null) {
            report.write();
        }
        realms.forEach(ItRealm::close);
        if (postgres != null) {
            postgres.close();
        }
    }

    private static ItRealm realm(String prefix, boolean bruteForce, String editMode) {
        ItRealm realm = ItRealm.create(keycloak, prefix, Map.of("bruteForceProtected", bruteForce))
                .withOptionalNamesAndEmail();
        realms.add(realm);
        Map<String, Object> config = new HashMap<>(postgres.componentConfig(keycloak));
        config.put("editMode", editMode);
        if ("MIGRATE".equals(editMode)) {
            config.put("migratedColumn", "migrated");
        }
        keycloak.admin().createUserStorageComponent(realm.name(), "legacy-pg", DemoRealm.LEGACY_PROVIDER_ID, config);
        return realm;
    }

    private static ReliabilityHttp.Result login(ItRealm realm, String username, String password) {
        return ReliabilityHttp.passwordGrant(keycloak.baseUrl(), realm.name(), ItRealm.CLIENT, username, password);
    }

    /** {@code n} logins released at once by a latch; results in submission order. */
    private static List<ReliabilityHttp.Result> simultaneously(int n, Callable<ReliabilityHttp.Result> login)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch ready = new CountDownLatch(n);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<ReliabilityHttp.Result>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return login.call();
                }));
            }
            ready.await();
            go.countDown();
            List<ReliabilityHttp.Result> out = new ArrayList<>();
            for (Future<ReliabilityHttp.Result> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Map<String, Integer> answers(List<ReliabilityHttp.Result> results) {
        Map<String, Integer> out = new TreeMap<>();
        results.forEach(r -> out.merge(r.ok() ? "HTTP 200 (token)" : r.status() + " " + r.error() + " ("
                + r.errorDescription() + ")", 1, Integer::sum));
        return out;
    }

    private static List<JsonNode> usersNamed(ItRealm realm, String username) {
        return keycloak.admin().findUsers(realm.name(), Map.of("username", username, "exact", "true"));
    }

    @Test
    @Order(1)
    @DisplayName("50 simultaneous first logins of one user in MIGRATE mode create exactly one Keycloak user")
    void firstLoginWhenFiftySimultaneousThenExactlyOneUser() throws Exception {
        ItRealm open = realm("rel-race", false, "MIGRATE");
        ReliabilityLegacyRows.Row user = rows.get("rel_race");
        List<ReliabilityHttp.Result> results = simultaneously(RACERS, () -> login(open, user.username(), user.password()));

        List<JsonNode> users = usersNamed(open, user.username());
        String id = users.size() == 1 ? users.get(0).path("id").asText() : null;
        long ok = results.stream().filter(ReliabilityHttp.Result::ok).count();
        List<String> subs = results.stream().filter(ReliabilityHttp.Result::ok).map(r -> r.claims().path("sub").asText())
                .distinct().toList();
        long migratedFlag = postgres.queryLong("SELECT count(*) FROM auth_user WHERE username = 'rel_race' AND migrated");
        double[] latencies = ReliabilityStats.sorted(results.stream().map(ReliabilityHttp.Result::millis).toList());
        boolean one = users.size() == 1 && id != null && !id.startsWith("f:");
        boolean sameSub = subs.size() == 1 && subs.get(0).equals(id);

        // The same race where Keycloak's brute-force protection is on, for comparison (not a goal of the provider).
        ItRealm protectedRealm = realm("rel-race-bf", true, "MIGRATE");
        ReliabilityLegacyRows.Row userBf = rows.get("rel_race_bf");
        List<ReliabilityHttp.Result> resultsBf = simultaneously(RACERS,
                () -> login(protectedRealm, userBf.username(), userBf.password()));
        List<JsonNode> usersBf = usersNamed(protectedRealm, userBf.username());
        boolean oneBf = usersBf.size() == 1 && !usersBf.get(0).path("id").asText().startsWith("f:");

        report.goal(RACERS + " simultaneous first logins of one user (MIGRATE, brute force off) give exactly one "
                        + "Keycloak user", users.size() + " user(s) named " + user.username() + (one ? ", local (not f:)" : "")
                        + "; " + ok + "/" + RACERS + " logins got a token, " + subs.size() + " distinct sub(s)"
                        + (sameSub ? " = that user" : ""), one && sameSub);
        report.goal("... and every one of them succeeds (docs/migration.md)", ok + "/" + RACERS + " HTTP 200", ok == RACERS);
        report.goal("the same race in a brute-force-protected realm still gives exactly one user (for comparison)",
                usersBf.size() + " user(s); answers " + answers(resultsBf), oneBf);
        report.line(String.format(Locale.ROOT, "**Race** (brute force off): %d threads released by one latch, all "
                        + "logging in as the legacy user `rel_race` (bcrypt-10) for the first time. Answers: %s; latency "
                        + "median %s ms, max %s ms; the legacy row's migrated flag: %s.", RACERS, answers(results),
                ReliabilityStats.ms(ReliabilityStats.median(latencies)), ReliabilityStats.ms(ReliabilityStats.max(latencies)),
                migratedFlag == 1 ? "set" : "NOT set"))
                .blank()
                .line("**Why brute force is off for the race:** in a brute-force-protected realm Keycloak 26.7 refuses a "
                        + "login while another login of the *same* user is in flight (`user_temporarily_disabled`, "
                        + "`DefaultBlockingBruteForceProtector`, the fix for CVE-2024-4629), unless the server runs with "
                        + "`--spi-brute-force-protector-default-brute-force-detector-allow-concurrent-requests=true`. "
                        + "The race would then be decided by Keycloak before the provider sees most of the requests. "
                        + "Measured in the protected realm `rel-race-bf` with the same " + RACERS + " threads: "
                        + answers(resultsBf) + "; users created: " + usersBf.size() + ".")
                .blank();

        assertThat(users).as("Keycloak users named " + user.username()).hasSize(1);
        assertThat(id).doesNotStartWith("f:");
        assertThat(subs).as("subjects of the tokens").containsOnly(id);
        assertThat(ok).as("answers " + answers(results)).isEqualTo(RACERS);
        assertThat(migratedFlag).isEqualTo(1);
        assertThat(usersBf).as("users in the protected realm").hasSize(1);
    }

    @Test
    @Order(2)
    @DisplayName("500 mixed logins (native, migrated, federated) at concurrency 32 give 0 errors")
    void mixedLoginsWhenConcurrency32ThenNoErrors() throws Exception {
        ItRealm migrateRealm = realm("rel-mix-m", false, "MIGRATE");
        ItRealm readOnlyRealm = realm("rel-mix-f", false, "READ_ONLY");
        Map<String, List<String[]>> accounts = new LinkedHashMap<>();
        List<String[]> natives = new ArrayList<>();
        for (int i = 0; i < USERS_PER_KIND; i++) {
            String password = "rel-cnative-" + i + "-" + Long.toHexString(System.nanoTime());
            ReliabilitySecrets.addPassword(password);
            keycloak.admin().createUser(migrateRealm.name(), "rel_cnative_" + i, password,
                    "rel_cnative_" + i + "@rel.example", "Native", "User" + i);
            natives.add(new String[] {migrateRealm.name(), "rel_cnative_" + i, password});
        }
        List<String[]> migrated = new ArrayList<>();
        List<String[]> federated = new ArrayList<>();
        for (int i = 0; i < USERS_PER_KIND; i++) {
            ReliabilityLegacyRows.Row m = rows.get("rel_cmig_" + i);
            ReliabilityHttp.Result first = login(migrateRealm, m.username(), m.password());
            assertThat(first.ok()).as("migrating " + m.username() + ": " + first).isTrue();
            assertThat(first.claims().path("sub").asText()).doesNotStartWith("f:");
            migrated.add(new String[] {migrateRealm.name(), m.username(), m.password()});
            ReliabilityLegacyRows.Row f = rows.get("rel_cfed_" + i);
            federated.add(new String[] {readOnlyRealm.name(), f.username(), f.password()});
        }
        accounts.put("native", natives);
        accounts.put("migrated", migrated);
        accounts.put("federated", federated);

        Random random = new Random(32L);
        List<String[]> plan = new ArrayList<>();   // {kind, realm, username, password}
        for (int i = 0; i < MIXED_LOGINS; i++) {
            String kind = KINDS.get(i % KINDS.size());
            String[] account = accounts.get(kind).get(random.nextInt(USERS_PER_KIND));
            plan.add(new String[] {kind, account[0], account[1], account[2]});
        }
        java.util.Collections.shuffle(plan, random);

        ExecutorService pool = Executors.newFixedThreadPool(MIXED_CONCURRENCY);
        List<Future<ReliabilityHttp.Result>> futures = new ArrayList<>();
        String loadBefore = ReliabilityReport.loadAverageText();
        long start = System.nanoTime();
        try {
            for (String[] p : plan) {
                futures.add(pool.submit(() -> ReliabilityHttp.passwordGrant(keycloak.baseUrl(), p[1], ItRealm.CLIENT,
                        p[2], p[3])));
            }
            for (Future<ReliabilityHttp.Result> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String loadAfter = ReliabilityReport.loadAverageText();

        Map<String, List<Double>> latency = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> byKind = new LinkedHashMap<>();
        Map<String, String> idsByAccount = new HashMap<>();
        int errors = 0;
        int wrongIdentity = 0;
        for (int i = 0; i < plan.size(); i++) {
            String kind = plan.get(i)[0];
            ReliabilityHttp.Result r = futures.get(i).get();
            latency.computeIfAbsent(kind, k -> new ArrayList<>()).add(r.millis());
            byKind.computeIfAbsent(kind, k -> new TreeMap<>()).merge(r.ok() ? "200" : r.describe(), 1, Integer::sum);
            if (!r.ok()) {
                errors++;
            } else {
                JsonNode claims = r.claims();
                // Every kind of user has a permanent Keycloak id, and the token names exactly that user.
                String expectedSub = idsByAccount.computeIfAbsent(plan.get(i)[1] + "/" + plan.get(i)[2], key -> {
                    List<JsonNode> found = keycloak.admin().findUsers(key.substring(0, key.indexOf('/')),
                            Map.of("username", key.substring(key.indexOf('/') + 1), "exact", "true"));
                    return found.size() == 1 ? found.get(0).path("id").asText() : "(" + found.size() + " users)";
                });
                if (!claims.path("preferred_username").asText().equals(plan.get(i)[2])
                        || !claims.path("sub").asText().equals(expectedSub)) {
                    wrongIdentity++;
                }
            }
        }
        List<List<String>> rowsOut = new ArrayList<>();
        for (String kind : KINDS) {
            double[] s = ReliabilityStats.sorted(latency.get(kind));
            rowsOut.add(List.of(kind, String.valueOf(s.length), byKind.get(kind).toString(),
                    ReliabilityStats.ms(ReliabilityStats.median(s)), ReliabilityStats.ms(ReliabilityStats.percentile(s, 90)),
                    ReliabilityStats.ms(ReliabilityStats.percentile(s, 99)), ReliabilityStats.ms(ReliabilityStats.max(s))));
        }
        report.goal(MIXED_LOGINS + " mixed logins at concurrency " + MIXED_CONCURRENCY + ": 0 errors",
                errors + " errors, " + wrongIdentity + " tokens for the wrong user or of the wrong kind",
                errors == 0 && wrongIdentity == 0);
        report.line(String.format(Locale.ROOT, "**Mixed load**: %d logins, a third each of native users (%d, realm "
                                + "`rel-mix-m`), migrated users (%d, same realm, migrated by a login before) and federated "
                                + "users (%d, READ_ONLY realm `rel-mix-f`), shuffled (seeded), %d at a time from a fixed "
                                + "thread pool; components with default pool (10) and timeouts (5 s); brute force off (with "
                                + "%d requests in flight over %d users, the same user is often logged in twice at once). "
                                + "Took %.1f s (%.1f logins/s); load average %s before, %s after.", MIXED_LOGINS,
                        USERS_PER_KIND, USERS_PER_KIND, USERS_PER_KIND, MIXED_CONCURRENCY, MIXED_CONCURRENCY,
                        3 * USERS_PER_KIND, seconds, MIXED_LOGINS / seconds, loadBefore, loadAfter))
                .blank()
                .table(List.of("kind", "logins", "answers", "median (ms)", "p90 (ms)", "p99 (ms)", "max (ms)"), rowsOut);

        assertThat(errors).as("answers by kind: " + byKind).isZero();
        assertThat(wrongIdentity).isZero();
    }
}
