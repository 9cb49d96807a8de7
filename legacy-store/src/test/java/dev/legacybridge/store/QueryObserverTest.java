package dev.legacybridge.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Every statement is reported once, with its fixed operation name, its time and whether it failed. */
class QueryObserverTest {

    private record Call(String operation, long nanos, boolean failed) {
    }

    @Test
    void completedWhenStatementsRunThenEachReportedWithNameAndOutcome() {
        DataSource ds = TestDatabases.sqlite(TestDatabases.tempDir());
        TestDatabases.reset(ds, SqlDialect.SQLITE, "INSERT INTO auth_user (id, password, is_superuser, username, "
                + "first_name, last_name, email, is_staff, is_active, date_joined) VALUES (1, 'x', FALSE, 'johndoe', "
                + "'John', 'Doe', 'johndoe@example.com', FALSE, TRUE, '2024-01-31 09:15:00')");
        List<Call> calls = new CopyOnWriteArrayList<>();
        LegacyUserRepository repo = new LegacyUserRepository(ds, LegacySchema.django(), SqlDialect.SQLITE,
                Duration.ofSeconds(5), (operation, nanos, failed) -> calls.add(new Call(operation, nanos, failed)));

        repo.lookups().findByUsername("johndoe", true);
        repo.searches().count(UserSearch.all());

        assertThat(calls).extracting(Call::operation).containsExactly("find user by username", "count users");
        assertThat(calls).allSatisfy(c -> {
            assertThat(c.failed()).isFalse();
            assertThat(c.nanos()).isPositive();
        });

        TestDatabases.reset(ds, SqlDialect.SQLITE);
        calls.clear();
        try (var connection = ds.getConnection(); var statement = connection.createStatement()) {
            statement.execute("DROP TABLE auth_user_groups");
            statement.execute("DROP TABLE auth_user");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        assertThatThrownBy(() -> repo.lookups().findByUsername("johndoe", true))
                .isInstanceOf(LegacyStoreException.class);
        assertThat(calls).containsExactly(new Call("find user by username", calls.get(0).nanos(), true));
    }
}
