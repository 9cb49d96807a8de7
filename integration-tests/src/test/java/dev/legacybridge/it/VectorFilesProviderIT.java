package dev.legacybridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.legacybridge.hash.LegacyPasswordVerifier;
import dev.legacybridge.hash.SchemeInfo;
import dev.legacybridge.stack.DemoRealm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Every case of both shared vector files ({@code password-hashes.json}, {@code more-password-hashes.json}) as a row of
 * a legacy table, logged in through Keycloak's password grant: a case that matches gets a token, a wrong password or a
 * malformed value {@code invalid_grant}, and nothing answers 5xx.
 *
 * <p>Cases without {@code params} share three tables (by cost, see below). Cases whose format needs settings get a
 * table and a component per distinct setting, configured as an admin would: Firebase's project parameters in
 * "Password format settings" with the signer key from the vault and each user's {@code base64_salt} in the salt
 * column; Spring encoder settings with {@code delegating_id} naming the encoder (the CLI derives it from the stored
 * value, the component cannot). Every scheme is allowed, at the default cost caps (which accept every legitimate
 * case).
 *
 * <p>All tables live in one SQLite file and all components in one realm. A username Keycloak has not seen is looked
 * up in the components by priority, and the first miss verifies a decoy of that component's table, so the component
 * of cheap weak digests (Spring's {@code {MD5}}) is asked first. A failed login waits until its table's costliest
 * hash would have been verified ({@code FailureFloor}), so the cases without settings are spread over three tables by
 * cost ({@link CostTiers}); logins run four at a time, so that the waits overlap (more would make every hash slower
 * under contention, and the floors with them), except the costly tier's, which run one by one (memory, see the test).
 */
@DisplayName("Given every case of the shared vector files as legacy rows")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VectorFilesProviderIT {

    private static final int PARALLEL_LOGINS = 4;

    private KeycloakEnvironment keycloak;
    private SqliteLegacyDatabase sqlite;
    private ItRealm realm;
    private final List<Path> vaultFiles = new ArrayList<>();
    /** The rows of each table. */
    private final Map<Group, List<Row>> groups = new LinkedHashMap<>();

    /** A case as a row: its username in the table, and the component settings its format needs. */
    record Row(String username, HashVectors.Case vector, Map<String, String> settings, String salt) {
    }

    /**
     * One table and its component: the settings its format needs (before vault references), and for the cases
     * without settings a cost tier, 0 to 2.
     */
    record Group(Map<String, String> settings, int tier) {
    }

    /** Tier bounds: a class whose verification takes less than 40 ms is cheap, less than 100 ms medium. */
    private static final long CHEAP_NANOS = 40_000_000L;
    private static final long MEDIUM_NANOS = 100_000_000L;
    private static final int COSTLY = 2;

    @BeforeAll
    void setUp() throws IOException {
        keycloak = SharedKeycloak.get();
        List<HashVectors.Case> cases = new ArrayList<>(HashVectors.load(HashVectors.FIRST));
        cases.addAll(HashVectors.load(HashVectors.MORE));
        int n = 0;
        CostTiers tiers = new CostTiers();
        for (HashVectors.Case c : cases) {
            Row row = new Row(String.format(Locale.ROOT, "vec%03d", ++n), c, settingsOf(c),
                    c.params().get("base64_salt"));
            Group group = new Group(row.settings(), row.settings().isEmpty() ? tiers.of(c.hash()) : 0);
            groups.computeIfAbsent(group, k -> new ArrayList<>()).add(row);
        }
        sqlite = SqliteLegacyDatabase.createEmpty(ItSettings.workDir().resolve("legacy/vector-files.sqlite3"));
        realm = ItRealm.create(keycloak, "vectors", Map.of("bruteForceProtected", false)).withOptionalNamesAndEmail();

        List<Group> ordered = new ArrayList<>(groups.keySet());
        ordered.sort((a, b) -> Integer.compare(askOrder(a), askOrder(b)));
        List<String> allSchemes = LegacyPasswordVerifier.schemes().stream().map(SchemeInfo::id).toList();
        Map<String, String> signerKeys = new LinkedHashMap<>();
        int table = 0;
        for (Group group : ordered) {
            Map<String, String> settings = group.settings();
            String name = "vec_" + (++table);
            sqlite.executeEach("CREATE TABLE " + name + " (id integer PRIMARY KEY, username varchar(32) NOT NULL, "
                    + "password_hash text, salt text)");
            int id = 0;
            for (Row row : groups.get(group)) {
                sqlite.update("INSERT INTO " + name + " VALUES (?, ?, ?, ?)", ++id, row.username(),
                        row.vector().hash(), row.salt());
            }
            Map<String, Object> config = new LinkedHashMap<>(sqlite.componentConfig(keycloak));
            config.put("schemaPreset", "generic");
            config.put("usersTable", name);
            config.put("idColumn", "id");
            config.put("usernameColumn", "username");
            config.put("passwordColumn", "password_hash");
            config.put("allowedSchemes", allSchemes);
            config.put("priority", String.valueOf(table));
            if (!settings.isEmpty()) {
                List<String> entries = new ArrayList<>();
                for (Map.Entry<String, String> e : settings.entrySet()) {
                    String value = e.getValue();
                    if (e.getKey().equals("base64_signer_key")) {
                        String key = signerKeys.computeIfAbsent(value, v -> "firebasekey" + (signerKeys.size() + 1));
                        Path file = DistributionKeycloak.vaultDir().resolve(realm.name() + "_" + key);
                        Files.writeString(file, value, StandardCharsets.UTF_8);
                        vaultFiles.add(file);
                        value = "${vault." + key + "}";
                    }
                    entries.add(e.getKey() + "=" + value);
                }
                config.put("formatSettings", entries);
                if (settings.containsKey("base64_signer_key")) {
                    config.put("saltColumn", "salt");
                }
            }
            keycloak.admin().createUserStorageComponent(realm.name(), name, DemoRealm.LEGACY_PROVIDER_ID, config);
        }
    }

    @AfterAll
    void tearDown() throws IOException {
        if (realm != null) {
            realm.close();
        }
        for (Path file : vaultFiles) {
            Files.deleteIfExists(file);
        }
    }

    /**
     * The settings a component needs for this case, keyed as in "Password format settings": Firebase's project
     * parameters (the user's salt goes to the salt column), or a Spring encoder's settings with the encoder named in
     * {@code delegating_id}; {@code factory} and {@code encoder} only describe the source, and an empty Spring secret
     * is the default.
     */
    static Map<String, String> settingsOf(HashVectors.Case c) {
        Map<String, String> settings = new TreeMap<>(c.params());
        if (settings.isEmpty()) {
            return settings;
        }
        if (settings.containsKey("base64_signer_key")) {
            settings.remove("base64_salt");
            return settings;
        }
        settings.remove("factory");
        settings.remove("encoder");
        if ("".equals(settings.get("secret"))) {
            settings.remove("secret");
        }
        if (!settings.containsKey("delegating_id")) {
            settings.put("delegating_id", c.hash().substring(1, c.hash().indexOf('}')));
        }
        return settings;
    }

    /**
     * Components asked first: Spring's weak digests (the cheapest decoy), the other settings, then the tables without
     * settings from cheap to costly.
     */
    private static int askOrder(Group group) {
        Map<String, String> settings = group.settings();
        if (settings.isEmpty()) {
            return 3 + group.tier();
        }
        String algorithm = settings.getOrDefault("algorithm", "");
        return algorithm.equals("MD5") || algorithm.equals("SHA-1") ? 0 : settings.containsKey("rounds") ? 2 : 1;
    }

    /**
     * Sorts the cases without settings into three tables by what one verification of their cost class takes here
     * (timed once per class with the same verifier code, at every scheme): a failed login waits until its table's
     * costliest class would have been verified, so a cheap row in a table with a 64 MiB scrypt would wait for it.
     * Values no login can verify (malformed, unsupported, absurd cost) are cheap.
     */
    private static final class CostTiers {
        private final LegacyPasswordVerifier verifier = new LegacyPasswordVerifier(
                dev.legacybridge.hash.HashPolicy.allowingAll());
        private final Map<String, Integer> byClass = new java.util.HashMap<>();

        int of(String stored) {
            return verifier.costClass(stored).map(costClass -> byClass.computeIfAbsent(costClass, k -> {
                long start = System.nanoTime();
                verifier.verify("not the password", stored);
                long nanos = System.nanoTime() - start;
                return nanos < CHEAP_NANOS ? 0 : nanos < MEDIUM_NANOS ? 1 : 2;
            })).orElse(0);
        }
    }

    /** What the password grant must answer for a case. */
    private static int expectedStatus(HashVectors.Case c) {
        return c.matches() && !c.malformed() ? 200 : 400;
    }

    @Test
    @DisplayName("each case logs in exactly when the reference software says the password matches; none answers 5xx")
    void passwordGrantWhenVectorCaseThenReferenceAnswer() throws Exception {
        // The costly tier last and one at a time: its rows hash with up to 100 MiB each (Django's argon2 default,
        // Spring's scrypt default), and a few of those at once, next to the table survey, exhaust the 512 MiB heap
        // Keycloak's kc.sh gives itself by default (seen: java.lang.OutOfMemoryError, and Keycloak exits).
        List<Row> concurrent = new ArrayList<>();
        List<Row> oneByOne = new ArrayList<>();
        groups.forEach((group, members) -> (group.settings().isEmpty() && group.tier() == COSTLY ? oneByOne
                : concurrent).addAll(members));
        List<Row> rows = new ArrayList<>(concurrent);
        rows.addAll(oneByOne);
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL_LOGINS);
        long start = System.nanoTime();
        List<Future<TokenClient.TokenResponse>> answers = new ArrayList<>();
        java.util.concurrent.atomic.AtomicLong busyNanos = new java.util.concurrent.atomic.AtomicLong();
        try {
            for (Row row : concurrent) {
                answers.add(pool.submit(() -> timedLogin(row, busyNanos)));
            }
            for (Future<TokenClient.TokenResponse> answer : new ArrayList<>(answers)) {
                answer.get();
            }
            for (Row row : oneByOne) {
                answers.add(java.util.concurrent.CompletableFuture.completedFuture(timedLogin(row, busyNanos)));
            }
            List<String> wrong = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                HashVectors.Case c = rows.get(i).vector();
                TokenClient.TokenResponse response = answers.get(i).get();
                int expected = expectedStatus(c);
                boolean ok = response.status() == expected
                        && (expected == 200 || "invalid_grant".equals(response.error()));
                if (!ok) {
                    wrong.add(c.file().substring(c.file().lastIndexOf('/') + 1) + " " + c.id() + " (matches="
                            + c.matches() + ", malformed=" + c.malformed() + "): HTTP " + response.status() + " "
                            + (response.status() == 200 ? "token" : response.body()));
                }
            }
            System.err.printf(Locale.ROOT, "[it] VectorFilesProviderIT: %d password grants (%d tables; %d at a time, "
                    + "then %d costly ones one by one) in %.1f s; %.1f s summed over the requests%n", rows.size(),
                    groups.size(), PARALLEL_LOGINS, oneByOne.size(), (System.nanoTime() - start) / 1e9,
                    busyNanos.get() / 1e9);
            assertThat(wrong).as("cases answered differently from the reference software").isEmpty();
            assertThat(rows).hasSize(HashVectors.load(HashVectors.FIRST).size()
                    + HashVectors.load(HashVectors.MORE).size());
        } finally {
            pool.shutdownNow();
        }
    }

    private TokenClient.TokenResponse timedLogin(Row row, java.util.concurrent.atomic.AtomicLong busyNanos) {
        long t = System.nanoTime();
        try {
            return realm.login(row.username(), row.vector().password());
        } finally {
            busyNanos.addAndGet(System.nanoTime() - t);
        }
    }

    @Test
    @Order(Integer.MAX_VALUE) // after the logins whose traces it looks for
    @DisplayName("the server log holds no stored value, salt or signer key of the vector files")
    void serverLogWhenVectorsLoggedInThenNoSecrets() {
        String log = keycloak.serverLog();
        for (List<Row> rows : groups.values()) {
            for (Row row : rows) {
                String hash = row.vector().hash();
                if (hash.length() >= 16) {
                    assertThat(log).as("the log must not contain the stored value of %s", row.vector().id())
                            .doesNotContain(hash);
                }
                row.vector().params().forEach((key, value) -> {
                    if ((key.equals("base64_signer_key") || key.equals("base64_salt")) && value.length() >= 12) {
                        assertThat(log).as("the log must not contain %s of %s", key, row.vector().id())
                                .doesNotContain(value);
                    }
                });
            }
        }
    }
}
