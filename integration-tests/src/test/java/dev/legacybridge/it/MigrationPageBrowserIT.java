package dev.legacybridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.legacybridge.stack.DemoRealm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The migration page in Keycloak's own admin console, in a real headless Chromium: the admin theme
 * {@code legacy-bridge} on the master realm, a Legacy-database provider in mode MIGRATE over a legacy PostgreSQL of a
 * few thousand rows, its page showing legacy rows, migrated, left, the per-scheme audit and the rows the realm's user
 * profile would stop; every number is compared with what {@code legacy-hash audit --json} (the real CLI jar) reports
 * for the same table. Then "Start bulk migration": progress while the page drives the batches, and the finished run,
 * whose counts match the audit's blockers and the server's own numbers. The screenshots are the README's pictures.
 *
 * <p>Runs only with {@code -Pbrowser} ({@code integration-tests/browser-test.sh}).
 */
@EnabledIfSystemProperty(named = "it.browser", matches = "true",
        disabledReason = "browser walkthrough: run with -Pbrowser (integration-tests/browser-test.sh)")
class MigrationPageBrowserIT {

    private static final int GENERATED = 4000;
    private static final String COMPONENT = "legacy-postgres";
    private static final List<String> STATUSES = List.of("usable", "unusable", "noPassword", "malformed",
            "unsupported", "notAllowed");

    private static KeycloakEnvironment keycloak;
    private static EmbeddedPostgresLegacyDatabase postgres;
    private static ItRealm realm;
    private static String componentId;
    private static String previousAdminTheme;
    private static HeadlessChromium browser;

    @BeforeAll
    static void setUp() {
        keycloak = SharedKeycloak.get();
        postgres = EmbeddedPostgresLegacyDatabase.createSeeded(ItSettings.workDir().resolve("pg-migration-page"), false);
        // Every tenth generated user has no last name: the realm's default profile would stop them.
        postgres.execute("INSERT INTO auth_user (password, is_superuser, username, first_name, last_name, email, "
                + "is_staff, is_active, date_joined) SELECT (SELECT password FROM auth_user WHERE username = 'u_bcrypt'), "
                + "FALSE, 'page' || lpad(g::text, 5, '0'), 'Page', CASE WHEN g % 10 = 0 THEN '' ELSE 'User ' || g END, "
                + "'page' || g || '@example.org', FALSE, TRUE, now() FROM generate_series(1, " + GENERATED + ") g;");
        realm = ItRealm.create(keycloak, "migration", Map.of("displayName", "Legacy Bridge migration"));
        Map<String, Object> config = new HashMap<>(postgres.componentConfig(keycloak));
        config.put("editMode", "MIGRATE");
        config.put("optionalProfileFields", "false"); // keep Keycloak's default profile, as the audit assumes
        componentId = keycloak.admin().createUserStorageComponent(realm.name(), COMPONENT,
                DemoRealm.LEGACY_PROVIDER_ID, config);
        ObjectNode master = (ObjectNode) keycloak.admin().realm("master");
        previousAdminTheme = master.path("adminTheme").asText("");
        master.put("adminTheme", "legacy-bridge");
        keycloak.admin().updateRealm("master", master);
        browser = HeadlessChromium.start(Path.of(System.getProperty("it.browser.screenshotsDir",
                "target/screenshots")));
        browser.await().withMessage(() -> "the migration panel says: " + panelText());
    }

    /** What the panel shows (for failure messages). */
    private static String panelText() {
        return browser.driver().findElements(By.cssSelector("[data-testid=legacy-migration-panel]")).stream()
                .map(WebElement::getText).findFirst().orElse("(no panel)");
    }

