package dev.legacybridge.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import dev.legacybridge.keycloak.testing.FakeKeycloak;
import dev.legacybridge.store.LegacyUser;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.keycloak.models.KeycloakSession;

/** The per-request row cache: one read per legacy id and request, per component. */
class SessionRowsTest {

    private final FakeKeycloak keycloak = new FakeKeycloak();
    private final AtomicInteger reads = new AtomicInteger();

    private Supplier<Optional<LegacyUser>> load(LegacyUser row) {
        return () -> {
            reads.incrementAndGet();
            return Optional.ofNullable(row);
        };
    }

    @Test
    void byIdWhenAskedTwiceInOneRequestThenReadOnce() {
        KeycloakSession session = keycloak.newSession();

        assertThat(SessionRows.of(session, "c1").byId("7", load(row("7", "john")))).hasValueSatisfying(
                r -> assertThat(r.username()).isEqualTo("john"));
        assertThat(SessionRows.of(session, "c1").byId("7", load(row("7", "changed meanwhile")))).hasValueSatisfying(
                r -> assertThat(r.username()).isEqualTo("john"));
        assertThat(reads).hasValue(1);
    }

    @Test
    void byIdWhenNewRequestOrOtherComponentThenReadAgain() {
        KeycloakSession first = keycloak.newSession();
        SessionRows.of(first, "c1").byId("7", load(row("7", "john")));

        SessionRows.of(keycloak.newSession(), "c1").byId("7", load(row("7", "john")));
        SessionRows.of(first, "c2").byId("7", load(row("7", "john")));

        assertThat(reads).hasValue(3);
    }

    @Test
    void byIdWhenRowNotFoundThenNotRememberedAsMissing() {
        SessionRows rows = SessionRows.of(keycloak.newSession(), "c1");

        assertThat(rows.byId("7", load(null))).isEmpty();
        assertThat(rows.byId("7", load(row("7", "john")))).isPresent();
        assertThat(reads).hasValue(2);
    }

    @Test
    void putWhenRowWrittenInTheRequestThenLaterReadsSeeTheWrite() {
        SessionRows rows = SessionRows.of(keycloak.newSession(), "c1");
        rows.byId("7", load(row("7", "john")));

        rows.put(row("7", "john-renamed"));

        assertThat(rows.byId("7", load(row("7", "from the database")))).get()
                .extracting(LegacyUser::username).isEqualTo("john-renamed");
        assertThat(reads).hasValue(1);
    }

    @Test
    void putIfAbsentWhenTheRequestHasTheRowThenItsCopyWins() {
        SessionRows rows = SessionRows.of(keycloak.newSession(), "c1");
        rows.put(row("7", "written in this request"));

        rows.putIfAbsent(row("7", "older copy held by a user object"));
        rows.putIfAbsent(row("8", "first seen"));

        assertThat(rows.byId("7", load(null))).get().extracting(LegacyUser::username)
                .isEqualTo("written in this request");
        assertThat(rows.byId("8", load(null))).get().extracting(LegacyUser::username).isEqualTo("first seen");
        assertThat(reads).hasValue(0);
    }

    @Test
    void groupsOfWhenAskedTwiceInOneRequestThenReadOnce() {
        SessionRows rows = SessionRows.of(keycloak.newSession(), "c1");
        AtomicInteger groupReads = new AtomicInteger();
        Supplier<List<String>> groups = () -> {
            groupReads.incrementAndGet();
            return List.of("editors");
        };

        assertThat(rows.groupsOf("7", groups)).containsExactly("editors");
        assertThat(rows.groupsOf("7", groups)).containsExactly("editors");
        assertThat(groupReads).hasValue(1);
    }

    private static LegacyUser row(String id, String username) {
        return new LegacyUser(id, username, null, null, null, null, true, null, false, Map.of(), Map.of());
    }
}
