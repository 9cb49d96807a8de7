package dev.legacybridge.it;

import dev.legacybridge.stack.FreePorts;
import dev.legacybridge.stack.KeycloakDistribution;
import dev.legacybridge.stack.KeycloakServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Two Keycloak nodes from the distribution forming one Infinispan cluster, the way Keycloak 26 runs in production:
 * <ul>
 *   <li>Keycloak's own database is a real PostgreSQL (zonky embedded binaries) shared by both nodes; the distribution
 *       is built with {@code --db=postgres}.</li>
 *   <li>{@code --cache=ispn} with the default {@code jdbc-ping} stack: each node announces its JGroups address in a
 *       table of that database, which is how the nodes find each other.</li>
 *   <li>Loopback only: HTTP, management and the JGroups transport bind to 127.0.0.1
 *       ({@code --cache-embedded-network-bind-address}), each node on ports of its own
 *       ({@code --cache-embedded-network-bind-port}). JGroups' failure detection (FD_SOCK2) listens 50,000 ports above
 *       the transport, so the transport port is picked below 15,536 with both ports free.</li>
 *   <li>Node B runs from a copy of node A's built distribution, so {@code kc.sh build} runs once (and only when the
 *       provider jars changed since the last run).</li>
 * </ul>
 *
 * <p>One cluster per test run, started on first use ({@link #shared()}) and stopped with the shared Keycloak when the
 * JUnit session ends. A test may {@link ClusterNode#kill()} a node; the next {@link #shared()} starts it again.
 * Logs: {@code target/it-work/logs/cluster-a.log}, {@code cluster-b.log} (a restarted node: {@code cluster-a-start2.log}).
 */
final class KeycloakCluster implements AutoCloseable {

    /** Build-time options of the cluster's distribution: Keycloak's database is PostgreSQL. */
    static final List<String> BUILD_OPTIONS = List.of("--db=postgres", "--health-enabled=true");
    private static final String ADMIN = "admin";
    private static final int FAILURE_DETECTION_PORT_OFFSET = 50_000;
    private static final Pattern CLUSTER_VIEW = Pattern.compile(
            "ISPN000094: Received new cluster view for channel \\S+: \\[.*\\] \\((\\d+)\\)");

    private static KeycloakCluster shared;
    private static RuntimeException startFailure;

    private final EmbeddedPostgres database;
    private final List<ClusterNode> nodes;

    private KeycloakCluster(EmbeddedPostgres database, List<ClusterNode> nodes) {
        this.database = database;
        this.nodes = nodes;
    }

    /** The run's cluster, with both nodes running and in one view (a node killed by an earlier test is restarted). */
    static synchronized KeycloakCluster shared() {
        if (startFailure != null) {
            throw new IllegalStateException("The Keycloak cluster failed to start earlier in this run", startFailure);
        }
        try {
            if (shared == null) {
                long start = System.nanoTime();
                shared = start(ItSettings.workDir().resolve("cluster"));
                System.err.printf(Locale.ROOT, "[it] Keycloak cluster ready (%s, %s) in %.1f s%n", shared.a(),
                        shared.b(), (System.nanoTime() - start) / 1e9);
            } else {
                shared.ensureRunning();
            }
            return shared;
        } catch (RuntimeException e) {
            startFailure = e;
            throw e;
        }
    }

    static synchronized void stopShared() {
        if (shared != null) {
            shared.close();
            shared = null;
        }
    }

    private static KeycloakCluster start(Path dir) {
        EmbeddedPostgres database = startDatabase(dir.resolve("keycloak-db"));
        List<ClusterNode> nodes = new ArrayList<>();
        KeycloakCluster cluster = new KeycloakCluster(database, nodes);
        try {
            KeycloakDistribution a = KeycloakDistribution.unpack(ItSettings.distZip(), dir.resolve("node-a"));
            a.installProviders(KeycloakDistribution.jarsIn(ItSettings.providersDir()));
            a.resetData();
            a.buildIfNeeded(BUILD_OPTIONS, Duration.ofMinutes(5));
            KeycloakDistribution b = copyOf(a, dir.resolve("node-b"));
            String dbUrl = "jdbc:postgresql://127.0.0.1:" + database.getPort() + "/keycloak";
            nodes.add(node("a", a, dbUrl));
            nodes.add(node("b", b, dbUrl));
            // One after the other: the first start creates Keycloak's schema and the master realm.
            for (ClusterNode node : nodes) {
                node.start();
            }
            cluster.awaitView();
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    ClusterNode a() {
        return nodes.get(0);
    }

    ClusterNode b() {
        return nodes.get(1);
    }

    List<ClusterNode> nodes() {
        return List.copyOf(nodes);
    }

    /** Starts every node that is not running and waits until all of them are in one cluster view. */
    synchronized void ensureRunning() {
        boolean started = false;
        for (ClusterNode node : nodes) {
            if (!node.isRunning()) {
                node.start();
                started = true;
            }
        }
        if (started) {
            awaitView();
        }
    }

    /**
     * Users Keycloak's own database holds in a realm, imported or native (read from its {@code user_entity} table):
     * a progress probe for a test that must kill a node in the middle of work, never an assertion's source.
     */
    long usersStoredInRealm(String realm) {
        try (Connection c = database.getDatabase("postgres", "keycloak").getConnection();
             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM user_entity u JOIN realm r "
                     + "ON u.realm_id = r.id WHERE r.name = ?")) {
            s.setString(1, realm);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Waits until every running node's latest cluster view has all running nodes. */
    private void awaitView() {
        int expected = (int) nodes.stream().filter(ClusterNode::isRunning).count();
        for (ClusterNode node : nodes) {
            if (!node.isRunning()) {
                continue;
            }
            int members = Poll.until(Duration.ofSeconds(60), Duration.ofMillis(200),
                    () -> viewSize(node.serverLog()), n -> n == expected);
            if (members != expected) {
                throw new IllegalStateException(node + " sees " + members + " cluster member(s), not " + expected
                        + "; log:\n" + tail(node.serverLog()));
            }
        }
    }

    /** Size of the last cluster view a node's log reports, 0 if none yet. */
    static int viewSize(String log) {
        Matcher m = CLUSTER_VIEW.matcher(log);
        int size = 0;
        while (m.find()) {
            size = Integer.parseInt(m.group(1));
        }
        return size;
    }

    private static ClusterNode node(String name, KeycloakDistribution distribution, String dbUrl) {
        Path log = ItSettings.workDir().resolve("logs").resolve("cluster-" + name + ".log");
        KeycloakServer.Options options = KeycloakServer.Options.of(FreePorts.next(), FreePorts.next(), log)
                .withAdmin(ADMIN, ADMIN)
                .withExtraArgs("--cache=ispn", "--cache-stack=jdbc-ping", "--spi-cache-embedded-default-node-name=node-" + name,
                        "--cache-embedded-network-bind-address=127.0.0.1",
                        "--cache-embedded-network-bind-port=" + transportPort(),
                        "--db-url=" + dbUrl, "--db-username=postgres", "--db-password=postgres",
                        "--db-pool-max-size=30")
                .withReadyTimeout(Duration.ofMinutes(4));
        return new ClusterNode(name, distribution, options, BUILD_OPTIONS);
    }

    /** A JGroups transport port free on loopback, with its failure-detection port (50,000 higher) free too. */
    private static int transportPort() {
        for (int i = 0; i < 200; i++) {
            int port = ThreadLocalRandom.current().nextInt(7_800, 65_535 - FAILURE_DETECTION_PORT_OFFSET);
            if (FreePorts.isFree(port) && FreePorts.isFree(port + FAILURE_DETECTION_PORT_OFFSET)) {
                return port;
            }
        }
        throw new IllegalStateException("No free JGroups port pair (p, p + 50000) on 127.0.0.1");
    }

    /** Keycloak's own database: a fresh PostgreSQL on a free loopback port, database {@code keycloak}. */
    private static EmbeddedPostgres startDatabase(Path dataDir) {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(Dirs.fresh(dataDir))
                    .setCleanDataDirectory(true)
                    .setPort(FreePorts.next())
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "100")
                    .start();
            try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE keycloak");
            }
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the cluster's PostgreSQL", e);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /**
     * A second distribution for node B: node A's built tree copied without its {@code data/} (the node's own
     * transaction logs and temporary files), so that B needs no build of its own.
     */
    private static KeycloakDistribution copyOf(KeycloakDistribution source, Path workDir) {
        Path target = Dirs.fresh(workDir).resolve(source.home().getFileName());
        try (Stream<Path> files = Files.walk(source.home())) {
            for (Path from : files.toList()) {
                Path relative = source.home().relativize(from);
                if (relative.startsWith("data")) {
                    continue;
                }
                Path to = target.resolve(relative.toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy " + source.home() + " to " + target, e);
        }
        // The copy carries the unpack marker and the build fingerprint: neither unpacks nor builds again.
        return KeycloakDistribution.unpack(ItSettings.distZip(), workDir);
    }

    private static String tail(String log) {
        List<String> lines = log.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    @Override
    public synchronized void close() {
        for (ClusterNode node : nodes) {
            try {
                node.close();
            } catch (RuntimeException e) {
                System.err.println("[it] stopping " + node + " failed: " + e);
            }
        }
        try {
            database.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
