package dev.legacybridge.store.jdbc;

/** One {@code host[:port]} of a JDBC URL; IPv6 literals without their brackets, the port defaulted by kind. */
public record HostPort(String host, int port) {

    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
