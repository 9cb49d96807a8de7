package dev.legacybridge.perf;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Checks which {@code kc.sh start} spelling of the brute-force protector's {@code allowConcurrentRequests} option
 * Keycloak 26.7 honours: for each candidate (and without any), starts Keycloak, fires {@value #PARALLEL} simultaneous
 * password grants for ONE native user of a realm with brute-force detection, and prints the outcomes. Without the
 * option the default {@code DefaultBlockingBruteForceProtector} refuses all but one of the overlapping logins.
 *
 * <pre>java -cp perf/target/classes:$(cat perf/target/classpath.txt) dev.legacybridge.perf.BruteForceOptionCheck</pre>
 */
public final class BruteForceOptionCheck {

    private static final int PARALLEL = 8;
    static final List<String> CANDIDATES = List.of(
            "--spi-brute-force-protector--default-brute-force-detector--allow-concurrent-requests=true",
            "--spi-brute-force-protector-default-brute-force-detector-allow-concurrent-requests=true");

    private BruteForceOptionCheck() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args.length > 0 ? args[0] : "/tmp/perf-work/bfcheck");
        Path artifacts = Path.of(args.length > 1 ? args[1] : "local-stack/target/stack").toAbsolutePath();
        List<String> variants = new ArrayList<>();
        variants.add(null);
        variants.addAll(CANDIDATES);
        for (String option : variants) {
            try (BenchKeycloak kc = BenchKeycloak.start(work, artifacts, option == null ? List.of() : List.of(option))) {
                Map<String, Integer> outcomes = concurrentLogins(kc);
                System.out.println("RESULT " + (option == null ? "(no option)" : option) + " -> " + outcomes);
            }
        }
        System.exit(0);
    }

    static Map<String, Integer> concurrentLogins(BenchKeycloak kc) throws Exception {
        AdminApi admin = kc.admin();
        String realm = "bf-check";
        admin.createRealm(realm, Map.of());
        admin.call("POST", "/" + realm + "/users", Map.of("username", "same-user", "enabled", true,
                "credentials", List.of(Map.of("type", "password", "value", "pw-same-user", "temporary", false))))
                .expect(201);
        LoginLoad load = new LoginLoad(kc.baseUrl(), realm, AdminApi.BENCH_CLIENT);
        LegacyUsers.Account account = new LegacyUsers.Account("same-user", "pw-same-user");
        if (load.login(account) != null) {
            throw new IllegalStateException("single login failed: " + load.login(account));
        }
        Map<String, Integer> outcomes = new TreeMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        try {
            for (int round = 0; round < 3; round++) {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<String>> results = new ArrayList<>();
                for (int i = 0; i < PARALLEL; i++) {
                    results.add(pool.submit(() -> {
                        go.await();
                        return load.login(account);
                    }));
                }
                go.countDown();
                for (Future<String> f : results) {
                    String r = f.get();
                    outcomes.merge(r == null ? "200" : r, 1, Integer::sum);
                }
                // the refusals count as failures; clear them so each round starts equal
                admin.call("DELETE", "/" + realm + "/attack-detection/brute-force/users", null).expect(204);
            }
        } finally {
            pool.shutdownNow();
        }
        admin.deleteRealm(realm);
        return outcomes;
    }
}
