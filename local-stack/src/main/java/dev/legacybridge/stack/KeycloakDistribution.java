package dev.legacybridge.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * One unpacked Keycloak distribution (the {@code keycloak-quarkus-dist} zip) in a directory we own, run in production
 * mode: {@code kc.sh build} once, then {@code kc.sh start --optimized}.
 *
 * <p>Typical use (the stack and the integration tests do exactly this):
 * <pre>{@code
 * KeycloakDistribution kc = KeycloakDistribution.unpack(distZip, workDir);   // no-op when already unpacked
 * kc.installProviders(providerJars);                                        // copies only changed jars
 * kc.installRealmImport("demo-realm.json", realmJson);
 * kc.buildIfNeeded(KeycloakDistribution.DEFAULT_BUILD_OPTIONS, Duration.ofMinutes(5));
 * try (KeycloakServer server = kc.start(options)) { ... }                   // returns once /health/ready is 200
 * }</pre>
 *
 * <p>Why the fingerprint: {@code kc.sh build} costs 25-50 s on two cores, and {@code start --optimized} exits with
 * status 2 when a provider jar changed since the last build. So the build runs exactly when the provider jars (by
 * content) or the build options differ from the last successful build, recorded in
 * {@code <home>/.legacy-bridge/build.fingerprint}. Unchanged jars are never rewritten, so Keycloak's own change
 * detection (file timestamps) stays quiet.
 */
public final class KeycloakDistribution {

    /** Build-time options: the embedded H2 file database and the health endpoints on the management port. */
    /**
     * {@code --vault=file} is a build-time option; the directory is chosen at start ({@code --vault-dir}), so that
     * {@code ${vault.key}} references (e.g. the legacy database password) can be resolved. {@code --metrics-enabled}
     * (build time too) puts Keycloak's and the provider's Prometheus series on the management port's {@code /metrics}.
     */
    public static final List<String> DEFAULT_BUILD_OPTIONS = List.of("--db=dev-file", "--health-enabled=true",
            "--vault=file", "--metrics-enabled=true");

    private static final System.Logger LOG = System.getLogger(KeycloakDistribution.class.getName());
    private static final String STATE_DIR = ".legacy-bridge";
    private static final String PROVIDER_CHANGED_MESSAGE = "A provider JAR was updated since the last build";

    private final Path home;

    private KeycloakDistribution(Path home) {
        this.home = home;
    }

    /**
     * Unpacks {@code distZip} into {@code workDir} unless that exact zip (name and size) was unpacked there before.
     * Unpacking goes to a temporary directory first, so an interrupted unpack never looks complete.
     */
    public static KeycloakDistribution unpack(Path distZip, Path workDir) {
        try {
            Files.createDirectories(workDir);
            String marker = distZip.getFileName() + " " + Files.size(distZip);
            String topDir = topDirectory(distZip);
            Path home = workDir.resolve(topDir);
            Path markerFile = home.resolve(STATE_DIR).resolve("unpacked-from");
            if (Files.isRegularFile(markerFile) && Files.readString(markerFile).equals(marker)) {
                return new KeycloakDistribution(home);
            }
            long start = System.nanoTime();
            Path tmp = Files.createTempDirectory(workDir, "unpack-");
            try {
                unzip(distZip, tmp);
                Files.createDirectories(tmp.resolve(topDir).resolve(STATE_DIR));
                Files.writeString(tmp.resolve(topDir).resolve(STATE_DIR).resolve("unpacked-from"), marker);
                deleteTree(home);
                Files.move(tmp.resolve(topDir), home, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException | RuntimeException e) {
                // A failed unpack (a bad entry, a full disk) must not leave a half-unpacked copy behind each time.
                try {
                    deleteTree(tmp);
                } catch (IOException cleanup) {
                    e.addSuppressed(cleanup);
                }
                throw e;
            }
            deleteTree(tmp);
            LOG.log(System.Logger.Level.INFO, "Unpacked {0} into {1} in {2} ms", distZip.getFileName(), home,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            return new KeycloakDistribution(home);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot unpack " + distZip + " into " + workDir, e);
        }
    }

    /** The distribution root ({@code bin/kc.sh}, {@code providers/}, {@code data/}). */
    public Path home() {
        return home;
    }

    /**
     * Makes {@code providers/} hold exactly {@code jars}: copies a jar only when its content differs and deletes jars
     * that are not in the list.
     *
     * @return whether anything changed
     */
    public boolean installProviders(List<Path> jars) {
        Path providers = home.resolve("providers");
        try {
            Files.createDirectories(providers);
            boolean changed = false;
            List<String> wanted = new ArrayList<>();
            for (Path jar : jars) {
                String name = jar.getFileName().toString();
                wanted.add(name);
                Path target = providers.resolve(name);
                if (!Files.exists(target) || !contentDigest(target).equals(contentDigest(jar))) {
                    Files.copy(jar, target, StandardCopyOption.REPLACE_EXISTING);
                    changed = true;
                }
            }
            try (DirectoryStream<Path> existing = Files.newDirectoryStream(providers, "*.jar")) {
                for (Path p : existing) {
                    if (!wanted.contains(p.getFileName().toString())) {
                        Files.delete(p);
                        changed = true;
                    }
                }
            }
            return changed;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot install providers into " + providers, e);
        }
    }

    /** Every {@code *.jar} in {@code dir}, sorted by name (for a Maven-assembled providers folder). */
    public static List<Path> jarsIn(Path dir) {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*.jar")) {
            List<Path> jars = new ArrayList<>();
            s.forEach(jars::add);
            jars.sort(null);
            if (jars.isEmpty()) {
                throw new IllegalStateException("No provider jars in " + dir);
            }
            return jars;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dir, e);
        }
    }

