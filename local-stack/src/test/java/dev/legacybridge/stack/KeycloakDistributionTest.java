package dev.legacybridge.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What makes the launcher unpack, copy and build again, and what makes it reuse its work: checked with a tiny zip whose
 * {@code kc.sh} only records its calls ({@link FakeDistributions}).
 */
class KeycloakDistributionTest {

    private static final Duration BUILD_TIMEOUT = Duration.ofSeconds(30);
    private static final Instant MONDAY = Instant.parse("2026-03-02T08:00:00Z");
    private static final Instant TUESDAY = Instant.parse("2026-03-03T08:00:00Z");

    @TempDir
    Path dir;

    private Path work() {
        return dir.resolve("work");
    }

    private KeycloakDistribution unpacked() {
        return KeycloakDistribution.unpack(FakeDistributions.zip(dir.resolve("keycloak-dist.zip"), "v1"), work());
    }

    private Path provider(String name, String classContent, Instant built) {
        return FakeDistributions.jar(dir.resolve("jars").resolve(name), Map.of(
                "META-INF/services/org.keycloak.storage.UserStorageProviderFactory", "dev.example.Factory\n",
                "dev/example/Factory.class", classContent), built);
    }

    private List<String> calls(KeycloakDistribution kc) throws Exception {
        Path log = kc.home().resolve("calls.log");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    // ------------------------------------------------------------------ unpack

    @Test
    void unpackWhenNewThenTheTopDirectoryWithAnExecutableKcSh() throws Exception {
        KeycloakDistribution kc = unpacked();

        assertThat(kc.home()).isEqualTo(work().resolve(FakeDistributions.TOP));
        assertThat(Files.readString(kc.home().resolve("conf/keycloak.conf"))).isEqualTo("v1");
        assertThat(Files.isExecutable(kc.home().resolve("bin/kc.sh"))).isTrue();
        try (var left = Files.list(work())) {
            assertThat(left).containsExactly(kc.home()); // no temporary directory left behind
        }
    }

    @Test
    void unpackWhenTheSameZipAgainThenTheExistingDirectoryIsReused() throws Exception {
        KeycloakDistribution first = unpacked();
        Files.writeString(first.home().resolve("conf/keycloak.conf"), "changed by the stack");

        KeycloakDistribution second = unpacked();

        assertThat(second).isEqualTo(first);
        assertThat(Files.readString(second.home().resolve("conf/keycloak.conf"))).isEqualTo("changed by the stack");
    }

    @Test
    void unpackWhenAnotherZipOfTheSameNameThenUnpackedAfresh() throws Exception {
        KeycloakDistribution first = unpacked();
        Files.writeString(first.home().resolve("data-from-the-old-one"), "x");

        KeycloakDistribution second = KeycloakDistribution.unpack(
                FakeDistributions.zip(dir.resolve("keycloak-dist.zip"), "version two"), work());

        assertThat(Files.readString(second.home().resolve("conf/keycloak.conf"))).isEqualTo("version two");
        assertThat(second.home().resolve("data-from-the-old-one")).doesNotExist();
    }

    @Test
    void unpackWhenAnEarlierUnpackDidNotFinishThenUnpackedAgain() throws Exception {
        Path home = work().resolve(FakeDistributions.TOP);
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve("conf/keycloak.conf"), "half-written");

        KeycloakDistribution kc = unpacked();

        assertThat(Files.readString(kc.home().resolve("conf/keycloak.conf"))).isEqualTo("v1");
    }

    @Test
    void unpackWhenAnEntryPointsOutsideTheTargetThenRefusedAndTheOldDistributionAndWorkDirAreUntouched()
            throws Exception {
        KeycloakDistribution good = unpacked();
        Path evil = FakeDistributions.zip(dir.resolve("keycloak-dist.zip"), "v2",
                Map.of(FakeDistributions.TOP + "/../../escaped.txt", "outside"));

        assertThatThrownBy(() -> KeycloakDistribution.unpack(evil, work())).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("Cannot unpack");

        assertThat(dir.resolve("escaped.txt")).doesNotExist();
        assertThat(Files.readString(good.home().resolve("conf/keycloak.conf"))).isEqualTo("v1");
        try (var left = Files.list(work())) {
            assertThat(left).containsExactly(good.home()); // the failed attempt's temporary directory is gone too
        }
    }

