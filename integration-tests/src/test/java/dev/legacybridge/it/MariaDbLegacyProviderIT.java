package dev.legacybridge.it;

import org.junit.jupiter.api.DisplayName;

@DisplayName("Given the provider over a Django MariaDB database")
class MariaDbLegacyProviderIT extends LegacyProviderScenarios {

    @Override
    protected LegacyDatabase openDatabase() {
        return MariaDb4jLegacyDatabase.createSeeded(ItSettings.workDir().resolve("mariadb-provider-scenarios"), true);
    }
}