    /**
     * Whether any installed provider jar registers an implementation of {@code factoryInterface} in
     * {@code META-INF/services}, e.g. {@code org.keycloak.storage.UserStorageProviderFactory}.
     */
    public boolean installedProvidersRegister(String factoryInterface) {
        String entry = "META-INF/services/" + factoryInterface;
        try (DirectoryStream<Path> s = Files.newDirectoryStream(home.resolve("providers"), "*.jar")) {
            for (Path jar : s) {
                try (JarFile jf = new JarFile(jar.toFile())) {
                    ZipEntry e = jf.getEntry(entry);
                    if (e != null) {
                        try (InputStream in = jf.getInputStream(e)) {
                            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                            if (text.lines().map(String::strip).anyMatch(l -> !l.isEmpty() && !l.startsWith("#"))) {
                                return true;
                            }
                        }
                    }
                }
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read provider jars", e);
        }
    }

    /**
     * Puts a realm file into {@code data/import/} (the only file there afterwards) for {@code --import-realm}.
     * Keycloak 26.7 requires a file named {@code <realm>-realm.json} to contain that realm, and imports a realm only
     * if it does not exist yet (strategy IGNORE_EXISTING).
     *
     * @return whether the file was new or different
     */
    public boolean installRealmImport(String fileName, byte[] json) {
        Path dir = home.resolve("data").resolve("import");
        try {
            Files.createDirectories(dir);
            try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*.json")) {
                for (Path p : s) {
                    if (!p.getFileName().toString().equals(fileName)) {
                        Files.delete(p);
                    }
                }
            }
            Path target = dir.resolve(fileName);
            if (!Files.exists(target) || !Arrays.equals(Files.readAllBytes(target), json)) {
                Files.write(target, json);
                return true;
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot install realm import into " + dir, e);
        }
    }

    /** Whether the server has a database already (so {@code --import-realm} will skip existing realms). */
    public boolean hasData() {
        return Files.isDirectory(home.resolve("data").resolve("h2"));
    }

    /**
     * Deletes the server's state (the H2 database with the master realm and every imported realm, transaction logs)
     * but keeps {@code data/import}, so the next start imports the realm again.
     */
    public void resetData() {
        Path data = home.resolve("data");
        if (!Files.isDirectory(data)) {
            return;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(data)) {
            for (Path p : s) {
                if (!p.getFileName().toString().equals("import")) {
                    deleteTree(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot reset " + data, e);
        }
    }

    /**
     * Runs {@code kc.sh build <options>} unless the installed providers and {@code buildOptions} match the last
     * successful build.
     *
     * @return whether a build ran
     */
    public boolean buildIfNeeded(List<String> buildOptions, Duration timeout) {
        String fingerprint = fingerprint(buildOptions);
        Path file = home.resolve(STATE_DIR).resolve("build.fingerprint");
        try {
            if (Files.isRegularFile(file) && Files.readString(file).equals(fingerprint)) {
                return false;
            }
            build(buildOptions, timeout);
            Files.writeString(file, fingerprint);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code kc.sh build} unconditionally (log in {@code <home>/.legacy-bridge/build.log}). */
    public void build(List<String> buildOptions, Duration timeout) {
        Path log = home.resolve(STATE_DIR).resolve("build.log");
        Path fingerprintFile = home.resolve(STATE_DIR).resolve("build.fingerprint");
        List<String> command = new ArrayList<>();
        command.add(home.resolve("bin").resolve("kc.sh").toString());
        command.add("build");
        command.addAll(buildOptions);
        long start = System.nanoTime();
        try {
            Files.deleteIfExists(fingerprintFile);
            Process p = new ProcessBuilder(command)
                    .directory(home.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
                    .start();
            Thread guard = shutdownGuard(p);
            try {
                if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    ProcessTree.terminate(p.toHandle(), Duration.ofSeconds(10));
                    throw new IllegalStateException("kc.sh build did not finish within " + timeout.toSeconds() + " s; log "
                            + log + ":\n" + Readiness.tail(log, 40));
                }
            } finally {
                removeShutdownGuard(guard);
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("kc.sh build failed with exit code " + p.exitValue() + "; log " + log
                        + ":\n" + Readiness.tail(log, 40));
            }
            LOG.log(System.Logger.Level.INFO, "kc.sh build {0} took {1} ms", buildOptions,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during kc.sh build", e);
        }
    }

    /**
     * Starts {@code kc.sh start --optimized} and waits until {@code /health/ready} on the management port returns
     * 200. If the server exits with status 2 because a provider jar changed since the last build (possible when the
     * jars were touched behind our back), it rebuilds once with {@code buildOptions} and starts again.
     */
    public KeycloakServer start(KeycloakServer.Options options, List<String> buildOptions) {
        KeycloakServer server = KeycloakServer.launch(home, options);
        KeycloakServer.StartResult result = server.awaitReady(options.readyTimeout());
        if (result == KeycloakServer.StartResult.PROVIDERS_CHANGED) {
            LOG.log(System.Logger.Level.WARNING, "Keycloak reports changed provider jars; rebuilding");
            build(buildOptions, Duration.ofMinutes(5));
            try {
                Files.writeString(home.resolve(STATE_DIR).resolve("build.fingerprint"), fingerprint(buildOptions));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server = KeycloakServer.launch(home, options);
            result = server.awaitReady(options.readyTimeout());
        }
        if (result != KeycloakServer.StartResult.READY) {
            server.close();
            throw new IllegalStateException("Keycloak did not start (" + result + "); log " + options.logFile() + ":\n"
                    + Readiness.tail(options.logFile(), 60));
        }
        return server;
    }

    static boolean isProviderChangedExit(int exitCode, Path logFile) {
        return exitCode == 2 && Readiness.tail(logFile, 200).contains(PROVIDER_CHANGED_MESSAGE);
    }

    private String fingerprint(List<String> buildOptions) {
        Map<String, String> parts = new TreeMap<>();
        parts.put("0-home", home.getFileName().toString());
        parts.put("1-options", String.join(" ", buildOptions));
        try (DirectoryStream<Path> s = Files.newDirectoryStream(home.resolve("providers"), "*.jar")) {
            for (Path jar : s) {
                parts.put("2-provider " + jar.getFileName(), contentDigest(jar));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StringBuilder sb = new StringBuilder();
        parts.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        return sb.toString();
    }

    static Thread shutdownGuard(Process p) {
        Thread t = new Thread(() -> ProcessTree.terminate(p.toHandle(), Duration.ofSeconds(30)), "stop-" + p.pid());
        Runtime.getRuntime().addShutdownHook(t);
        return t;
    }

    static void removeShutdownGuard(Thread t) {
        try {
            Runtime.getRuntime().removeShutdownHook(t);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to run; it does the same work
        }
    }

    static java.io.File nullDevice() {
        return new java.io.File("/dev/null");
    }

    private static String topDirectory(Path zip) throws IOException {
        try (ZipFile zf = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> entries = zf.entries();
            while (entries.hasMoreElements()) {
                String name = entries.nextElement().getName();
                int slash = name.indexOf('/');
                if (slash > 0) {
                    return name.substring(0, slash);
                }
            }
        }
        throw new IOException("No top-level directory in " + zip);
    }

    private static void unzip(Path zip, Path target) throws IOException {
        Path root = target.toAbsolutePath().normalize();
        try (ZipFile zf = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> entries = zf.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                Path out = root.resolve(e.getName()).normalize();
                if (!out.startsWith(root)) {
                    throw new IOException("Zip entry outside the target: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(out);
                    continue;
                }
                Files.createDirectories(out.getParent());
                try (InputStream in = zf.getInputStream(e)) {
                    Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                }
                if (e.getName().endsWith(".sh")) {
                    // java.util.zip does not carry Unix permissions
                    Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
        }
    }

    /**
     * Digest of a jar's content: entry names, CRCs and sizes, not the entry timestamps. A rebuilt but otherwise
     * identical jar (Maven rewrites the provider jar on every package) thus neither triggers a copy nor a rebuild.
     */
    static String contentDigest(Path jar) throws IOException {
        try (ZipFile zf = new ZipFile(jar.toFile())) {
            TreeMap<String, String> entries = new TreeMap<>();
            Enumeration<? extends ZipEntry> e = zf.entries();
            while (e.hasMoreElements()) {
                ZipEntry entry = e.nextElement();
                if (!entry.isDirectory()) {
                    entries.put(entry.getName(), Long.toHexString(entry.getCrc()) + ":" + entry.getSize());
                }
            }
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            entries.forEach((name, crc) -> md.update((name + "=" + crc + "\n").getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(md.digest());
        } catch (java.util.zip.ZipException notAZip) {
            return sha256(jar);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(Path file) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            try (InputStream in = Files.newInputStream(file)) {
                byte[] buf = new byte[1 << 16];
                int n;
                while ((n = in.read(buf)) > 0) {
                    md.update(buf, 0, n);
                }
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    @Override
    public String toString() {
        return "KeycloakDistribution[" + home + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeycloakDistribution k && k.home.equals(home);
    }

    @Override
    public int hashCode() {
        return Objects.hash(home);
    }
}
