package dev.legacybridge.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the launcher runs {@code kc.sh start}: its command line and environment, and how a start ends, against the fake
 * {@code kc.sh} of {@link FakeDistributions} (nothing listens on the management port unless a test serves it).
 */
class KeycloakServerTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private KeycloakServer running;
    private HttpServer health;

    @AfterEach
    void stop() {
        if (running != null) {
            running.close();
        }
        if (health != null) {
            health.stop(0);
        }
    }

    private KeycloakDistribution distribution() {
        return KeycloakDistribution.unpack(FakeDistributions.zip(dir.resolve("keycloak-dist.zip"), "v1"),
                dir.resolve("work"));
    }

    private KeycloakServer.Options options() {
        return KeycloakServer.Options.of(FreePorts.next(), FreePorts.next(), dir.resolve("logs/keycloak.log"))
                .withReadyTimeout(WAIT);
    }

    private static List<String> startArguments(KeycloakDistribution kc) throws Exception {
        return List.of(Files.readAllLines(kc.home().resolve("calls.log")).get(0).split(" "));
    }

    @Test
    void launchWhenDefaultsThenLoopbackLocalCachesAndAHostnameTakenFromEachRequest() throws Exception {
        KeycloakDistribution kc = distribution();
        KeycloakServer.Options options = options();

        assertThat(KeycloakServer.launch(kc.home(), options).awaitReady(WAIT))
                .isEqualTo(KeycloakServer.StartResult.EXITED);

        assertThat(startArguments(kc)).containsExactly("start", "--optimized", "--http-enabled=true",
                "--http-host=127.0.0.1", "--http-port=" + options.httpPort(),
                "--http-management-port=" + options.managementPort(), "--cache=local", "--hostname-strict=false");
        assertThat(Files.readAllLines(kc.home().resolve("start.env")))
                .contains("KC_BOOTSTRAP_ADMIN_USERNAME=admin", "KC_BOOTSTRAP_ADMIN_PASSWORD=admin");
    }

    @Test
    void launchWhenRealmFileHostnameOwnCacheAndExtrasThenTheyAreAllPassedOn() throws Exception {
        KeycloakDistribution kc = distribution();
        kc.installRealmImport(DemoRealm.FILE_NAME, DemoRealm.json());
        KeycloakServer.Options options = options().withHostname("http://localhost:8080")
                .withExtraArgs("--cache=ispn", "--http-access-log-enabled=true")
                .withEnv(DemoRealm.ENV_LEGACY_DB_URL, "jdbc:sqlite:legacy/db.sqlite3")
                .withJavaOpt(DemoRealm.TOLERATE_MISSING_PROVIDER).withJavaOpt("-Xmx512m")
                .withAdmin("root", "s3cret");

        KeycloakServer.launch(kc.home(), options).awaitReady(WAIT);

        assertThat(startArguments(kc)).contains("--import-realm", "--hostname=http://localhost:8080", "--cache=ispn",
                "--http-access-log-enabled=true").doesNotContain("--cache=local", "--hostname-strict=false");
        assertThat(Files.readAllLines(kc.home().resolve("start.env"))).contains(
                DemoRealm.ENV_LEGACY_DB_URL + "=jdbc:sqlite:legacy/db.sqlite3", "KC_BOOTSTRAP_ADMIN_USERNAME=root",
                "KC_BOOTSTRAP_ADMIN_PASSWORD=s3cret")
                .anySatisfy(line -> assertThat(line).startsWith("JAVA_OPTS_APPEND=")
                        .endsWith(DemoRealm.TOLERATE_MISSING_PROVIDER + " -Xmx512m"));
    }

    @Test
    void awaitReadyWhenKeycloakExitsBecauseProvidersChangedThenProvidersChanged() throws Exception {
        KeycloakDistribution kc = distribution();
        Files.writeString(kc.home().resolve("start-output"),
                "ERROR: A provider JAR was updated since the last build, please rebuild for this to be fully applied.\n");
        Files.writeString(kc.home().resolve("start-exit"), "2");

        assertThat(KeycloakServer.launch(kc.home(), options()).awaitReady(WAIT))
                .isEqualTo(KeycloakServer.StartResult.PROVIDERS_CHANGED);
    }

    @Test
    void startWhenKeycloakReportsChangedProvidersThenItRebuildsOnceAndStartsAgain() throws Exception {
        KeycloakDistribution kc = distribution();
        Files.writeString(kc.home().resolve("start-output"), "A provider JAR was updated since the last build\n");
        Files.writeString(kc.home().resolve("start-exit"), "2");
        Files.writeString(kc.home().resolve("serve-after-build"), "");
        KeycloakServer.Options options = options();
        serveHealthOnceUp(options.managementPort(), kc.home().resolve("serving"));

        running = kc.start(options, List.of("--db=dev-file"));

        assertThat(running.isAlive()).isTrue();
        assertThat(Files.readAllLines(kc.home().resolve("calls.log"))).map(l -> l.split(" ")[0])
                .containsExactly("start", "build", "start");
        assertThat(kc.buildIfNeeded(List.of("--db=dev-file"), WAIT)).as("the rebuild was recorded").isFalse();
    }

    @Test
    void startWhenKeycloakExitsForAnotherReasonThenAnErrorWithTheLogTail() throws Exception {
        KeycloakDistribution kc = distribution();
        Files.writeString(kc.home().resolve("start-output"), "ERROR: Port 8080 is already in use\n");
        Files.writeString(kc.home().resolve("start-exit"), "1");

        assertThatThrownBy(() -> kc.start(options(), List.of("--db=dev-file")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Keycloak did not start (EXITED)")
                .hasMessageContaining("ERROR: Port 8080 is already in use");
        assertThat(Files.readAllLines(kc.home().resolve("calls.log"))).hasSize(1);
    }

    @Test
    void optionsToStringWhenAdminPasswordSetThenNeverShown() {
        KeycloakServer.Options options = options().withAdmin("admin", "very-secret-pw").withEnv("X", "1");

        assertThat(options.toString()).doesNotContain("very-secret-pw").contains("env [X]");
    }

    /** {@code /health/ready} on the management port: 503 until {@code marker} exists (the rebuilt server), then 200. */
    private void serveHealthOnceUp(int port, Path marker) throws Exception {
        health = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        health.createContext("/health/ready", exchange -> {
            exchange.sendResponseHeaders(Files.exists(marker) ? 200 : 503, -1);
            exchange.close();
        });
        health.start();
    }
}