    @AfterAll
    static void tearDown() {
        if (browser != null) {
            browser.close();
        }
        if (realm != null && componentId != null) {
            // A failed test may leave a batch of the page's run in flight: let it end before the realm goes.
            String overview = "/" + realm.name() + "/legacy-migration/" + componentId + "/overview";
            long[] last = {-1};
            Poll.until(Duration.ofMinutes(2), Duration.ofSeconds(5), () -> {
                long updated = keycloak.admin().get(overview).path("lastRun").path("updatedAt").asLong();
                boolean settled = updated == last[0];
                last[0] = updated;
                return settled;
            }, settled -> settled);
        }
        ObjectNode master = (ObjectNode) keycloak.admin().realm("master");
        master.put("adminTheme", previousAdminTheme);
        keycloak.admin().updateRealm("master", master);
        if (realm != null) {
            realm.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    @DisplayName("Given the migration page of a MIGRATE provider, its numbers equal legacy-hash audit's; when bulk "
            + "migration is started, then progress is shown and the finished run's counts match the audit")
    void migrationPageWhenOpenedThenAuditNumbersAndWhenStartedThenProgressAndFinishedRun() {
        JsonNode audit = cliAudit();
        long rows = audit.path("rows").asLong();
        long blockers = audit.path("hashes").path("malformed").path("rows").asLong()
                + audit.path("hashes").path("unsupported").path("rows").asLong()
                + audit.path("hashes").path("notAllowed").path("rows").asLong()
                + audit.path("usernameCollisions").path("rows").asLong();

        loginToAdminConsole();
        browser.open(keycloak.baseUrl() + "/admin/master/console/#/" + realm.name() + "/user-federation/"
                + DemoRealm.LEGACY_PROVIDER_ID + "/" + componentId);
        browser.driver().navigate().refresh(); // the console switches realms on a reload only
        WebElement panel = visible(By.cssSelector("[data-testid=legacy-migration-panel]"));
        visible(By.cssSelector("[data-testid=lb-schemes]"));

        // 1. The numbers, against the CLI's audit of the same table.
        assertThat(number("lb-legacy-rows")).isEqualTo(rows);
        assertThat(number("lb-migrated")).isZero();
        assertThat(number("lb-left")).isEqualTo(rows);
        assertThat(number("lb-profile-stops")).as("incompleteProfile")
                .isEqualTo(audit.path("incompleteProfile").path("rows").asLong()).isGreaterThanOrEqualTo(GENERATED / 10);
        assertThat(panel.findElement(By.cssSelector("[data-testid=lb-profile-stops]")).getText())
                .contains("email, first name, last name");
        List<WebElement> schemeRows = panel.findElements(By.cssSelector("[data-testid^=lb-scheme-]"));
        assertThat(schemeRows).hasSize(audit.path("schemes").size() + 1); // + the total
        audit.path("schemes").fields().forEachRemaining(scheme -> {
            WebElement row = panel.findElement(By.cssSelector("[data-testid='lb-scheme-" + scheme.getKey() + "']"));
            assertThat(cell(row, "rows")).as(scheme.getKey()).isEqualTo(scheme.getValue().path("rows").asLong());
            for (String status : STATUSES) {
                assertThat(cell(row, status)).as(scheme.getKey() + " " + status)
                        .isEqualTo(scheme.getValue().path(status).asLong());
            }
            assertThat(row.getText().contains("weak")).as(scheme.getKey() + " weak")
                    .isEqualTo(scheme.getValue().path("weak").asBoolean());
        });
        WebElement total = panel.findElement(By.cssSelector("[data-testid=lb-scheme-total]"));
        for (String status : STATUSES) {
            assertThat(cell(total, status)).as("all " + status)
                    .isEqualTo(audit.path("hashes").path(status).path("rows").asLong());
        }
        browser.scrollTo(panel, "start");
        browser.scrollContainerBy(panel, -150); // the provider's page header too
        browser.screenshot("migration-page-overview");

        // 2. Start: the page drives the batches and shows its progress.
        WebElement start = clickable(By.cssSelector("[data-testid=lb-run-start]"));
        browser.scrollTo(start, "center");
        start.click();
        visible(By.cssSelector("[data-testid=lb-run-progress]"));
        browser.await().until(d -> {
            int pct = percent();
            return pct > 0 && pct < 100;
        });
        // The panel is drawn again after every batch: elements are looked up afresh each time.
        scrollTo(By.cssSelector("[data-testid=lb-run-progress]"));
        browser.screenshot("migration-page-progress");
        assertThat(text("lb-run-progress")).contains("rows/s");

        // 3. Finished: the last run, and the numbers at the top, from the server.
        new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), Duration.ofMinutes(10), Duration.ofMillis(500))
                .until(ExpectedConditions.textToBePresentInElementLocated(
                        By.cssSelector("[data-testid=lb-last-run-state]"), "finished"));
        assertThat(percent()).isEqualTo(100);
        assertThat(text("lb-last-run-rows")).isEqualTo(String.format(java.util.Locale.US, "%,d of %,d", rows, rows));
        assertThat(number("lb-last-run-failed")).as("the audit's blockers").isEqualTo(blockers);
        assertThat(number("lb-last-run-migrated")).isEqualTo(rows - blockers);
        assertThat(text("lb-last-run-resumable")).isEqualTo("no");
        assertThat(number("lb-migrated")).isEqualTo(rows - blockers);
        assertThat(number("lb-left")).isEqualTo(blockers);
        scrollTo(By.cssSelector("[data-testid=lb-last-run]"));
        browser.screenshot("migration-page-finished");

        JsonNode overview = keycloak.admin().get("/" + realm.name() + "/legacy-migration/" + componentId + "/overview");
        assertThat(overview.path("migrated").asLong()).isEqualTo(rows - blockers);
        assertThat(overview.path("lastRun").path("failed").asLong()).isEqualTo(blockers);
        assertThat(overview.path("lastRun").path("state").asText()).isEqualTo("finished");
    }

