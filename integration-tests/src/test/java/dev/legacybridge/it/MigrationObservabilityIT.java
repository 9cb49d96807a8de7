package dev.legacybridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.legacybridge.stack.DemoRealm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * What an operator sees of a migration outside the legacy database, read where Keycloak publishes it: the management
 * port's {@code /metrics} (Keycloak built with {@code --metrics-enabled=true}) and the admin REST API's user and admin
 * events, after real password grants against a legacy PostgreSQL, a legacy database outage and a bulk run driven
 * through the migration page's endpoints. Every series carries the realm and component labels and no user name or id;
 * no event or series holds a password or a stored hash.
 *
 * <p>The tests build on each other in order (logins, outage, bulk run, write-back), as one operator's day would.
 */
@DisplayName("Given a legacy PostgreSQL behind a MIGRATE and a WRITABLE component, with events saved")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MigrationObservabilityIT {

    private static final int GENERATED = 600;
    private static final String NEW_PASSWORD = "Wr1tten-Back-Passw0rd!";
    private static final Pattern SAMPLE = Pattern.compile("^(legacy_bridge_[a-z_]+)\\{([^}]*)}\\s+(\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-z_]+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private KeycloakEnvironment keycloak;
    private EmbeddedPostgresLegacyDatabase postgres;
    private ItRealm migrate;
    private ItRealm writable;
    private String migrateComponent;
    private Set<String> storedHashes;
    private final List<String> userIdentifiers = new ArrayList<>();

    @BeforeAll
    void setUp() {
        keycloak = SharedKeycloak.get();
        postgres = EmbeddedPostgresLegacyDatabase.createSeeded(ItSettings.workDir().resolve("pg-observe"), false);
        postgres.execute("INSERT INTO auth_user (password, is_superuser, username, first_name, last_name, email, "
                + "is_staff, is_active, date_joined) SELECT (SELECT password FROM auth_user WHERE username = 'u_bcrypt'), "
                + "FALSE, 'obs' || lpad(g::text, 5, '0'), 'Obs', 'User ' || g, 'obs' || g || '@example.org', FALSE, "
                + "TRUE, now() FROM generate_series(1, " + GENERATED + ") g;");
        storedHashes = storedHashes();
        Map<String, Object> events = Map.of("eventsEnabled", true, "adminEventsEnabled", true,
                "adminEventsDetailsEnabled", true);
        migrate = ItRealm.create(keycloak, "observe", events);
        writable = ItRealm.create(keycloak, "observe-rw", events);
        Map<String, Object> config = new HashMap<>(postgres.componentConfig(keycloak));
        config.put("editMode", "MIGRATE");
        config.put("poolMaxSize", "4");
        config.put("connectTimeoutSeconds", "2");
        config.put("queryTimeoutSeconds", "5");
        migrateComponent = keycloak.admin().createUserStorageComponent(migrate.name(), "legacy-pg-migrate",
                DemoRealm.LEGACY_PROVIDER_ID, config);
        Map<String, Object> rw = new HashMap<>(postgres.componentConfig(keycloak));
        rw.put("editMode", "WRITABLE");
        rw.put("upgradeOnLogin", "true");
        keycloak.admin().createUserStorageComponent(writable.name(), "legacy-pg-writable",
                DemoRealm.LEGACY_PROVIDER_ID, rw);
    }

    @AfterAll
    void tearDown() {
        if (migrate != null) {
            migrate.close();
        }
        if (writable != null) {
            writable.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    @Order(1)
    @DisplayName("logins are counted by scheme and outcome, and legacy logins, migrations and refusals are user events")
    void loginsWhenLegacyHashesThenCredentialChecksCountedAndUserEventsSent() {
        assertThat(migrate.login("u_django_pbkdf2_sha256", "secret").status()).isEqualTo(200);
        assertThat(migrate.login("u_malformed", "secret").status()).isEqualTo(400);
        assertThat(migrate.login("u_django_md5", "secret").status()).as("weak, not in the default policy")
                .isEqualTo(400);
        assertThat(migrate.login("johndoe", "not-his-password").status()).isEqualTo(400);

        Map<String, Double> checks = series("legacy_bridge_credential_checks_total", migrate.name());
        assertThat(checks).containsEntry("outcome=match,scheme=django_pbkdf2_sha256", 1.0)
                .containsEntry("outcome=malformed,scheme=django_pbkdf2_sha256", 1.0)
                .containsEntry("outcome=not_allowed,scheme=django_md5", 1.0)
                .containsEntry("outcome=mismatch,scheme=bcrypt", 1.0);
        assertThat(series("legacy_bridge_users_migrated_total", migrate.name())).containsEntry("via=login", 1.0);
        assertThat(series("legacy_bridge_db_query_seconds_count", migrate.name()))
                .containsKey("operation=find user by username");
        assertThat(series("legacy_bridge_db_query_seconds_bucket", migrate.name()))
                .as("a histogram: one series per bucket").hasSizeGreaterThan(10);
        assertThat(series("legacy_bridge_pool_connections_max", migrate.name())).containsEntry("", 4.0);
        assertThat(series("legacy_bridge_pool_connections_in_use", migrate.name())).containsEntry("", 0.0);
        assertThat(series("legacy_bridge_pool_requests_waiting", migrate.name())).containsEntry("", 0.0);

        List<JsonNode> events = legacyEvents(migrate.name());
        JsonNode login = only(events, "login", "u_django_pbkdf2_sha256");
        assertThat(login.path("type").asText()).isEqualTo("CUSTOM_REQUIRED_ACTION");
        assertThat(login.path("details").path("legacy_scheme").asText()).isEqualTo("django_pbkdf2_sha256");
        assertThat(login.path("details").path("legacy_component").asText()).isEqualTo("legacy-pg-migrate");
        assertThat(login.path("clientId").asText()).isEqualTo(ItRealm.CLIENT);
        JsonNode migrated = only(events, "migrated", "u_django_pbkdf2_sha256");
        assertThat(migrated.path("details").path("via").asText()).isEqualTo("login");
        assertThat(migrated.path("userId").asText()).isEqualTo(login.path("userId").asText()).isNotEmpty();
        userIdentifiers.add(login.path("userId").asText());
        JsonNode malformed = only(events, "refused", "u_malformed");
        assertThat(malformed.path("type").asText()).isEqualTo("CUSTOM_REQUIRED_ACTION_ERROR");
        assertThat(malformed.path("error").asText()).isEqualTo("legacy_hash_malformed");
        JsonNode notAllowed = only(events, "refused", "u_django_md5");
        assertThat(notAllowed.path("error").asText()).isEqualTo("legacy_scheme_not_allowed");
        assertThat(events).as("a wrong password is Keycloak's own LOGIN_ERROR, not ours")
                .noneMatch(e -> "johndoe".equals(e.path("details").path("username").asText()));
    }

    @Test
    @Order(2)
    @DisplayName("while the legacy database is down, logins are refused with a legacy_store_unavailable event and "
            + "query errors are counted")
    void loginWhenLegacyDatabaseDownThenUnavailableEventAndErrorsCounted() {
        // janedoe's first login imports her (linked); the second one, with the database down, needs her row.
        assertThat(migrate.login("janedoe", "wrong").status()).isEqualTo(400);
        double errorsBefore = series("legacy_bridge_db_errors_total", migrate.name()).values().stream()
                .mapToDouble(Double::doubleValue).sum();
        postgres.stop();
        try {
            TokenClient.TokenResponse linked = migrate.login("janedoe", "hashsecret");
            TokenClient.TokenResponse unknown = migrate.login("admin_legacy", "hashsecret");
            assertThat(linked.status()).as(linked.body().toString()).isIn(400, 503);
            assertThat(unknown.status()).as(unknown.body().toString()).isEqualTo(400);
        } finally {
            postgres.start();
        }
        double errorsAfter = series("legacy_bridge_db_errors_total", migrate.name()).values().stream()
                .mapToDouble(Double::doubleValue).sum();
        assertThat(errorsAfter).isGreaterThan(errorsBefore);

        assertThat(series("legacy_bridge_credential_checks_total", migrate.name()))
                .containsEntry("outcome=unavailable,scheme=unknown", 1.0);
        List<JsonNode> events = legacyEvents(migrate.name());
        // one event per failed login, although Keycloak asks twice (password configured?, brute-force lookup)
        List<JsonNode> unavailable = List.of(only(events, "unavailable", "janedoe"),
                only(events, "unavailable", "admin_legacy"));
        assertThat(unavailable.get(0).path("userId").asText()).isNotEmpty();
        assertThat(unavailable).allSatisfy(e -> {
            assertThat(e.path("type").asText()).isEqualTo("CUSTOM_REQUIRED_ACTION_ERROR");
            assertThat(e.path("error").asText()).isEqualTo("legacy_store_unavailable");
        });
        // The pool recovers by itself.
        Poll.until(Duration.ofSeconds(30), Duration.ofMillis(500), () -> migrate.login("janedoe", "hashsecret").status(),
                status -> status == 200);
    }

    @Test
    @Order(3)
    @DisplayName("a bulk run driven through the migration page's endpoints is counted in bulk series, recorded as the "
            + "last run and as one admin event per batch")
    void bulkRunWhenDrivenLikeThePageThenSeriesLastRunAndAdminEvents() {
        String base = "/" + migrate.name() + "/legacy-migration/" + migrateComponent;
        JsonNode overview = keycloak.admin().get(base + "/overview");
        long legacyRows = overview.path("legacyRows").asLong();
        assertThat(legacyRows).isEqualTo(postgres.queryLong("SELECT count(*) FROM auth_user"));
        assertThat(overview.path("migrated").asLong()).as("u_django_pbkdf2_sha256, janedoe").isEqualTo(2);

        JsonNode run = Http.parse(keycloak.admin().call("POST", base + "/runs?resume=false", null).expect(200).body());
        String runId = run.path("runId").asText();
        String cursor = null;
        long imported = 0;
        long failed = 0;
        int batches = 0;
        boolean done = false;
        while (!done) {
            JsonNode batch = Http.parse(keycloak.admin().call("POST", base + "/batch?size=250&run=" + runId
                    + (cursor == null ? "" : "&after=" + cursor), null, Duration.ofMinutes(3)).expect(200).body());
            imported += batch.path("imported").asLong();
            failed += batch.path("failed").asLong();
            cursor = batch.path("nextCursor").asText();
            done = batch.path("done").asBoolean();
            batches++;
        }

        JsonNode lastRun = keycloak.admin().get(base + "/overview").path("lastRun");
        assertThat(lastRun.path("state").asText()).isEqualTo("finished");
        assertThat(lastRun.path("resumable").asBoolean()).isFalse();
        assertThat(lastRun.path("processed").asLong()).isEqualTo(legacyRows);
        assertThat(lastRun.path("imported").asLong()).isEqualTo(imported);
        assertThat(lastRun.path("failed").asLong()).isEqualTo(failed);
        assertThat(lastRun.path("batches").asInt()).isEqualTo(batches);
        assertThat(keycloak.admin().call("POST", base + "/batch?size=10&run=" + runId, null).status())
                .as("a finished run takes no more batches").isEqualTo(409);

        Map<String, Double> rows = series("legacy_bridge_bulk_rows_total", migrate.name());
        assertThat(rows).containsEntry("result=imported", (double) imported).containsEntry("result=failed",
                (double) failed);
        assertThat(series("legacy_bridge_users_migrated_total", migrate.name()))
                .containsEntry("via=bulk", (double) imported);
        assertThat(series("legacy_bridge_bulk_batch_seconds_count", migrate.name())).containsEntry("", (double) batches);

        JsonNode adminEvents = keycloak.admin().get("/" + migrate.name() + "/admin-events?max=1000");
        List<JsonNode> batchEvents = StreamSupport.stream(adminEvents.spliterator(), false)
                .filter(e -> e.path("resourcePath").asText().endsWith(migrateComponent + "/batch")).toList();
        assertThat(batchEvents).hasSize(batches);
        assertThat(batchEvents).allSatisfy(e -> {
            assertThat(e.path("operationType").asText()).isEqualTo("ACTION");
            assertThat(e.path("resourceType").asText()).isEqualTo("USER_FEDERATION_PROVIDER");
            assertThat(e.path("details").path("run").asText()).isEqualTo(runId);
        });
        assertThat(batchEvents.stream().mapToLong(e -> e.path("details").path("imported").asLong()).sum())
                .isEqualTo(imported);
        assertThat(batchEvents.stream().map(e -> e.path("representation").asText()).toList())
                .as("failures name legacy ids and reasons").anyMatch(r -> r.contains("malformed"));

        // The page's "Audit again", long after the first audit and many requests: the audit thread still serves.
        assertThat(keycloak.admin().call("POST", base + "/audit", null).status()).isEqualTo(200);
        JsonNode audited = Poll.until(Duration.ofMinutes(2), Duration.ofMillis(500),
                () -> keycloak.admin().get(base + "/overview").path("audit"),
                audit -> !"running".equals(audit.path("state").asText()));
        assertThat(audited.path("state").asText()).as(audited.toString()).isEqualTo("done");
        assertThat(audited.path("result").path("rows").asLong()).isEqualTo(legacyRows);
        assertThat(audited.path("result").path("statuses").path("malformed").asLong()).isEqualTo(1);
    }

    @Test
    @Order(4)
    @DisplayName("in WRITABLE, a hash upgrade at login and a password written back are counted and are user events")
    void writableWhenUpgradeAndNewPasswordThenCountedAndEvents() {
        assertThat(writable.login("u_django_sha1", "hashsecret").status()).as("weak, not allowed").isEqualTo(400);
        assertThat(writable.login("u_sha512_crypt", "hashsecret").status()).isEqualTo(200);
        String userId = keycloak.admin().findUsers(writable.name(), Map.of("username", "u_sha512_crypt", "exact", true))
                .get(0).path("id").asText();
        userIdentifiers.add(userId);
        keycloak.admin().call("PUT", "/" + writable.name() + "/users/" + userId + "/reset-password",
                Map.of("type", "password", "value", NEW_PASSWORD, "temporary", false)).expect(204);
        assertThat(writable.login("u_sha512_crypt", NEW_PASSWORD).status()).isEqualTo(200);

        assertThat(series("legacy_bridge_hash_upgrades_total", writable.name()))
                .containsEntry("from_scheme=sha512_crypt,to_scheme=django_pbkdf2_sha256", 1.0);
        assertThat(series("legacy_bridge_password_writebacks_total", writable.name()))
                .containsEntry("scheme=django_pbkdf2_sha256", 1.0);
        List<JsonNode> events = legacyEvents(writable.name());
        JsonNode upgraded = only(events, "hash_upgraded", "u_sha512_crypt");
        assertThat(upgraded.path("details").path("legacy_scheme").asText()).isEqualTo("sha512_crypt");
        assertThat(upgraded.path("details").path("to_scheme").asText()).isEqualTo("django_pbkdf2_sha256");
        JsonNode writtenBack = only(events, "password_written_back", "u_sha512_crypt");
        assertThat(writtenBack.path("details").path("to_scheme").asText()).isEqualTo("django_pbkdf2_sha256");
        assertThat(writtenBack.path("userId").asText()).isEqualTo(userId);
        only(events, "refused", "u_django_sha1");
    }

    @Test
    @Order(5)
    @DisplayName("no label holds a user name or id, and no series or event holds a stored hash or a password")
    void everythingWhenReadThenNoUserDataInLabelsAndNoSecretAnywhere() {
        String metrics = metricsText();
        Set<String> labelValues = new TreeSet<>();
        for (String line : metrics.split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (sample.matches()) {
                Matcher label = LABEL.matcher(sample.group(2));
                while (label.find()) {
                    labelValues.add(label.group(2));
                }
            }
        }
        List<String> forbidden = new ArrayList<>(List.of("u_django_pbkdf2_sha256", "u_malformed", "u_django_md5",
                "johndoe", "janedoe", "admin_legacy", "u_sha512_crypt", "obs00001"));
        forbidden.addAll(userIdentifiers);
        assertThat(labelValues).isNotEmpty().doesNotContainAnyElementsOf(forbidden);
        assertThat(labelValues).allSatisfy(v -> assertThat(v).doesNotMatch("[0-9a-f]{8}-[0-9a-f]{4}-.*"));

        StringBuilder everything = new StringBuilder(metrics);
        for (ItRealm realm : List.of(migrate, writable)) {
            everything.append(keycloak.admin().get("/" + realm.name() + "/events?max=1000"));
            everything.append(keycloak.admin().get("/" + realm.name() + "/admin-events?max=1000"));
        }
        Set<String> hashes = new TreeSet<>(storedHashes);
        hashes.addAll(storedHashes()); // the upgraded and written-back ones too
        assertThat(hashes).hasSizeGreaterThan(20);
        for (String hash : hashes) {
            assertThat(everything.toString()).as("a stored hash").doesNotContain(hash);
        }
        assertThat(everything.toString()).doesNotContain(NEW_PASSWORD).doesNotContain("hashsecret");
    }

    // ---------------------------------------------------------------- helpers

    /** Every distinct stored password value of the legacy table that is long enough to be recognisable. */
    private Set<String> storedHashes() {
        Set<String> out = new TreeSet<>();
        try (java.sql.Connection c = postgres.connect(); java.sql.Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT DISTINCT password FROM auth_user WHERE length(password) > 20")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    private String metricsText() {
        Http.Response response = Http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(keycloak.managementUrl() + "/metrics")).timeout(Http.TIMEOUT).GET().build());
        assertThat(response.status()).as("/metrics (Keycloak built with --metrics-enabled=true)").isEqualTo(200);
        return response.body();
    }

    /**
     * The samples of one metric in one realm, by their other labels ({@code k=v,...}, sorted; "" for none); the
     * component label is checked to be one of this test's components.
     */
    private Map<String, Double> series(String name, String realm) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String line : metricsText().split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (!sample.matches() || !sample.group(1).equals(name)) {
                continue;
            }
            Map<String, String> labels = new java.util.TreeMap<>();
            Matcher label = LABEL.matcher(sample.group(2));
            while (label.find()) {
                labels.put(label.group(1), label.group(2));
            }
            if (!realm.equals(labels.remove("realm"))) {
                continue;
            }
            assertThat(labels.remove("component")).isIn("legacy-pg-migrate", "legacy-pg-writable");
            StringBuilder key = new StringBuilder();
            labels.forEach((k, v) -> key.append(key.length() == 0 ? "" : ",").append(k).append('=').append(v));
            out.merge(key.toString(), Double.parseDouble(sample.group(3)), Double::sum);
        }
        return out;
    }

    /** The realm's user events sent by the provider, newest first. */
    private List<JsonNode> legacyEvents(String realm) {
        JsonNode events = keycloak.admin().get("/" + realm
                + "/events?type=CUSTOM_REQUIRED_ACTION&type=CUSTOM_REQUIRED_ACTION_ERROR&max=1000");
        List<JsonNode> out = new ArrayList<>();
        events.forEach(e -> {
            assertThat(e.path("details").path("custom_required_action").asText()).isEqualTo("legacy-bridge");
            out.add(e);
        });
        return out;
    }

    private static JsonNode only(List<JsonNode> events, String fact, String username) {
        List<JsonNode> found = events.stream()
                .filter(e -> fact.equals(e.path("details").path("legacy_event").asText()))
                .filter(e -> username.equals(e.path("details").path("username").asText())).toList();
        assertThat(found).as(fact + " of " + username + " in " + events).hasSize(1);
        return found.get(0);
    }
}
