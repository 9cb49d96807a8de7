package dev.legacybridge.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import dev.legacybridge.store.LegacyStoreException;
import dev.legacybridge.store.jdbc.CheckedJdbcUrl;
import dev.legacybridge.store.jdbc.JdbcUrlPolicy;
import java.net.ConnectException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class ConnectFailuresTest {

    private final CheckedJdbcUrl url = JdbcUrlPolicy.unrestricted().check("jdbc:postgresql://db:6379/app");

    @Test
    void forAdminWhenRefusedOrNotADatabaseThenSameMessageWithoutTheDriversWords() {
        String refused = ConnectFailures.forAdmin(url, new LegacyStoreException("check schema",
                new SQLException("Connection to db:6379 refused.", "08001", new ConnectException("Connection refused"))));
        String wrongProtocol = ConnectFailures.forAdmin(url, new LegacyStoreException("check schema",
                new SQLException("Can not read response from server. Expected to read 4 bytes", "08006")));
        String timeout = ConnectFailures.forAdmin(url, new LegacyStoreException("check schema",
                new SQLException("The connection attempt failed.", "08001")));

        assertThat(refused).isEqualTo(wrongProtocol).isEqualTo(timeout)
                .contains("PostgreSQL at db:6379/app").doesNotContain("refused.").doesNotContain("bytes");
    }

    @Test
    void forAdminWhenLoginOrDatabaseNameWrongThenSaysSo() {
        assertThat(ConnectFailures.forAdmin(url, new LegacyStoreException("x",
                new SQLException("password authentication failed for user \"app\"", "28P01"))))
                .contains("refused the database user name or password");
        assertThat(ConnectFailures.forAdmin(url, new LegacyStoreException("x",
                new SQLException("database \"nope\" does not exist", "3D000")))).contains("has no such database");
    }
}
