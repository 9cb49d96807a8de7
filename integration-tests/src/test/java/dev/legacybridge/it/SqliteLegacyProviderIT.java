package dev.legacybridge.it;

import org.junit.jupiter.api.DisplayName;

@DisplayName("Given the provider over a Django SQLite file")
class SqliteLegacyProviderIT extends LegacyProviderScenarios {

    @Override
    protected LegacyDatabase openDatabase() {
        return SqliteLegacyDatabase.create(ItSettings.workDir().resolve("legacy/provider-scenarios.sqlite3"));
    }
}
