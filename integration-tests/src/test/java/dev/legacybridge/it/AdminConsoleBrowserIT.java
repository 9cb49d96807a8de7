package dev.legacybridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.legacybridge.stack.DemoRealm;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * What a newcomer does by hand, in a real headless Chromium: adds the {@code legacy-database} provider to realm
 * {@code demo} through the admin console form (refused first for an unsafe table name, then saved), finds the legacy
 * users under Users, and logs in to demo-api's Swagger UI as a legacy user with the authorization code flow and PKCE
 * through Keycloak's login page. The screenshots it takes are the README's pictures ({@code docs/images/}).
 *
 * <p>Uses the harness like every IT: the run's {@link SharedKeycloak}, its {@link AdminClient} to prepare and check
 * what the UI does, an {@link EmbeddedPostgresLegacyDatabase} fixture, and demo-api as a process ({@link ApiServer}).
 *
 * <p>Runs only with {@code -Pbrowser} ({@code integration-tests/browser-test.sh}), which sets {@code it.browser=true}
 * and the paths of Debian's {@code chromium} and {@code chromium-driver}; a plain {@code mvn verify} skips it.
 */
@EnabledIfSystemProperty(named = "it.browser", matches = "true",
        disabledReason = "browser walkthrough: run with -Pbrowser (integration-tests/browser-test.sh)")
class AdminConsoleBrowserIT {

    private static final String COMPONENT_NAME = "legacy-postgres";
    private static final String UNSAFE_TABLE = "auth_user; DROP TABLE x";
    private static final String EXPECTED_REFUSAL = "Users table must be a plain SQL identifier (letters, digits and _, "
            + "not starting with a digit, optionally schema.table), got 'auth_user; DROP TABLE x'";
    private static final List<String> SCHEMES = List.of("bcrypt", "django_pbkdf2_sha256");

    private static KeycloakEnvironment keycloak;
    private static AdminClient admin;
    private static String realm;
    private static HeadlessChromium browser;