    // ------------------------------------------------------------------ providers and realm file

    @Test
    void installProvidersWhenAJarIsOnlyRebuiltThenNotCopiedAgainAndNoChangeIsReported() throws Exception {
        KeycloakDistribution kc = unpacked();
        assertThat(kc.installProviders(List.of(provider("legacy-bridge.jar", "v1", MONDAY)))).isTrue();
        Path installed = kc.home().resolve("providers/legacy-bridge.jar");
        FileTime copiedAt = Files.getLastModifiedTime(installed);

        Path rebuilt = provider("legacy-bridge.jar", "v1", TUESDAY);

        assertThat(kc.installProviders(List.of(rebuilt))).isFalse();
        assertThat(Files.getLastModifiedTime(installed)).isEqualTo(copiedAt);
        assertThat(Files.readAllBytes(installed)).isNotEqualTo(Files.readAllBytes(rebuilt));
    }

    @Test
    void installProvidersWhenContentChangedOrAJarIsNoLongerListedThenCopiedOrRemoved() throws Exception {
        KeycloakDistribution kc = unpacked();
        Path driver = FakeDistributions.jar(dir.resolve("jars/driver.jar"), Map.of("Driver.class", "d"), MONDAY);
        kc.installProviders(List.of(provider("legacy-bridge.jar", "v1", MONDAY), driver));

        assertThat(kc.installProviders(List.of(provider("legacy-bridge.jar", "v2", MONDAY)))).isTrue();

        try (var jars = Files.list(kc.home().resolve("providers"))) {
            assertThat(jars.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jar")))
                    .containsExactly("legacy-bridge.jar");
        }
        assertThat(KeycloakDistribution.contentDigest(kc.home().resolve("providers/legacy-bridge.jar")))
                .isEqualTo(KeycloakDistribution.contentDigest(dir.resolve("jars/legacy-bridge.jar")));
    }

    @Test
    void installedProvidersRegisterWhenAServiceFileListsAnImplementationThenTrue() {
        KeycloakDistribution kc = unpacked();
        Path commentsOnly = FakeDistributions.jar(dir.resolve("jars/empty.jar"), Map.of(
                "META-INF/services/org.keycloak.storage.UserStorageProviderFactory", "# nothing yet\n\n"), MONDAY);

        kc.installProviders(List.of(commentsOnly));
        assertThat(kc.installedProvidersRegister(DemoRealm.USER_STORAGE_FACTORY)).isFalse();

        kc.installProviders(List.of(provider("legacy-bridge.jar", "v1", MONDAY)));
        assertThat(kc.installedProvidersRegister(DemoRealm.USER_STORAGE_FACTORY)).isTrue();
        assertThat(kc.installedProvidersRegister("org.keycloak.credential.hash.PasswordHashProviderFactory")).isFalse();
    }

    @Test
    void jarsInWhenADirectoryHasJarsThenSortedAndWhenNoneThenRefused() throws Exception {
        Path jars = Files.createDirectories(dir.resolve("providers"));
        Files.writeString(jars.resolve("b.jar"), "");
        Files.writeString(jars.resolve("a.jar"), "");
        Files.writeString(jars.resolve("notes.txt"), "");

        assertThat(KeycloakDistribution.jarsIn(jars)).containsExactly(jars.resolve("a.jar"), jars.resolve("b.jar"));
        assertThatThrownBy(() -> KeycloakDistribution.jarsIn(Files.createDirectories(dir.resolve("empty"))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("No provider jars");
    }

    @Test
    void installRealmImportWhenWrittenThenTheOnlyImportFileAndAChangeOnlyWhenTheContentDiffers() throws Exception {
        KeycloakDistribution kc = unpacked();
        Path imports = Files.createDirectories(kc.home().resolve("data/import"));
        Files.writeString(imports.resolve("old-realm.json"), "{}");
        byte[] realm = "{\"realm\":\"demo\"}".getBytes(StandardCharsets.UTF_8);

        assertThat(kc.installRealmImport("demo-realm.json", realm)).isTrue();
        assertThat(kc.installRealmImport("demo-realm.json", realm)).isFalse();
        assertThat(kc.installRealmImport("demo-realm.json", "{\"realm\":\"demo\",\"x\":1}".getBytes(
                StandardCharsets.UTF_8))).isTrue();

        try (var files = Files.list(imports)) {
            assertThat(files).containsExactly(imports.resolve("demo-realm.json"));
        }
    }

    @Test
    void resetDataWhenCalledThenTheDatabaseIsGoneAndTheRealmFileStays() throws Exception {
        KeycloakDistribution kc = unpacked();
        kc.installRealmImport("demo-realm.json", new byte[] {'{', '}'});
        Files.createDirectories(kc.home().resolve("data/h2"));
        Files.writeString(kc.home().resolve("data/h2/keycloakdb.mv.db"), "db");
        assertThat(kc.hasData()).isTrue();

        kc.resetData();

        assertThat(kc.hasData()).isFalse();
        assertThat(kc.home().resolve("data/import/demo-realm.json")).exists();
    }

    // ------------------------------------------------------------------ build

    @Test
    void buildIfNeededWhenNothingChangedSinceTheLastBuildThenNoBuild() throws Exception {
        KeycloakDistribution kc = unpacked();
        kc.installProviders(List.of(provider("legacy-bridge.jar", "v1", MONDAY)));

        assertThat(kc.buildIfNeeded(KeycloakDistribution.DEFAULT_BUILD_OPTIONS, BUILD_TIMEOUT)).isTrue();
        kc.installProviders(List.of(provider("legacy-bridge.jar", "v1", TUESDAY))); // rebuilt, same content
        assertThat(kc.buildIfNeeded(KeycloakDistribution.DEFAULT_BUILD_OPTIONS, BUILD_TIMEOUT)).isFalse();

        assertThat(calls(kc)).containsExactly("build " + String.join(" ", KeycloakDistribution.DEFAULT_BUILD_OPTIONS));
    }

    @Test
    void buildIfNeededWhenAProviderOrTheOptionsChangedThenBuiltAgain() throws Exception {
        KeycloakDistribution kc = unpacked();
        kc.installProviders(List.of(provider("legacy-bridge.jar", "v1", MONDAY)));
        kc.buildIfNeeded(List.of("--db=dev-file"), BUILD_TIMEOUT);

        kc.installProviders(List.of(provider("legacy-bridge.jar", "v2", MONDAY)));
        assertThat(kc.buildIfNeeded(List.of("--db=dev-file"), BUILD_TIMEOUT)).isTrue();
        assertThat(kc.buildIfNeeded(List.of("--db=dev-file", "--vault=file"), BUILD_TIMEOUT)).isTrue();
        assertThat(kc.buildIfNeeded(List.of("--db=dev-file", "--vault=file"), BUILD_TIMEOUT)).isFalse();

        assertThat(calls(kc)).containsExactly("build --db=dev-file", "build --db=dev-file",
                "build --db=dev-file --vault=file");
    }

    @Test
    void buildIfNeededWhenTheBuildFailsThenAnErrorWithTheLogTailAndTheNextCallBuildsAgain() throws Exception {
        KeycloakDistribution kc = unpacked();
        Files.writeString(kc.home().resolve("fail-build"), "");

        assertThatThrownBy(() -> kc.buildIfNeeded(KeycloakDistribution.DEFAULT_BUILD_OPTIONS, BUILD_TIMEOUT))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("exit code 1")
                .hasMessageContaining("ERROR: build failed on purpose");

        Files.delete(kc.home().resolve("fail-build"));
        assertThat(kc.buildIfNeeded(KeycloakDistribution.DEFAULT_BUILD_OPTIONS, BUILD_TIMEOUT)).isTrue();
        assertThat(calls(kc)).hasSize(2);
    }

    @Test
    void isProviderChangedExitWhenStatus2AndKeycloaksMessageThenTrueOtherwiseFalse() throws Exception {
        Path log = Files.writeString(dir.resolve("keycloak.log"),
                "ERROR: A provider JAR was updated since the last build, please rebuild for this to be fully applied.\n");
        Path other = Files.writeString(dir.resolve("other.log"), "ERROR: Failed to start server in (production) mode\n");

        assertThat(KeycloakDistribution.isProviderChangedExit(2, log)).isTrue();
        assertThat(KeycloakDistribution.isProviderChangedExit(1, log)).isFalse();
        assertThat(KeycloakDistribution.isProviderChangedExit(2, other)).isFalse();
    }
}
