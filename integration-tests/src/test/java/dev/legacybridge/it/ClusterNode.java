package dev.legacybridge.it;

import dev.legacybridge.stack.KeycloakDistribution;
import dev.legacybridge.stack.KeycloakServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One node of {@link KeycloakCluster}: its own copy of the distribution, its own HTTP, management and JGroups ports on
 * 127.0.0.1, the cluster's shared PostgreSQL database. A node can be killed (SIGKILL, no shutdown hooks: what a crash
 * or an OOM kill does) and started again on the same ports.
 *
 * <p>As a {@link KeycloakEnvironment} it is what {@link ItRealm} and the admin and token clients need; it has no shared
 * SQLite file ({@link #legacySqlite()} throws), and servers on this machine are reached as they are on the
 * distribution backend.
 */
final class ClusterNode implements KeycloakEnvironment {

    private final String name;
    private final KeycloakDistribution distribution;
    private final KeycloakServer.Options options;
    private final List<String> buildOptions;
    private final AdminClient admin;
    private KeycloakServer server;
    private int starts;

    ClusterNode(String name, KeycloakDistribution distribution, KeycloakServer.Options options,
                List<String> buildOptions) {
        this.name = name;
        this.distribution = distribution;
        this.options = options;
        this.buildOptions = buildOptions;
        this.admin = new AdminClient("http://127.0.0.1:" + options.httpPort(), options.adminUsername(),
                options.adminPassword());
    }

    /** Starts the node and returns once its {@code /health/ready} answers 200; each start gets a log of its own. */
    synchronized void start() {
        if (server != null) {
            return;
        }
        starts++;
        KeycloakServer.Options run = new KeycloakServer.Options(options.httpHost(), options.httpPort(),
                options.managementPort(), options.hostname(), options.adminUsername(), options.adminPassword(),
                options.env(), options.javaOpts(), options.extraArgs(), logFile(), options.readyTimeout(),
                options.stopTimeout());
        server = distribution.start(run, buildOptions);
    }

    /** SIGKILL to the node's process tree: no graceful leave, no shutdown hook, transactions cut where they are. */
    synchronized void kill() {
        if (server == null) {
            return;
        }
        ProcessHandle.of(server.pid()).ifPresent(root -> {
            List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
            tree.add(root);
            tree.forEach(ProcessHandle::destroyForcibly);
            tree.forEach(p -> p.onExit().join());
        });
        server.close();   // nothing left to stop; removes the shutdown hook
        server = null;
    }

    synchronized boolean isRunning() {
        return server != null;
    }

    @Override
    public String baseUrl() {
        return "http://127.0.0.1:" + options.httpPort();
    }

    /** Password grant of {@link ItRealm}'s {@code demo-cli} client on this node. */
    TokenClient.TokenResponse login(String realm, String username, String password) {
        return tokens().passwordGrant(realm, ItRealm.CLIENT, username, password, null);
    }

    /**
     * Logs in until the answer has {@code status} (at most 10 s; the last answer is returned for the caller to assert):
     * what another node changed reaches this one through a cluster message, not within the change's own request.
     */
    TokenClient.TokenResponse awaitLogin(String realm, String username, String password, int status) {
        long start = System.nanoTime();
        int[] attempts = {0};
        TokenClient.TokenResponse response = Poll.until(Duration.ofSeconds(10), Duration.ofMillis(100), () -> {
            attempts[0]++;
            return login(realm, username, password);
        }, r -> r.status() == status);
        System.err.printf(java.util.Locale.ROOT, "[it] cluster: %s answered %s's login with %d after %d ms (%d "
                + "attempt(s))%n", name, username, response.status(), (System.nanoTime() - start) / 1_000_000,
                attempts[0]);
        return response;
    }

    /** Waits (at most 10 s) until this node lists {@code count} user storage components in {@code realm}. */
    void awaitComponents(String realm, int count) {
        int seen = Poll.until(Duration.ofSeconds(10), Duration.ofMillis(100),
                () -> admin.components(realm, AdminClient.USER_STORAGE).size(), n -> n == count);
        if (seen != count) {
            throw new IllegalStateException(this + " lists " + seen + " user storage components in " + realm
                    + ", not " + count);
        }
    }

    @Override
    public String backendName() {
        return "cluster node " + name;
    }

    @Override
    public String managementUrl() {
        return "http://127.0.0.1:" + options.managementPort();
    }

    @Override
    public SqliteLegacyDatabase legacySqlite() {
        throw new UnsupportedOperationException("A cluster node has no shared SQLite legacy database");
    }

    @Override
    public String jdbcUrlSeenByKeycloak(String hostJdbcUrl) {
        return hostJdbcUrl;   // same machine, same loopback
    }

    @Override
    public String hostSeenByKeycloak(int hostPort) {
        return "127.0.0.1";
    }

    /** {@code cluster-a.log} for the first start, {@code cluster-a-start2.log} for the second, ... */
    private Path logFile() {
        return starts <= 1 ? options.logFile()
                : options.logFile().resolveSibling("cluster-" + name + "-start" + starts + ".log");
    }

    /** The log of the node's current (or last) start. */
    @Override
    public synchronized String serverLog() {
        try {
            return Files.readString(logFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public AdminClient admin() {
        return admin;
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    @Override
    public String toString() {
        return "node " + name + " (" + baseUrl() + ")";
    }
}
