package dev.legacybridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.legacybridge.hash.EncodingTarget;
import dev.legacybridge.hash.PasswordEncoders;
import dev.legacybridge.stack.DemoRealm;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Reliability check 1: a login with an unknown username must cost what a login with a wrong password for an existing
 * legacy user costs, so that response times do not tell an attacker which usernames exist.
 *
 * <p>Legacy users with bcrypt cost 10 hashes in a legacy PostgreSQL whose newest row is also bcrypt-10 (the provider's
 * dummy verification imitates the newest row). Both kinds of request go through the real token endpoint, interleaved
 * in random order pair by pair (so drift and noise of the shared machine hit both alike), after a warm-up, once the
 * machine is quiet. The realm has brute-force detection off: with it on, the wrong passwords would lock the users
 * after five failures and the measurement would turn into "locked user" vs "unknown user".
 */
@Order(10)
@EnabledIfSystemProperty(named = "it.reliability", matches = "true",
        disabledReason = "reliability suite: run with -Preliability (integration-tests/reliability.sh)")
@DisplayName("Reliability: an unknown username costs what a wrong password costs")
class ReliabilityTimingIT {

    private static final int SAMPLES = Integer.getInteger("it.reliability.timingSamples", 300);
    private static final int WARMUP_PAIRS = 40;
    private static final int USERS = 10;
    private static final int BCRYPT_COST = 10;
    private static final String ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private static KeycloakEnvironment keycloak;
    private static EmbeddedPostgresLegacyDatabase postgres;
    private static ItRealm realm;
    private static final List<ReliabilityLegacyRows.Row> users = new ArrayList<>();

    @BeforeAll
    static void setUp() {
        keycloak = SharedKeycloak.get();
        postgres = EmbeddedPostgresLegacyDatabase.createSeeded(ItSettings.workDir().resolve("pg-rel-timing"), false);
        for (int i = 0; i < USERS; i++) {
            String password = randomString(20);
            users.add(new ReliabilityLegacyRows.Row(String.format(Locale.ROOT, "rel_timing_%02d", i), password,
                    PasswordEncoders.encode(EncodingTarget.bcrypt(BCRYPT_COST), password),
                    String.format(Locale.ROOT, "rel_timing_%02d@rel.example", i)));
        }
        ReliabilityLegacyRows.insert(postgres, users);
        realm = ItRealm.create(keycloak, "rel-timing", Map.of("bruteForceProtected", false));
        Map<String, Object> config = new HashMap<>(postgres.componentConfig(keycloak));
        config.put("editMode", "READ_ONLY");
        keycloak.admin().createUserStorageComponent(realm.name(), "legacy-pg", DemoRealm.LEGACY_PROVIDER_ID, config);
        ReliabilitySecrets.markRan(ReliabilityTimingIT.class);   // set up: its secrets are registered
    }

