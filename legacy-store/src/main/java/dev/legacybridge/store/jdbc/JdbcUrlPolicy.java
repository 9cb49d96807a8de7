package dev.legacybridge.store.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides whether Legacy Bridge may connect to a JDBC URL. Runs when an administrator saves the form, and again every
 * time a connection pool or a save-time check connection is opened, on the URL as it is then (a stored component, a
 * realm import, a vault reference resolved at connect time).
 *
 * <p>Why: whoever may configure user federation in a realm (tenant administrators with {@code manage-realm}, not the
 * server's operators) chooses this URL, and JDBC drivers act on URLs before any query: H2's {@code INIT} runs SQL,
 * driver options load classes, read or write files on the Keycloak host, or use its credentials, and SQLite opens or
 * creates any file the process can write. So:
 * <ol>
 *   <li>only {@code jdbc:postgresql://}, {@code jdbc:mariadb://}, {@code jdbc:mysql://} (hosts, ports, a database,
 *       parameters) and {@code jdbc:sqlite:/absolute/path} are accepted;</li>
 *   <li>each parameter must be on the driver's list in {@link DriverParameters}; the forced safe values are set as
 *       connection properties and may not be overridden;</li>
 *   <li>every host and port must be allowed by the operator's {@link ConnectionRestrictions};</li>
 *   <li>a SQLite path must be an existing regular file that starts with SQLite's header, inside the operator's
 *       directory if one is set; it is opened read-only unless the mode writes, and never created.</li>
 * </ol>
 *
 * <p>Examples: {@code jdbc:postgresql://db:5432/app?sslmode=verify-full&sslfactory=org.postgresql.ssl.DefaultJavaSSLFactory}
 * passes; {@code jdbc:h2:mem:x;INIT=...}, {@code jdbc:postgresql://db/app?socketFactory=...},
 * {@code jdbc:mysql://db/app?allowLoadLocalInfile=true} and {@code jdbc:sqlite:/etc/passwd} do not.
 */
public final class JdbcUrlPolicy {

    /** The first 16 bytes of every SQLite 3 database file. */
    private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9_-]*[A-Za-z0-9])?"
            + "(\\.[A-Za-z0-9]([A-Za-z0-9_-]*[A-Za-z0-9])?)*\\.?");
    private static final Pattern PARAMETER_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.]*");
    private static final int MAX_URL_LENGTH = 2048;

    private final ConnectionRestrictions restrictions;

    public JdbcUrlPolicy(ConnectionRestrictions restrictions) {
        this.restrictions = restrictions;
    }

    public static JdbcUrlPolicy unrestricted() {
        return new JdbcUrlPolicy(ConnectionRestrictions.none());
    }

    public ConnectionRestrictions restrictions() {
        return restrictions;
    }

    /**
     * @throws RefusedJdbcUrlException listing every problem found
     */
    public CheckedJdbcUrl check(String url) {
        List<String> problems = new ArrayList<>();
        if (url == null || url.isBlank()) {
            throw new RefusedJdbcUrlException(List.of("JDBC URL is required"));
        }
        if (url.length() > MAX_URL_LENGTH) {
            throw new RefusedJdbcUrlException(List.of("JDBC URL is longer than " + MAX_URL_LENGTH + " characters"));
        }
        if (url.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new RefusedJdbcUrlException(List.of("JDBC URL contains control characters"));
        }
        Optional<DatabaseKind> kind = DatabaseKind.of(url);
        if (kind.isEmpty()) {
            throw new RefusedJdbcUrlException(List.of("JDBC URL " + subprotocol(url) + " is not supported: Legacy "
                    + "Bridge connects only to PostgreSQL (jdbc:postgresql://host:5432/db), MariaDB "
                    + "(jdbc:mariadb://host:3306/db), MySQL (jdbc:mysql://host:3306/db) and SQLite "
                    + "(jdbc:sqlite:/path/db.sqlite3)"));
        }
        if (!url.startsWith(kind.get().prefix())) {
            throw new RefusedJdbcUrlException(List.of("JDBC URL must start with " + kind.get().prefix()
                    + " in lower case"));
        }
        CheckedJdbcUrl checked = kind.get().isFile() ? sqlite(url, problems) : network(kind.get(), url, problems);
        if (!problems.isEmpty()) {
            throw new RefusedJdbcUrlException(problems);
        }
        return checked;
    }

    // ------------------------------------------------------------------ servers

    private CheckedJdbcUrl network(DatabaseKind kind, String url, List<String> problems) {
        String example = kind.prefix() + "//host:" + kind.defaultPort() + "/database";
        String rest = url.substring(kind.prefix().length());
        if (!rest.startsWith("//")) {
            // jdbc:postgresql:db, jdbc:mysql:loadbalance://..., jdbc:mariadb:replication://..., jdbc:mysql+srv:...
            problems.add("JDBC URL must have the form " + example + "[?parameter=value&...]; short forms, "
                    + "load-balancing, replication and DNS SRV URLs are not supported");
            return null;
        }
        rest = rest.substring(2);
        if (rest.indexOf('#') >= 0) {
            problems.add("JDBC URL must not contain '#'");
        }
        if (kind != DatabaseKind.POSTGRESQL && rest.indexOf(';') >= 0) {
            problems.add("JDBC URL must not contain ';' (separate parameters with &)");
        }
        int query = rest.indexOf('?');
        String beforeQuery = query < 0 ? rest : rest.substring(0, query);
        String queryPart = query < 0 ? "" : rest.substring(query + 1);
        int slash = beforeQuery.indexOf('/');
        String authority = slash < 0 ? beforeQuery : beforeQuery.substring(0, slash);
        String database = slash < 0 ? "" : beforeQuery.substring(slash + 1);

        List<HostPort> hosts = hosts(kind, authority, example, problems);
        if (database.indexOf('/') >= 0) {
            problems.add("JDBC URL: the database name must not contain '/'");
        }
        if (kind == DatabaseKind.POSTGRESQL && database.isEmpty()) {
            problems.add("JDBC URL must name the database: " + example);
        }
        Map<String, String> parameters = parameters(kind, queryPart, problems);
        for (HostPort host : hosts) {
            if (!restrictions.hostAllowed(host.host())) {
                problems.add("JDBC URL host '" + host.host() + "' is not among the hosts the server operator allows "
                        + "(" + restrictions.allowedHosts().stream().map(HostPattern::pattern).toList() + ")");
            }
            if (!restrictions.portAllowed(host.port())) {
                problems.add("JDBC URL port " + host.port() + " is not among the ports the server operator allows "
                        + "(" + restrictions.allowedPorts() + ")");
            }
        }
        return new CheckedJdbcUrl(kind, url, hosts, database, parameters);
    }

    private static List<HostPort> hosts(DatabaseKind kind, String authority, String example, List<String> problems) {
        if (authority.isEmpty()) {
            problems.add("JDBC URL must name the host: " + example);
            return List.of();
        }
        if (authority.indexOf('@') >= 0) {
            problems.add("JDBC URL must not contain user@ or user:password@: use the Database user and Database "
                    + "password fields");
            return List.of();
        }
        if (authority.matches(".*[()=\\s%].*")) {
            problems.add("JDBC URL: host specifications with properties, such as address=(host=...) or (host=...,"
                    + "key=value), are not supported: write " + example);
            return List.of();
        }
        List<HostPort> hosts = new ArrayList<>();
        for (String address : authority.split(",", -1)) {
            String host;
            String port = null;
            if (address.startsWith("[")) {
                int close = address.indexOf(']');
                if (close < 0) {
                    problems.add("JDBC URL: unclosed [ in an IPv6 address");
                    continue;
                }
                host = address.substring(1, close);
                String after = address.substring(close + 1);
                if (after.startsWith(":")) {
                    port = after.substring(1);
                } else if (!after.isEmpty()) {
                    problems.add("JDBC URL: unexpected characters after an IPv6 address");
                    continue;
                }
                if (HostPattern.literal(host.toLowerCase(Locale.ROOT)) == null) {
                    problems.add("JDBC URL: '" + abbreviate(host) + "' in [...] is not an IPv6 address");
                    continue;
                }
            } else {
                int colon = address.indexOf(':');
                host = colon < 0 ? address : address.substring(0, colon);
                port = colon < 0 ? null : address.substring(colon + 1);
                if (host.isEmpty() || !HOST_NAME.matcher(host).matches()) {
                    problems.add("JDBC URL: '" + abbreviate(host) + "' is not a host name or IPv4 address (write IPv6 "
                            + "addresses in brackets)");
                    continue;
                }
            }
            int portNumber = kind.defaultPort();
            if (port != null) {
                try {
                    portNumber = Integer.parseInt(port);
                } catch (NumberFormatException e) {
                    portNumber = -1;
                }
                if (portNumber < 1 || portNumber > 65535) {
                    problems.add("JDBC URL: port '" + abbreviate(port) + "' is not a number from 1 to 65535");
                    continue;
                }
            }
            hosts.add(new HostPort(host.toLowerCase(Locale.ROOT), portNumber));
        }
        return hosts;
    }

    private static Map<String, String> parameters(DatabaseKind kind, String query, List<String> problems) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (query.isEmpty()) {
            return parameters;
        }
        DriverParameters rules = DriverParameters.of(kind);
        Set<String> seen = new HashSet<>();
        for (String token : query.split("&", -1)) {
            if (token.isEmpty()) {
                continue;
            }
            int equals = token.indexOf('=');
            String name = equals < 0 ? token : token.substring(0, equals);
            String rawValue = equals < 0 ? "" : token.substring(equals + 1);
            if (!PARAMETER_NAME.matcher(name).matches()) {
                problems.add("JDBC URL parameter '" + abbreviate(name) + "' is not a plain parameter name");
                continue;
            }
            if (!seen.add(name.toLowerCase(Locale.ROOT))) {
                problems.add("JDBC URL parameter '" + name + "' is given twice");
                continue;
            }
            String value;
            try {
                value = URLDecoder.decode(rawValue, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                problems.add("JDBC URL parameter '" + name + "' has a malformed %-escape");
                continue;
            }
            Optional<DriverParameters.Rule> rule = rules.rule(name);
            if (rule.isEmpty()) {
                problems.add("JDBC URL parameter '" + name + "' is not one Legacy Bridge accepts for "
                        + kind.displayName() + " (docs/jdbc-urls.md lists the accepted ones)");
                continue;
            }
            if (rule.get().refusal().isPresent()) {
                problems.add("JDBC URL parameter '" + name + "' is refused: it " + rule.get().refusal().get().explanation());
                continue;
            }
            Set<String> allowedValues = rule.get().allowedValues();
            if (!allowedValues.isEmpty() && allowedValues.stream().noneMatch(value::equalsIgnoreCase)) {
                problems.add("JDBC URL parameter '" + name + "' accepts only " + String.join(", ",
                        allowedValues.stream().map(v -> v.substring(v.lastIndexOf('.') + 1)).toList()));
                continue;
            }
            parameters.put(name, value);
        }
        return parameters;
    }

    // ------------------------------------------------------------------ SQLite

    private CheckedJdbcUrl sqlite(String url, List<String> problems) {
        String path = url.substring(DatabaseKind.SQLITE.prefix().length());
        if (path.startsWith(":memory:") || path.startsWith(":resource:") || path.startsWith("file:")
                || path.isEmpty()) {
            problems.add("JDBC URL: SQLite takes the absolute path of an existing database file, e.g. "
                    + "jdbc:sqlite:/data/db.sqlite3 (no :memory:, :resource: or file: URIs)");
            return null;
        }
        if (path.indexOf('?') >= 0) {
            problems.add("JDBC URL: SQLite URLs take no parameters (nothing after '?')");
            return null;
        }
        Path file;
        try {
            file = Path.of(path);
        } catch (InvalidPathException e) {
            problems.add("JDBC URL: '" + abbreviate(path) + "' is not a file path");
            return null;
        }
        if (!file.isAbsolute()) {
            problems.add("JDBC URL: the SQLite file must be an absolute path, e.g. jdbc:sqlite:/data/db.sqlite3");
            return null;
        }
        Path normalized = file.normalize();
        Path directory = restrictions.sqliteDirectory();
        // Outside the operator's directory: refused without looking at the file system at all.
        if (directory != null && !normalized.startsWith(directory)) {
            problems.add(outsideDirectory(directory));
            return null;
        }
        Path real;
        try {
            real = normalized.toRealPath();
        } catch (IOException | SecurityException e) {
            problems.add(notADatabase(path));
            return null;
        }
        if (directory != null && !real.startsWith(directory)) {
            problems.add(outsideDirectory(directory)); // a symbolic link out of the directory
            return null;
        }
        if (!Files.isRegularFile(real) || !hasSqliteHeader(real)) {
            problems.add(notADatabase(path));
            return null;
        }
        return new CheckedJdbcUrl(DatabaseKind.SQLITE, DatabaseKind.SQLITE.prefix() + real, List.of(), real.toString(),
                Map.of());
    }

    /** One message for "missing", "unreadable" and "not SQLite", so the field cannot probe which files exist. */
    private static String notADatabase(String path) {
        return "JDBC URL: " + abbreviate(path) + " is not an existing SQLite database file that Keycloak can read "
                + "(Legacy Bridge never creates one)";
    }

    private static String outsideDirectory(Path directory) {
        return "JDBC URL: the SQLite file must be inside " + directory + ", the directory the server operator allows "
                + "for SQLite files";
    }

    private static boolean hasSqliteHeader(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(SQLITE_HEADER.length), SQLITE_HEADER);
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    // ------------------------------------------------------------------ messages

    /**
     * A JDBC URL fit for logs and reports, checked or not: parameter values named like a secret ({@code password=},
     * {@code pwd=}) and {@code user:password@} credentials are masked.
     */
    public static String mask(String url) {
        if (url == null) {
            return null;
        }
        return url.replaceAll("(?i)((?:password\\d?|pwd|passwd|secret|sslpassword)=)[^&;]*", "$1****")
                .replaceAll("(//[^/@:]+:)[^/@]*@", "$1****@");
    }

    private static String subprotocol(String url) {
        if (!url.startsWith("jdbc:")) {
            return "'" + abbreviate(url.contains(":") ? url.substring(0, url.indexOf(':') + 1) : "") + "...'";
        }
        int second = url.indexOf(':', 5);
        return second > 0 ? "'" + abbreviate(url.substring(0, second + 1)) + "...'" : "'jdbc:...'";
    }

    private static String abbreviate(String value) {
        String shown = value.length() > 60 ? value.substring(0, 60) + "..." : value;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }
}
