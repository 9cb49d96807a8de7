package dev.legacybridge.it;

import org.junit.jupiter.api.DisplayName;

@DisplayName("Given the provider over a Django PostgreSQL database")
class PostgresLegacyProviderIT extends LegacyProviderScenarios {

    @Override
    protected LegacyDatabase openDatabase() {
        return EmbeddedPostgresLegacyDatabase.createSeeded(ItSettings.workDir().resolve("pg-provider-scenarios"), true);
    }
}
