package dev.legacybridge.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code realm-config/demo-realm.json}, the single realm definition (packaged into this module's jar), and the
 * environment placeholders it reads at import time.
 *
 * <p>Keycloak 26.7 replaces {@code ${NAME}} and {@code ${NAME:default}} in a file imported at startup
 * ({@code --import-realm}) with the server process's environment variable {@code NAME}; system properties are not
 * consulted. An unset variable without a default stays literally {@code ${NAME}}.
 */
public final class DemoRealm {

    public static final String REALM = "demo";
    /** Keycloak requires a file named {@code <realm>-realm.json} to contain that realm. */
    public static final String FILE_NAME = "demo-realm.json";
    /**
     * Fixed id of the legacy federation component (named {@code legacy-db}); federated user ids read
     * {@code f:<this id>:<legacy id>}. A UUID, because Keycloak's JPA store warns about any other key format in
     * federated ids ("not a valid key per specification, future migration might fail").
     */
    public static final String LEGACY_COMPONENT_ID = "0d6b2a5e-7c3f-4e8a-9b1d-2f4c6e8a0b1c";
    public static final String LEGACY_COMPONENT_NAME = "legacy-db";
    public static final String LEGACY_PROVIDER_ID = "legacy-database";
    /** JDBC URL of the legacy database; default {@code jdbc:sqlite:/opt/keycloak/data/legacy/db.sqlite3} (container path). */
    public static final String ENV_LEGACY_DB_URL = "LEGACY_DB_URL";
    public static final String ENV_LEGACY_DB_USER = "LEGACY_DB_USER";
    public static final String ENV_LEGACY_DB_PASSWORD = "LEGACY_DB_PASSWORD";
    public static final String USER_STORAGE_FACTORY = "org.keycloak.storage.UserStorageProviderFactory";
    /**
     * JVM option that lets the realm import accept a component whose provider factory is not installed (Keycloak's
     * {@code RealmAdapter.importComponentModel}). Without it, a provider jar that does not (yet) register
     * {@code legacy-database} makes the start fail with "No such provider 'legacy-database'".
     */
    public static final String TOLERATE_MISSING_PROVIDER = "-Dcomponent.provider.exists.disabled=true";

    private DemoRealm() {
    }

    public static byte[] json() {
        String path = "realm-config/" + FILE_NAME;
        try (InputStream in = DemoRealm.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("Missing classpath resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
