package dev.legacybridge.keycloak.pool;

import dev.legacybridge.store.jdbc.JdbcUrlPolicy;
import java.util.function.UnaryOperator;
import org.keycloak.common.util.MultivaluedHashMap;

/**
 * Opens a component's {@link ComponentDatabase} the way the provider factory does (configuration parsed and checked,
 * URL policy applied, Agroal pool), without the background cost survey, for unit tests outside this package.
 */
public final class TestComponentDatabases implements AutoCloseable {

    private final LegacyDataSourceRegistry registry = new LegacyDataSourceRegistry(JdbcUrlPolicy.unrestricted(), false);

    public ComponentDatabase open(String componentId, MultivaluedHashMap<String, String> config) {
        return registry.obtain(componentId, config, UnaryOperator.identity());
    }

    @Override
    public void close() {
        registry.close();
    }
}