    @AfterAll
    static void tearDown() {
        if (realm != null) {
            realm.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    private static String randomString(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    private static ReliabilityHttp.Result login(String username, String password) {
        return ReliabilityHttp.passwordGrant(keycloak.baseUrl(), realm.name(), ItRealm.CLIENT, username, password);
    }

    /** An unknown username as long as the real ones ({@code rel_timing_NN}): {@code rel_ghost_xxx}. */
    private static ReliabilityHttp.Result unknownUser() {
        String password = randomString(20);
        ReliabilitySecrets.addPassword(password);
        return login("rel_ghost_" + randomString(3).toLowerCase(Locale.ROOT), password);
    }

    private static ReliabilityHttp.Result wrongPassword(Random pick) {
        ReliabilityLegacyRows.Row user = users.get(pick.nextInt(users.size()));
        String wrong = randomString(20);
        ReliabilitySecrets.addPassword(wrong);
        return login(user.username(), wrong);
    }

    @Test
    @DisplayName("medians within 5 %, distributions overlapping, identical error bodies")
    void loginWhenUnknownUserOrWrongPasswordThenSameCost() {
        ReliabilityReport.Section report = ReliabilityReport.section("timing",
                "1. Timing: unknown username vs wrong password (bcrypt cost 10)");
        String newest = ReliabilityLegacyRows.newestStoredHash(postgres);
        assertThat(newest).as("the newest legacy row, which the dummy verification imitates").startsWith("$2b$10$");
        for (ReliabilityLegacyRows.Row user : users) {
            ReliabilityHttp.Result ok = login(user.username(), user.password());
            assertThat(ok.ok()).as(user.username() + ": " + ok).isTrue();
        }

        Random order = new Random(20240607L);
        for (int i = 0; i < WARMUP_PAIRS; i++) {
            unknownUser();
            wrongPassword(order);
        }
        ReliabilityQuiet.Outcome quiet = ReliabilityQuiet.await();
        for (int i = 0; i < 10; i++) {
            unknownUser();
            wrongPassword(order);
        }

        String loadBefore = ReliabilityReport.loadAverageText();
        long start = System.nanoTime();
        List<Double> unknown = new ArrayList<>();
        List<Double> wrong = new ArrayList<>();
        Map<String, Integer> bodies = new LinkedHashMap<>();
        Map<String, Integer> answers = new LinkedHashMap<>();
        for (int i = 0; i < SAMPLES; i++) {
            boolean unknownFirst = order.nextBoolean();
            for (int k = 0; k < 2; k++) {
                boolean isUnknown = (k == 0) == unknownFirst;
                ReliabilityHttp.Result r = isUnknown ? unknownUser() : wrongPassword(order);
                (isUnknown ? unknown : wrong).add(r.millis());
                bodies.merge((isUnknown ? "unknown user: " : "wrong password: ") + r.describe(), 1, Integer::sum);
                answers.merge(r.describe(), 1, Integer::sum);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String loadAfter = ReliabilityReport.loadAverageText();

        List<Double> correct = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ReliabilityLegacyRows.Row user = users.get(i % users.size());
            ReliabilityHttp.Result r = login(user.username(), user.password());
            assertThat(r.ok()).as(r.toString()).isTrue();
            correct.add(r.millis());
        }

        double[] u = ReliabilityStats.sorted(unknown);
        double[] w = ReliabilityStats.sorted(wrong);
        double[] c = ReliabilityStats.sorted(correct);
        double medU = ReliabilityStats.median(u);
        double medW = ReliabilityStats.median(w);
        double diff = (medU - medW) / medW;
        double ks = ReliabilityStats.ksStatistic(u, w);
        double ksP = ReliabilityStats.ksPValue(ks, u.length, w.length);
        double ovl = ReliabilityStats.overlapCoefficient(u, w, 30);
        boolean mediansClose = Math.abs(diff) <= 0.05;
        boolean overlapping = medU >= ReliabilityStats.percentile(w, 10) && medU <= ReliabilityStats.percentile(w, 90)
                && medW >= ReliabilityStats.percentile(u, 10) && medW <= ReliabilityStats.percentile(u, 90);
        String expectedBody = "HTTP 400 {\"error\":\"invalid_grant\",\"error_description\":\"Invalid user credentials\"}";
        boolean sameBodies = answers.size() == 1 && answers.containsKey(expectedBody);

        String png = "reliability-timing.png";
        ReliabilityPlot.distributions(ReliabilityReport.imagesDir().resolve(png),
                String.format(Locale.ROOT, "Token endpoint latency, n = %d each (bcrypt-10 legacy users, brute force off)",
                        SAMPLES),
                new ReliabilityPlot.Series("unknown username (median " + ReliabilityStats.ms(medU) + " ms)",
                        ReliabilityPlot.BLUE, u),
                new ReliabilityPlot.Series("wrong password (median " + ReliabilityStats.ms(medW) + " ms)",
                        ReliabilityPlot.ORANGE, w),
                "milliseconds (client side, whole HTTP request)");

        report.goal("medians within 5 %", String.format(Locale.ROOT, "unknown %s ms vs wrong %s ms: %+.1f %%",
                ReliabilityStats.ms(medU), ReliabilityStats.ms(medW), diff * 100), mediansClose);
        report.goal("distributions overlap (each median inside the other's p10-p90)", String.format(Locale.ROOT,
                "KS D = %.3f (p = %.3g), overlap coefficient %.2f", ks, ksP, ovl), overlapping);
        report.goal("same status and body for both (no enumeration through the message)",
                answers.size() + " distinct answer(s) over both kinds", sameBodies);
        report.line("Setup: legacy PostgreSQL (seed + " + USERS + " users `rel_timing_NN` with `$2b$10$` hashes, "
                        + "inserted last, so the newest row is bcrypt-10), realm with **brute-force detection off**, "
                        + "component READ_ONLY with default settings. Unknown usernames are random `rel_ghost_xxx` (same "
                        + "length); wrong passwords are random 20-character strings against a random one of the "
                        + USERS + " users (all of them cached by Keycloak after the warm-up, as they are for an "
                        + "attacker who probes a user repeatedly).")
                .line(String.format(Locale.ROOT, "Protocol: %d warm-up pairs; quiet-machine wait: %s; 10 more warm-up "
                        + "pairs; then %d pairs, each pair in random order (seeded), one request at a time, timed "
                        + "around the whole HTTP call on the client. Measurement took %.0f s; load average %s before, "
                        + "%s after.", WARMUP_PAIRS, quiet.describe(), SAMPLES, seconds, loadBefore, loadAfter))
                .blank()
                .table(List.of("kind", "n", "p10 (ms)", "median (ms)", "p90 (ms)", "mean (ms)", "max (ms)"), List.of(
                        row("unknown username", u), row("wrong password", w),
                        row("correct password (reference, after)", c)))
                .line(String.format(Locale.ROOT, "Two-sample Kolmogorov-Smirnov: D = %.3f, asymptotic p = %.3g; "
                        + "overlap coefficient of the histograms (30 common bins): %.2f (1 = identical).", ks, ksP, ovl))
                .blank()
                .line("Answers seen: " + bodies.entrySet().stream().map(e -> e.getValue() + " x " + e.getKey())
                        .toList())
                .blank()
                .image(png, "histograms and CDFs of the two latency distributions");
        report.write();

        assertThat(sameBodies).as("answers: " + bodies).isTrue();
        assertThat(Math.abs(diff)).as("relative difference of the medians").isLessThanOrEqualTo(0.05);
        assertThat(overlapping).as("each median inside the other's p10-p90").isTrue();
    }

    @Test
    @DisplayName("on a table mixing cheap and costly hashes, unknown users and wrong passwords on the cheapest and the "
            + "costliest rows cost the same, and a successful login is not slowed")
    void loginWhenMixedTableThenEveryFailureCostsTheSame() {
        ReliabilityReport.Section report = ReliabilityReport.section("timing-mixed",
                "1b. Timing on a mixed table: unknown username vs wrong password on the cheapest and the costliest rows");
        EmbeddedPostgresLegacyDatabase mixed = EmbeddedPostgresLegacyDatabase.createSeeded(
                ItSettings.workDir().resolve("pg-rel-timing-mixed"), true);
        ItRealm mixedRealm = ItRealm.create(keycloak, "rel-timing-mixed", Map.of("bruteForceProtected", false));
        try {
            List<ReliabilityLegacyRows.Row> cheap = new ArrayList<>();
            List<ReliabilityLegacyRows.Row> costly = new ArrayList<>();
            for (int i = 0; i < USERS; i++) {
                String password = randomString(20);
                cheap.add(new ReliabilityLegacyRows.Row(String.format(Locale.ROOT, "rel_cheap_%02d", i), password,
                        PasswordEncoders.encode(EncodingTarget.djangoPbkdf2Sha256(10_000), password),
                        String.format(Locale.ROOT, "rel_cheap_%02d@rel.example", i)));
                String other = randomString(20);
                costly.add(new ReliabilityLegacyRows.Row(String.format(Locale.ROOT, "rel_costly_%02d", i), other,
                        PasswordEncoders.encode(EncodingTarget.defaultFor("django_argon2"), other),
                        String.format(Locale.ROOT, "rel_costly_%02d@rel.example", i)));
            }
            List<ReliabilityLegacyRows.Row> all = new ArrayList<>(costly);
            all.addAll(cheap); // the cheap rows are the newest: the old decoy (the newest row) would have been cheap
            ReliabilityLegacyRows.insert(mixed, all);
            Map<String, Object> config = new HashMap<>(mixed.componentConfig(keycloak));
            config.put("editMode", "READ_ONLY");
            String componentId = keycloak.admin().createUserStorageComponent(mixedRealm.name(), "legacy-pg",
                    DemoRealm.LEGACY_PROVIDER_ID, config);
            Random order = new Random(20261206L);
            java.util.function.Function<String, ReliabilityHttp.Result> attempt = kind -> {
                String wrong = randomString(20);
                ReliabilitySecrets.addPassword(wrong);
                return switch (kind) {
                    case "unknown" -> ReliabilityHttp.passwordGrant(keycloak.baseUrl(), mixedRealm.name(),
                            ItRealm.CLIENT, "rel_ghost_" + randomString(4).toLowerCase(Locale.ROOT), wrong);
                    case "cheap" -> ReliabilityHttp.passwordGrant(keycloak.baseUrl(), mixedRealm.name(),
                            ItRealm.CLIENT, cheap.get(order.nextInt(USERS)).username(), wrong);
                    default -> ReliabilityHttp.passwordGrant(keycloak.baseUrl(), mixedRealm.name(), ItRealm.CLIENT,
                            costly.get(order.nextInt(USERS)).username(), wrong);
                };
            };
            List<String> kinds = List.of("unknown", "cheap", "costly");
            for (int i = 0; i < 20; i++) {
                kinds.forEach(attempt::apply);
            }
            String surveyed = "Legacy user storage [" + componentId + "]: ";
            assertThat(Poll.until(java.time.Duration.ofMinutes(2), java.time.Duration.ofMillis(500), keycloak::serverLog,
                    log -> log.contains(surveyed))).as("the cost survey of the table").contains(surveyed);
            ReliabilityQuiet.Outcome quiet = ReliabilityQuiet.await();
            String loadBefore = ReliabilityReport.loadAverageText();
            Map<String, List<Double>> times = new LinkedHashMap<>();
            Map<String, Integer> answers = new LinkedHashMap<>();
            int triples = Math.max(50, SAMPLES / 2);
            for (int i = 0; i < triples; i++) {
                List<String> shuffled = new ArrayList<>(kinds);
                java.util.Collections.shuffle(shuffled, order);
                for (String kind : shuffled) {
                    ReliabilityHttp.Result r = attempt.apply(kind);
                    times.computeIfAbsent(kind, k -> new ArrayList<>()).add(r.millis());
                    answers.merge(r.describe(), 1, Integer::sum);
                }
            }
            List<Double> success = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                ReliabilityLegacyRows.Row user = cheap.get(i % USERS);
                ReliabilityHttp.Result r = ReliabilityHttp.passwordGrant(keycloak.baseUrl(), mixedRealm.name(),
                        ItRealm.CLIENT, user.username(), user.password());
                assertThat(r.ok()).as(r.toString()).isTrue();
                success.add(r.millis());
            }
            String loadAfter = ReliabilityReport.loadAverageText();

            double[] u = ReliabilityStats.sorted(times.get("unknown"));
            double[] ch = ReliabilityStats.sorted(times.get("cheap"));
            double[] co = ReliabilityStats.sorted(times.get("costly"));
            double[] ok = ReliabilityStats.sorted(success);
            double medU = ReliabilityStats.median(u);
            double medCheap = ReliabilityStats.median(ch);
            double medCostly = ReliabilityStats.median(co);
            double medOk = ReliabilityStats.median(ok);
            double spread = (Math.max(medU, Math.max(medCheap, medCostly)) - Math.min(medU, Math.min(medCheap, medCostly)))
                    / Math.min(medU, Math.min(medCheap, medCostly));
            String expectedBody = "HTTP 400 {\"error\":\"invalid_grant\",\"error_description\":\"Invalid user credentials\"}";
            boolean sameBodies = answers.size() == 1 && answers.containsKey(expectedBody);

            String png = "reliability-timing-mixed.png";
            ReliabilityPlot.distributions(ReliabilityReport.imagesDir().resolve(png),
                    String.format(Locale.ROOT, "Token endpoint latency on a mixed table, n = %d each", triples),
                    new ReliabilityPlot.Series("unknown username (median " + ReliabilityStats.ms(medU) + " ms)",
                            ReliabilityPlot.BLUE, u),
                    new ReliabilityPlot.Series("wrong password, pbkdf2 10,000 (median " + ReliabilityStats.ms(medCheap)
                            + " ms)", ReliabilityPlot.ORANGE, ch),
                    "milliseconds (client side, whole HTTP request)");
            report.goal("medians of unknown / cheapest / costliest within 5 %", String.format(Locale.ROOT,
                    "%s / %s / %s ms: spread %.1f %%", ReliabilityStats.ms(medU), ReliabilityStats.ms(medCheap),
                    ReliabilityStats.ms(medCostly), spread * 100), spread <= 0.05);
            report.goal("a successful login is not slowed (cheapest rows)", String.format(Locale.ROOT,
                    "correct password %s ms vs failed %s ms", ReliabilityStats.ms(medOk), ReliabilityStats.ms(medCheap)),
                    medOk < medCheap);
            report.goal("same status and body for all", answers.size() + " distinct answer(s)", sameBodies);
            report.line("Setup: legacy PostgreSQL with the seed (every Django hasher, Django 4.2's 600,000-iteration "
                            + "PBKDF2, argon2, scrypt, weak schemes refused by the policy) plus " + USERS
                            + " users `rel_costly_NN` with Django's default argon2 (m=102400, t=2, p=8) and " + USERS
                            + " users `rel_cheap_NN` with PBKDF2-SHA256 at 10,000 iterations (Django 1.x), inserted last. "
                            + "Component " + componentId + " READ_ONLY, brute force off.")
                    .line(String.format(Locale.ROOT, "Protocol: 20 warm-up triples; quiet-machine wait: %s; %d triples "
                            + "in random order, one request at a time; then 30 correct logins of cheap users. Load average "
                            + "%s before, %s after.", quiet.describe(), triples, loadBefore, loadAfter))
                    .blank()
                    .table(List.of("kind", "n", "p10 (ms)", "median (ms)", "p90 (ms)", "mean (ms)", "max (ms)"), List.of(
                            row("unknown username", u), row("wrong password, cheapest row (pbkdf2 10,000)", ch),
                            row("wrong password, costliest row (argon2 default)", co),
                            row("correct password, cheapest row (reference)", ok)))
                    .image(png, "unknown vs cheapest-row wrong password");
            report.write();

            assertThat(sameBodies).as("answers: " + answers).isTrue();
            assertThat(spread).as("spread of the three medians").isLessThanOrEqualTo(0.05);
            assertThat(medOk).as("a successful login is not padded").isLessThan(medCheap);
        } finally {
            mixedRealm.close();
            mixed.close();
        }
    }

    private static List<String> row(String kind, double[] sorted) {
        return List.of(kind, String.valueOf(sorted.length), ReliabilityStats.ms(ReliabilityStats.percentile(sorted, 10)),
                ReliabilityStats.ms(ReliabilityStats.median(sorted)),
                ReliabilityStats.ms(ReliabilityStats.percentile(sorted, 90)),
                ReliabilityStats.ms(ReliabilityStats.mean(sorted)), ReliabilityStats.ms(ReliabilityStats.max(sorted)));
    }
}
