package dev.legacybridge.it.browser;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;

/**
 * The parts of the IT harness ({@code dev.legacybridge.it}) this package uses: the run's shared Keycloak and the
 * embedded PostgreSQL legacy fixture.
 *
 * <p>The harness classes are package-private, and this package may not change them, so they are reached by
 * reflection here, in one place. If the harness ever makes {@code SharedKeycloak}, {@code KeycloakEnvironment} and
 * {@code EmbeddedPostgresLegacyDatabase} public, this class shrinks to plain calls.
 */
final class Harness {

    private static final String IT = "dev.legacybridge.it.";

    private Harness() {
    }

    /** The run's Keycloak ({@code SharedKeycloak.get()}): started on first use, stopped when the JUnit run ends. */
    static Keycloak keycloak() {
        return new Keycloak(callStatic("SharedKeycloak", "get", new Class<?>[0]));
    }

    /** A fresh PostgreSQL server seeded like docker-compose's: Django schema, seed.sql, widened column, long hashes. */
    static LegacyPostgres legacyPostgres(Path dataDir) {
        return new LegacyPostgres(callStatic("EmbeddedPostgresLegacyDatabase", "createSeeded",
                new Class<?>[] {Path.class, boolean.class}, dataDir, true));
    }

    /** The harness's scratch directory ({@code it.workDir}). */
    static Path workDir() {
        return (Path) callStatic("ItSettings", "workDir", new Class<?>[0]);
    }

    /** {@code KeycloakEnvironment}, as far as the browser test needs it. */
    record Keycloak(Object environment) {

        /** {@code http://127.0.0.1:<port>}, no trailing slash. */
        String baseUrl() {
            return (String) call(environment, "baseUrl");
        }

        /** The JDBC URL of a fixture on this machine as the server must see it. */
        String jdbcUrlSeenByKeycloak(String hostJdbcUrl) {
            return (String) call(environment, "jdbcUrlSeenByKeycloak", hostJdbcUrl);
        }

        String realm() {
            return (String) call(environment, "realm");
        }

        String issuer() {
            return baseUrl() + "/realms/" + realm();
        }
    }

    /** {@code EmbeddedPostgresLegacyDatabase}: database and role {@code legacy}. */
    record LegacyPostgres(Object database) implements AutoCloseable {

        String jdbcUrl() {
            return (String) call(database, "jdbcUrl");
        }

        String username() {
            return (String) call(database, "username");
        }

        String password() {
            return (String) call(database, "password");
        }

        @Override
        public void close() {
            call(database, "close");
        }
    }

    private static Object callStatic(String className, String method, Class<?>[] types, Object... args) {
        try {
            Method m = Class.forName(IT + className).getDeclaredMethod(method, types);
            m.setAccessible(true);
            return m.invoke(null, args);
        } catch (InvocationTargetException e) {
            throw rethrow(e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("IT harness changed: " + className + "." + method, e);
        }
    }

    /** Calls a no-arg or String-arg method declared on the object's class or one of its interfaces. */
    private static Object call(Object target, String method, String... args) {
        Class<?>[] types = new Class<?>[args.length];
        java.util.Arrays.fill(types, String.class);
        Method m = find(target.getClass(), method, types);
        if (m == null) {
            throw new IllegalStateException("IT harness changed: no " + method + " on " + target.getClass());
        }
        try {
            m.setAccessible(true);
            return m.invoke(target, (Object[]) args);
        } catch (InvocationTargetException e) {
            throw rethrow(e);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Method find(Class<?> type, String name, Class<?>[] types) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                return c.getDeclaredMethod(name, types);
            } catch (NoSuchMethodException ignored) {
                // look further up
            }
            for (Class<?> i : c.getInterfaces()) {
                Method m = find(i, name, types);
                if (m != null) {
                    return m;
                }
            }
        }
        return null;
    }

    private static RuntimeException rethrow(InvocationTargetException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException r) {
            throw r;
        }
        if (cause instanceof Error err) {
            throw err;
        }
        return new IllegalStateException(cause);
    }
}