    @BeforeAll
    static void startBrowser() {
        keycloak = SharedKeycloak.get();
        admin = keycloak.admin();
        realm = keycloak.realm();
        browser = HeadlessChromium.start(Path.of(System.getProperty("it.browser.screenshotsDir",
                "target/screenshots")));
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    @DisplayName("Given the admin console, when a Legacy-database provider is added with an unsafe table name, then the"
            + " form is refused with the validator's message; when corrected, then the legacy users are listed")
    void userFederationFormWhenTableNameUnsafeThenRefusedAndWhenCorrectedThenLegacyUsersListed() {
        deleteComponentsNamed(COMPONENT_NAME);   // left over by an aborted run
        // The realm's own legacy-db component serves the same seed users: off while this test runs, so that the
        // Users page shows the users of the component made here (several enabled components are all consulted).
        boolean importedWasEnabled = setComponentEnabled(DemoRealm.LEGACY_COMPONENT_ID, false);
        try (EmbeddedPostgresLegacyDatabase legacyDb = EmbeddedPostgresLegacyDatabase.createSeeded(
                ItSettings.workDir().resolve("pg-browser"), true)) {
            loginToAdminConsole();
            openAdminPage("user-federation");
            openLegacyDatabaseForm();

            typeInto(By.id("name"), COMPONENT_NAME);
            typeInto(By.id("config.jdbcUrl"), keycloak.jdbcUrlSeenByKeycloak(legacyDb.jdbcUrl()));
            typeInto(By.id("config.jdbcUser"), legacyDb.username());
            typeInto(By.id("config.jdbcPassword"), legacyDb.password());
            browser.scrollTo(browser.find(By.id("name")), "center");
            browser.screenshot("legacy-provider-form-connection");

            browser.scrollTo(browser.find(By.id("schemaPreset")), "start");
            browser.screenshot("legacy-provider-form-schema");

            browser.scrollTo(browser.find(By.cssSelector("[data-testid='config.roleMappings0']")), "start");
            browser.screenshot("legacy-provider-form-roles-login");

            chooseAllowedSchemes(SCHEMES);
            browser.scrollTo(browser.find(By.id("allowedSchemes")), "start");
            browser.screenshot("legacy-provider-form-hashing-mode");

            // 1. Refused: the provider's validateConfiguration answers, the console shows it as is.
            typeInto(By.id("config.usersTable"), UNSAFE_TABLE);
            save();
            WebElement refusal = visible(By.cssSelector("[data-testid=last-alert]"));
            assertThat(refusal.getText())
                    .startsWith("User federation provider could not be created")
                    .contains(EXPECTED_REFUSAL);
            browser.scrollTo(browser.find(By.id("config.usersTable")), "center");
            browser.screenshot("legacy-provider-validation-error");
            assertThat(componentsNamed(COMPONENT_NAME)).as("nothing saved").isEmpty();
            closeAlerts();

            // 2. Corrected and saved.
            WebElement table = browser.find(By.id("config.usersTable"));
            browser.scrollTo(table, "center");
            table.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
            table.sendKeys("auth_user");
            save();
            assertThat(visible(By.cssSelector("[data-testid=last-alert]")).getText())
                    .contains("User federation provider successfully created");
            browser.await().until(ExpectedConditions.urlMatches("/user-federation$"));
            visible(By.xpath("//*[normalize-space(.)='" + COMPONENT_NAME + "']"));
            browser.screenshot("legacy-provider-created");

            List<JsonNode> saved = componentsNamed(COMPONENT_NAME);
            assertThat(saved).hasSize(1);
            String componentId = saved.get(0).get("id").asText();
            JsonNode config = saved.get(0).get("config");
            assertThat(config.path("usersTable").path(0).asText()).isEqualTo("auth_user");
            assertThat(strings(config.path("allowedSchemes"))).containsExactlyInAnyOrderElementsOf(SCHEMES);
            assertThat(config.path("jdbcPassword").path(0).asText()).as("secret masked by the REST API")
                    .isEqualTo("**********");

            // 3. The legacy users, straight from PostgreSQL: a realm with federation asks for a search first.
            openAdminPage("users");
            WebElement search = visible(By.cssSelector("input[aria-label=Search]"));
            search.sendKeys("*", Keys.ENTER);
            visible(By.xpath("//td/a[normalize-space(text())='johndoe']"));
            String rows = browser.find(By.cssSelector("table")).getText();
            assertThat(rows).contains("johndoe", "johndoe@example.com", "janedoe", "admin_legacy", "alice");
            assertThat(browser.find(By.xpath("//tr[td/a[normalize-space(text())='alice']]")).getText())
                    .as("is_active = false").contains("Disabled");
            browser.screenshot("legacy-users-search");
            List<JsonNode> johndoe = admin.findUsers(realm, Map.of("username", "johndoe", "exact", true));
            assertThat(johndoe).hasSize(1);
            assertThat(johndoe.get(0).path("federationLink").asText()).isEqualTo(componentId);
        } finally {
            deleteComponentsNamed(COMPONENT_NAME);
            setComponentEnabled(DemoRealm.LEGACY_COMPONENT_ID, importedWasEnabled);
        }
    }

    @Test
    @DisplayName("Given demo-api's Swagger UI, when johndoe authorizes with the authorization code flow and PKCE on "
            + "Keycloak's login page, then GET /users/me answers 200 with his legacy profile")
    void swaggerUiWhenLegacyUserAuthorizesWithPkceThenUsersMeAnswers200() {
        ObjectNode original = admin.client(realm, "swagger-ui");
        try (ApiServer api = ApiServer.start("browser", keycloak.issuer(), Map.of())) {
            // The realm allows Swagger UI on port 8081 only; this run's demo-api has a random port.
            String origin = "http://localhost:" + URI.create(api.baseUrl()).getPort();
            ObjectNode client = original.deepCopy();
            ((ArrayNode) client.withArray("redirectUris")).add(origin + "/swagger-ui/oauth2-redirect.html");
            ((ArrayNode) client.withArray("webOrigins")).add(origin);
            admin.updateClient(realm, client);
            browser.open(origin + "/swagger-ui.html");
            clickable(By.cssSelector(".auth-wrapper button.authorize")).click();

            WebElement clientId = visible(By.id("client_id_authorizationCode"));
            assertThat(clientId.getDomProperty("value")).isEqualTo("swagger-ui");
            WebElement pkce = clientId.findElement(By.xpath("./ancestor::div[@class='auth-container']"));
            assertThat(pkce.getText()).contains("authorizationCode with PKCE");
            String swaggerWindow = browser.driver().getWindowHandle();
            pkce.findElement(By.cssSelector("button.authorize")).click();

            // Keycloak's login page opens in a popup; its redirect page hands the code back and closes it.
            browser.await().until(d -> d.getWindowHandles().size() > 1);
            for (String handle : browser.driver().getWindowHandles()) {
                if (!handle.equals(swaggerWindow)) {
                    browser.driver().switchTo().window(handle);
                }
            }
            visible(By.id("username"));
            assertThat(browser.driver().getCurrentUrl()).startsWith(keycloak.issuer() + "/protocol/openid-connect/auth")
                    .contains("code_challenge_method=S256");
            typeInto(By.id("username"), "johndoe");
            typeInto(By.id("password"), "secret");
            browser.screenshot("swagger-ui-keycloak-login");
            browser.find(By.id("kc-login")).click();
            browser.driver().switchTo().window(swaggerWindow);
            browser.await().until(d -> d.getWindowHandles().size() == 1);
            visible(By.xpath("//div[@class='auth-container'][.//h4[contains(.,'authorizationCode')]]"
                    + "//button[normalize-space(.)='Logout']"));
            browser.find(By.cssSelector("button.close-modal")).click();

            WebElement operation = browser.find(By.id("operations-users-me"));
            operation.findElement(By.cssSelector(".opblock-summary")).click();
            clickable(By.cssSelector("#operations-users-me button.try-out__btn")).click();
            clickable(By.cssSelector("#operations-users-me button.execute")).click();
            String response = "#operations-users-me .live-responses-table tr.response ";
            WebElement status = visible(By.cssSelector(response + ".response-col_status"));
            String body = browser.find(By.cssSelector(response + ".response-col_description pre")).getText();
            assertThat(status.getText()).isEqualTo("200");
            assertThat(body).contains("\"username\": \"johndoe\"", "\"full_name\": \"John Doe\"", "read:posts");
            WebElement serverResponse = operation.findElement(By.xpath(".//h4[normalize-space(.)='Server response']"));
            browser.scrollTo(serverResponse, "start");
            browser.scrollContainerBy(serverResponse, -60);
            browser.screenshot("swagger-ui-users-me-200");
        } finally {
            admin.updateClient(realm, original);
        }
    }

    // ---- steps

    private void loginToAdminConsole() {
        browser.open(keycloak.baseUrl() + "/admin/");
        typeInto(By.id("username"), admin.username());
        typeInto(By.id("password"), admin.password());
        browser.find(By.id("kc-login")).click();
        browser.await().until(ExpectedConditions.urlContains("/admin/master/console/"));
    }

    /** A page of realm {@code demo}; the reload makes the console switch realms (a hash change alone does not). */
    private void openAdminPage(String page) {
        browser.open(keycloak.baseUrl() + "/admin/master/console/#/" + keycloak.realm() + "/" + page);
        browser.driver().navigate().refresh();
        browser.await().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"),
                "Legacy Bridge demo"));
    }

    /**
     * "Add new provider" → "Legacy-database". The menu is there because the realm already has a component (its own
     * legacy-db, disabled meanwhile); an empty page would show one "Add ... providers" card per provider instead.
     */
    private void openLegacyDatabaseForm() {
        clickable(By.id("ufToggleId")).click();
        WebElement item = clickable(By.xpath("//*[@role='menuitem'][normalize-space(.)='Legacy-database']"));
        browser.screenshot("admin-user-federation-add-provider");
        item.click();
        visible(By.id("config.jdbcUrl"));
        assertThat(browser.driver().getCurrentUrl())
                .endsWith("/user-federation/" + DemoRealm.LEGACY_PROVIDER_ID + "/new");
    }

    /**
     * Picks each scheme from the "Allowed hash schemes" type-ahead list. The field starts empty: the provider declares
     * no default there (empty means its default policy).
     */
    private void chooseAllowedSchemes(List<String> schemes) {
        WebElement select = browser.find(By.id("allowedSchemes"));
        browser.scrollTo(select, "center");
        assertThat(select.findElements(By.cssSelector(".pf-v5-c-chip"))).as("no preset schemes").isEmpty();
        for (String scheme : schemes) {
            WebElement input = select.findElement(By.cssSelector("input[role=combobox]"));
            input.click();
            input.sendKeys(scheme);
            clickable(By.xpath("//*[@role='option'][normalize-space(.)='" + scheme + "']")).click();
        }
        List<String> chips = new ArrayList<>();
        select.findElements(By.cssSelector(".pf-v5-c-chip__text")).forEach(c -> chips.add(c.getText()));
        assertThat(chips).as("Allowed hash schemes").containsExactlyInAnyOrderElementsOf(schemes);
    }

    private void save() {
        WebElement save = browser.find(By.cssSelector("[data-testid=custom-save]"));
        browser.scrollTo(save, "center");
        save.click();
    }

    private void closeAlerts() {
        for (WebElement close : browser.driver().findElements(By.cssSelector(".pf-v5-c-alert__action button"))) {
            close.click();
        }
        browser.await().until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("[data-testid=last-alert]")));
    }

    private void typeInto(By field, String text) {
        WebElement e = visible(field);
        browser.scrollTo(e, "center");
        e.sendKeys(text);
    }

    private WebElement visible(By by) {
        return browser.await().until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    private WebElement clickable(By by) {
        return browser.await().until(ExpectedConditions.elementToBeClickable(by));
    }

    /** User storage components of the realm with this name (usually none or one). */
    private static List<JsonNode> componentsNamed(String name) {
        return admin.components(realm, AdminClient.USER_STORAGE).stream()
                .filter(c -> name.equals(c.path("name").asText()))
                .toList();
    }

    private static void deleteComponentsNamed(String name) {
        componentsNamed(name).forEach(c -> admin.deleteComponent(realm, c.get("id").asText()));
    }

    /** Sets the component's {@code enabled} flag; returns the previous value. */
    private static boolean setComponentEnabled(String id, boolean enabled) {
        JsonNode config = admin.component(realm, id).path("config");
        boolean before = !"false".equals(config.path("enabled").path(0).asText("true"));
        admin.updateComponentConfig(realm, id, Map.of("enabled", Boolean.toString(enabled)));
        return before;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }
}
