package dev.legacybridge.keycloak;

import dev.legacybridge.store.LegacyUser;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.keycloak.models.KeycloakSession;

/**
 * The legacy rows (and their group names) read during one Keycloak session, that is one HTTP request, per component.
 * A login looks a user up, validates it, checks the password and builds tokens, each asking for the user again;
 * with this cache the row is read once per request, as Keycloak's LDAP provider keeps the entries it loaded for the
 * transaction. Writes made in the request update the cached row.
 */
final class SessionRows {

    private final Map<String, LegacyUser> rows = new HashMap<>();
    private final Map<String, List<String>> groups = new HashMap<>();

    private SessionRows() {
    }

    static SessionRows of(KeycloakSession session, String componentId) {
        String key = SessionRows.class.getName() + "." + componentId;
        SessionRows rows = session.getAttribute(key, SessionRows.class);
        if (rows == null) {
            rows = new SessionRows();
            session.setAttribute(key, rows);
        }
        return rows;
    }

    /** The row of that legacy id, read once: later calls in the session get the same answer without a query. */
    Optional<LegacyUser> byId(String legacyId, Supplier<Optional<LegacyUser>> load) {
        LegacyUser cached = rows.get(legacyId);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<LegacyUser> loaded = load.get();
        loaded.ifPresent(this::put);
        return loaded;
    }

    void put(LegacyUser row) {
        rows.put(row.id(), row);
    }

    /**
     * Remembers the row a user object was built with, unless the session has that row already: the session's copy
     * was read or written in this request and is never older, while the user object may predate a write (a new
     * password) made since.
     */
    void putIfAbsent(LegacyUser row) {
        rows.putIfAbsent(row.id(), row);
    }

    List<String> groupsOf(String legacyId, Supplier<List<String>> load) {
        return groups.computeIfAbsent(legacyId, id -> load.get());
    }
}