    // ---- steps

    /** {@code legacy-hash audit --json}, the real CLI jar against the same table. */
    private static JsonNode cliAudit() {
        Path dir = Dirs.fresh(ItSettings.workDir().resolve("migration-page-cli"));
        CliProcess.Result run = CliProcess.run(dir, "audit", Map.of("LEGACY_DB_PASSWORD", postgres.password()), 180,
                "audit", postgres.jdbcUrl(), "--user", postgres.username(), "--password-env", "LEGACY_DB_PASSWORD",
                "--json");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        return Http.parse(run.out());
    }

    private void loginToAdminConsole() {
        browser.open(keycloak.baseUrl() + "/admin/");
        visible(By.id("username")).sendKeys(keycloak.admin().username());
        browser.find(By.id("password")).sendKeys(keycloak.admin().password());
        browser.find(By.id("kc-login")).click();
        browser.await().until(ExpectedConditions.urlContains("/admin/master/console/"));
    }

    /** Reads from the live page, again if the panel was redrawn between finding an element and reading it. */
    private <T> T fresh(java.util.function.Supplier<T> read) {
        return browser.await().ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> read.get());
    }

    private void scrollTo(By by) {
        fresh(() -> {
            browser.scrollTo(browser.find(by), "center");
            return true;
        });
    }

    private long number(String testId) {
        String value = text(testId).split("\n")[0];
        return Long.parseLong(value.replace(",", "").trim());
    }

    private String text(String testId) {
        return fresh(() -> browser.find(By.cssSelector("[data-testid=" + testId + "]")).getText().trim());
    }

    private int percent() {
        return Integer.parseInt(text("lb-run-progress-pct").replace("%", "").trim());
    }

    private static long cell(WebElement row, String column) {
        return Long.parseLong(row.findElement(By.cssSelector("[data-column=" + column + "]")).getText()
                .replace(",", "").trim());
    }

    private WebElement visible(By by) {
        return browser.await().until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    private WebElement clickable(By by) {
        return browser.await().until(ExpectedConditions.elementToBeClickable(by));
    }
}
