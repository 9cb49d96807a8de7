package dev.legacybridge.perf;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The setup benchmarks 1 and 2 share: database {@code legacy_login} with {@code loginUsers} Django users
 * {@code fed0001...} whose {@code pbkdf2_sha256} hashes have N iterations, and realm {@code bench-login} (password policy
 * {@code hashAlgorithm(pbkdf2-sha256) and hashIterations(N)}) with a READ_ONLY {@code legacy-database} component over
 * it and as many native users {@code nat0001...}. Both kinds are members of group {@code readers} (the legacy ones
 * through {@code auth_user_groups}), so a token costs the same group lookup for both.
 */
final class LoginFixture {

    static final String DATABASE = "legacy_login";
    static final String REALM = "bench-login";
    /** The same setup with a negligible hash cost, to see the per-login cost of everything but hashing. */
    static final int LOW_COST_ITERATIONS = 1_000;

    final String database;
    final String realm;
    final int iterations;

    final List<LegacyUsers.Account> federated;
    final List<LegacyUsers.Account> natives;
    final String componentId;
    final String nativeCredentialData;
    final String policy;

    private LoginFixture(String database, String realm, int iterations, List<LegacyUsers.Account> federated,
                         List<LegacyUsers.Account> natives, String componentId, String nativeCredentialData,
                         String policy) {
        this.database = database;
        this.realm = realm;
        this.iterations = iterations;
        this.federated = federated;
        this.natives = natives;
        this.componentId = componentId;
        this.nativeCredentialData = nativeCredentialData;
        this.policy = policy;
    }

    private static LoginFixture instance;
    private static LoginFixture lowCost;

    /** N iterations (the benchmark's), realm {@code bench-login}, users fed0001.../nat0001.... */
    static synchronized LoginFixture get(Context ctx) {
        if (instance == null) {
            instance = create(ctx, DATABASE, REALM, ctx.settings.hashIterations(), "fed", "nat");
        }
        return instance;
    }

    /** {@value #LOW_COST_ITERATIONS} iterations, realm {@code bench-login-lowcost}, users lfed0001.../lnat0001.... */
    static synchronized LoginFixture lowCost(Context ctx) {
        if (lowCost == null) {
            lowCost = create(ctx, DATABASE + "_lowcost", REALM + "-lowcost", LOW_COST_ITERATIONS, "lfed", "lnat");
        }
        return lowCost;
    }

    static String policy(int iterations) {
        return "hashAlgorithm(pbkdf2-sha256) and hashIterations(" + iterations + ")";
    }

    /** Component config for a Django table in {@code database} (Django preset, given mode). */
    static Map<String, Object> componentConfig(LegacyPostgres pg, String database, String mode) {
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("jdbcUrl", pg.jdbcUrl(database));
        cfg.put("jdbcUser", LegacyPostgres.USER);
        cfg.put("jdbcPassword", LegacyPostgres.PASSWORD);
        cfg.put("schemaPreset", "django");
        cfg.put("editMode", mode);
        cfg.put("enabled", "true");
        cfg.put("priority", "0");
        cfg.put("cachePolicy", "DEFAULT");
        return cfg;
    }

    private static LoginFixture create(Context ctx, String database, String realm, int n, String fedPrefix,
                                       String natPrefix) {
        Settings s = ctx.settings;
        LegacyPostgres pg = ctx.postgres();
        List<LegacyUsers.Account> fed = LegacyUsers.accounts(fedPrefix, s.loginUsers());
        List<LegacyUsers.Account> nat = LegacyUsers.accounts(natPrefix, s.loginUsers());
        Log.say("login fixture: %d Django users with pbkdf2_sha256 at %,d iterations", fed.size(), n);
        pg.createDjangoDatabase(database);
        pg.execute(database, LegacyUsers.djangoInserts(fed, n).toArray(String[]::new));
        pg.execute(database, "ANALYZE");

        AdminApi admin = ctx.keycloak().admin();
        String policy = policy(n);
        admin.createRealm(realm, Map.of("passwordPolicy", policy));
        String componentId = admin.createLegacyComponent(realm, "legacy-pg",
                componentConfig(pg, database, "READ_ONLY"));
        // the component created the top-level group "readers" for the legacy group; natives join the same group
        Log.say("login fixture: %d native users (Keycloak hashes each with the realm policy)", nat.size());
        for (int i = 0; i < nat.size(); i++) {
            LegacyUsers.Account a = nat.get(i);
            Map<String, Object> user = new LinkedHashMap<>();
            user.put("username", a.username());
            user.put("enabled", true);
            user.put("email", a.username() + "@example.com");
            user.put("emailVerified", true);
            user.put("firstName", LegacyUsers.FIRST_NAMES.get(i % LegacyUsers.FIRST_NAMES.size()));
            user.put("lastName", LegacyUsers.LAST_NAMES.get(i % LegacyUsers.LAST_NAMES.size()));
            user.put("groups", List.of("/readers"));
            user.put("credentials", List.of(Map.of("type", "password", "value", a.password(), "temporary", false)));
            admin.call("POST", "/" + realm + "/users", user).expect(201);
        }
        // What Keycloak stored for a native user: algorithm and iterations must be the realm policy's.
        JsonNode users = admin.get("/" + realm + "/users?username=" + nat.get(0).username() + "&exact=true");
        String id = users.get(0).path("id").asText();
        JsonNode creds = admin.get("/" + realm + "/users/" + id + "/credentials");
        String credentialData = creds.get(0).path("credentialData").asText();
        if (!credentialData.contains("\"hashIterations\":" + n) || !credentialData.contains("pbkdf2-sha256")) {
            throw new IllegalStateException("Native credential is not pbkdf2-sha256 at " + n + ": " + credentialData);
        }
        LoginLoad load = new LoginLoad(ctx.keycloak().baseUrl(), realm, AdminApi.BENCH_CLIENT);
        List<String> failures = new ArrayList<>();
        for (LegacyUsers.Account a : List.of(fed.get(0), nat.get(0))) {
            String failure = load.login(a);
            if (failure != null) {
                failures.add(a.username() + ": " + failure);
            }
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("Sanity logins failed: " + failures + "; see " + ctx.keycloak().logFile());
        }
        return new LoginFixture(database, realm, n, fed, nat, componentId, credentialData, policy);
    }
}
