package dev.legacybridge.store.jdbc;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the server operator, not the realm administrator, allows the JDBC URL to reach: host patterns, ports and the
 * one directory SQLite files must live in. Empty lists and a null directory mean "no further restriction". Set by
 * Keycloak SPI options of the provider ({@code --spi-storage--legacy-database--allowed-hosts=...}) and by the
 * command line's flags.
 *
 * @param allowedHosts     host patterns ({@link HostPattern}); every host of a URL must match one
 * @param allowedPorts     port ranges; every port of a URL (the driver's default when none is written) must be in one
 * @param sqliteDirectory  the real path (symbolic links resolved) of the directory SQLite files must be under, or null
 */
public record ConnectionRestrictions(List<HostPattern> allowedHosts, List<PortRange> allowedPorts, Path sqliteDirectory) {

    /** An inclusive range of TCP ports. */
    public record PortRange(int from, int to) {
        boolean contains(int port) {
            return port >= from && port <= to;
        }

        @Override
        public String toString() {
            return from == to ? String.valueOf(from) : from + "-" + to;
        }
    }

    public ConnectionRestrictions {
        allowedHosts = List.copyOf(allowedHosts);
        allowedPorts = List.copyOf(allowedPorts);
    }

    public static ConnectionRestrictions none() {
        return new ConnectionRestrictions(List.of(), List.of(), null);
    }

    /**
     * Parses the operator's settings: comma-separated host patterns, comma-separated ports or ranges
     * ({@code 5432,3306,10000-10100}) and a directory; null or blank values restrict nothing.
     *
     * @throws IllegalArgumentException naming the setting and what is wrong with it
     */
    public static ConnectionRestrictions parse(String hosts, String ports, String sqliteDirectory) {
        List<HostPattern> hostPatterns = new ArrayList<>();
        for (String entry : split(hosts)) {
            hostPatterns.add(HostPattern.parse(entry));
        }
        List<PortRange> portRanges = new ArrayList<>();
        for (String entry : split(ports)) {
            portRanges.add(portRange(entry));
        }
        Path directory = null;
        if (sqliteDirectory != null && !sqliteDirectory.isBlank()) {
            try {
                Path path = Path.of(sqliteDirectory.trim());
                if (!path.isAbsolute()) {
                    throw new IllegalArgumentException("SQLite directory '" + sqliteDirectory + "' must be an absolute path");
                }
                if (!Files.isDirectory(path)) {
                    throw new IllegalArgumentException("SQLite directory '" + sqliteDirectory + "' is not a directory");
                }
                directory = path.toRealPath();
            } catch (InvalidPathException | java.io.IOException e) {
                throw new IllegalArgumentException("SQLite directory '" + sqliteDirectory + "' cannot be used: "
                        + e.getMessage());
            }
        }
        return new ConnectionRestrictions(hostPatterns, portRanges, directory);
    }

    boolean hostAllowed(String host) {
        return allowedHosts.isEmpty() || allowedHosts.stream().anyMatch(p -> p.matches(host));
    }

    boolean portAllowed(int port) {
        return allowedPorts.isEmpty() || allowedPorts.stream().anyMatch(r -> r.contains(port));
    }

    /** Whether anything is restricted, for a log line at start. */
    public boolean restrictsAnything() {
        return !allowedHosts.isEmpty() || !allowedPorts.isEmpty() || sqliteDirectory != null;
    }

    @Override
    public String toString() {
        return "allowed hosts " + (allowedHosts.isEmpty() ? "any" : allowedHosts.stream().map(HostPattern::pattern).toList())
                + ", allowed ports " + (allowedPorts.isEmpty() ? "any" : allowedPorts)
                + ", SQLite directory " + (sqliteDirectory == null ? "any" : sqliteDirectory);
    }

    private static List<String> split(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        List<String> parts = new ArrayList<>();
        for (String part : value.split(",")) {
            if (!part.isBlank()) {
                parts.add(part.trim());
            }
        }
        return parts;
    }

    private static PortRange portRange(String entry) {
        int dash = entry.indexOf('-');
        try {
            int from = Integer.parseInt(dash < 0 ? entry : entry.substring(0, dash).trim());
            int to = dash < 0 ? from : Integer.parseInt(entry.substring(dash + 1).trim());
            if (from < 1 || to > 65535 || from > to) {
                throw new IllegalArgumentException("allowed port '" + entry + "' must be 1..65535 (or a range a-b)");
            }
            return new PortRange(from, to);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("allowed port '" + entry + "' is not a port number or a range a-b");
        }
    }
}
