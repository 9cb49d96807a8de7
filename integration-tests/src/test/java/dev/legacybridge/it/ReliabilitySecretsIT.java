package dev.legacybridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Reliability check 5, run last (highest {@link Order}; the profile orders classes by it): the Keycloak log and the
 * demo-api logs of the whole run must contain none of the passwords, stored hashes, salts and digests the suite used
 * (the seed's, as {@link SecretScan} lists them, and every row and password the other checks registered in
 * {@link ReliabilitySecrets}).
 *
 * <p>demo-api is started here (its own DEBUG logging on) and exercised with real tokens of legacy users of the demo
 * realm, so that there is a demo-api log of this run to scan.
 */
@Order(Integer.MAX_VALUE)
@EnabledIfSystemProperty(named = "it.reliability", matches = "true",
        disabledReason = "reliability suite: run with -Preliability (integration-tests/reliability.sh)")
@DisplayName("Reliability: no password, hash or salt in any log")
class ReliabilitySecretsIT {

    private static final List<String> CHECKS = List.of("ReliabilityTimingIT", "ReliabilityOutageUnderLoadIT",
            "ReliabilityConcurrencyIT", "ReliabilityHostileInputIT");

    @Test
    @DisplayName("Keycloak and demo-api logs hold none of the secrets used by the suite")
    void logsWhenSuiteRanThenNoSecrets() {
        ReliabilityReport.Section report = ReliabilityReport.section("secrets", "5. Secrets in logs");
        KeycloakEnvironment keycloak = SharedKeycloak.get();

        // demo-api with real tokens of legacy users (demo realm, SQLite legacy DB), so its log has something in it.
        String wrong = "rel-demo-wrong-" + Long.toHexString(System.nanoTime());
        ReliabilitySecrets.addPassword(wrong);
        List<String> apiCalls = new ArrayList<>();
        try (ApiServer api = ApiServer.start("reliability", keycloak.issuer(),
                Map.of("LOGGING_LEVEL_DEV_LEGACYBRIDGE", "DEBUG"))) {
            TokenClient tokens = keycloak.tokens();
            for (String[] user : new String[][] {{"johndoe", "secret"}, {"admin_legacy", "hashsecret"},
                    {"u_django_bcrypt", "correct horse battery staple"}}) {
                TokenClient.TokenResponse t = tokens.passwordGrant(keycloak.realm(), "demo-cli", user[0], user[1],
                        "openid read:posts write:posts");
                assertThat(t.ok()).as(user[0] + ": " + t).isTrue();
                apiCalls.add(user[0] + " /users/me " + api.get("/users/me", t.accessToken()).status());
                apiCalls.add(user[0] + " /posts " + api.get("/posts", t.accessToken()).status());
                apiCalls.add(user[0] + " POST /posts " + api.postJson("/posts", t.accessToken(),
                        Http.write(Map.of("title", "reliability", "body", "secret scan"))).status());
            }
            assertThat(tokens.passwordGrant(keycloak.realm(), "demo-cli", "johndoe", wrong, null).status()).isEqualTo(400);
            apiCalls.add("no token /users/me " + api.get("/users/me", null).status());
            apiCalls.add("garbage token /users/me " + api.get("/users/me", "not.a.token").status());
        }

        Map<String, String> secrets = new LinkedHashMap<>();
        SecretScan.seededSecrets().forEach(s -> secrets.putIfAbsent(s, "seed secret"));
        ReliabilitySecrets.withKinds().forEach(secrets::putIfAbsent);

        Map<String, String> logs = new LinkedHashMap<>();
        logs.put("Keycloak (" + keycloak.backendName() + ")", keycloak.serverLog());
        Path logDir = ItSettings.workDir().resolve("logs");
        try (Stream<Path> files = Files.list(logDir)) {
            for (Path f : files.sorted().toList()) {
                if (f.getFileName().toString().startsWith("demo-api-")) {
                    logs.put(f.getFileName().toString(), Files.readString(f, StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }

        List<String> hits = new ArrayList<>();
        Map<String, Integer> kinds = new TreeMap<>();
        secrets.values().forEach(k -> kinds.merge(k, 1, Integer::sum));
        List<List<String>> logRows = new ArrayList<>();
        for (Map.Entry<String, String> log : logs.entrySet()) {
            int found = 0;
            int index = 0;
            for (Map.Entry<String, String> secret : secrets.entrySet()) {
                index++;
                if (log.getValue().contains(secret.getKey())) {
                    found++;
                    // never print the secret itself
                    hits.add(log.getKey() + ": secret #" + index + " (" + secret.getValue() + ", " + secret.getKey().length()
                            + " characters)");
                }
            }
            logRows.add(List.of(log.getKey(), String.format(Locale.ROOT, "%,d", log.getValue().length()),
                    String.valueOf(log.getValue().lines().count()), String.valueOf(found)));
        }
        Set<String> ran = ReliabilitySecrets.ran();
        List<String> missing = CHECKS.stream().filter(c -> !ran.contains(c)).toList();

        report.goal("0 secrets in the Keycloak log and the demo-api logs", hits.size() + " hits"
                + (hits.isEmpty() ? "" : " " + hits), hits.isEmpty());
        report.line(String.format(Locale.ROOT, "Scanned for %d distinct secrets (%s): the seed's hashes, their salt "
                        + "and digest fields and distinctive passwords (`SecretScan`), plus every password, stored value "
                        + "and salt/digest field the other checks used (`ReliabilitySecrets`; scheme names, cost numbers "
                        + "and parameter lists are not secret and are left out). Checks that ran before this scan in the "
                        + "same run: %s%s. demo-api was started for this scan with `dev.legacybridge` at DEBUG and called "
                        + "with tokens of three legacy users of the demo realm: %s.", secrets.size(), kinds, ran,
                        missing.isEmpty() ? "" : " (**not run: " + missing + "**, so their secrets were not scanned)",
                        apiCalls))
                .blank()
                .table(List.of("log", "characters", "lines", "secrets found"), logRows);
        report.write();

        assertThat(hits).as("secrets found in logs (shown by number and kind only)").isEmpty();
    }
}
