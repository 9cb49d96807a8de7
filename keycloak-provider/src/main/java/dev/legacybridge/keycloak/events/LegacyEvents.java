package dev.legacybridge.keycloak.events;

import org.jboss.logging.Logger;
import org.keycloak.common.ClientConnection;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * What the provider does at a login or a password change, as Keycloak user events: the Events page shows them (with
 * "Save events" on) and every event listener of the realm receives them, like Keycloak's own.
 *
 * <p>Keycloak's {@link EventType} is a closed enum with no type for an extension's own facts (keycloak/keycloak#15288)
 * and a storage provider cannot add details to the {@code LOGIN} event Keycloak sends after the flow. So every event
 * here is of type {@link EventType#CUSTOM_REQUIRED_ACTION} (errors: {@code CUSTOM_REQUIRED_ACTION_ERROR}) with
 * Keycloak's own detail {@code custom_required_action = legacy-bridge}, which is how Keycloak marks the events of custom
 * extensions, and the fact in {@value #EVENT}. An admin who keeps a list of saved event types adds these two.
 *
 * <table>
 *   <caption>Facts</caption>
 *   <tr><th>{@value #EVENT}</th><th>error</th><th>when</th></tr>
 *   <tr><td>{@code login}</td><td></td><td>a password matched the legacy hash</td></tr>
 *   <tr><td>{@code migrated}</td><td></td><td>the user became Keycloak's own (detail {@code via}: {@code login} or
 *       {@code password_change})</td></tr>
 *   <tr><td>{@code hash_upgraded}</td><td></td><td>WRITABLE: the legacy hash was rewritten in {@code to_scheme}</td></tr>
 *   <tr><td>{@code password_written_back}</td><td></td><td>WRITABLE: a new password was written to the legacy row</td></tr>
 *   <tr><td>{@code refused}</td><td>{@code legacy_scheme_not_allowed}, {@code legacy_hash_malformed},
 *       {@code legacy_hash_unsupported}</td><td>the stored hash cannot be used, whatever the password</td></tr>
 *   <tr><td>{@code unavailable}</td><td>{@code legacy_store_unavailable}</td><td>the legacy database failed during a
 *       password check or write</td></tr>
 * </table>
 *
 * <p>Details are ids and fixed words: {@code legacy_component} (component name), {@code legacy_id},
 * {@code username}, {@code legacy_scheme}. Never a password, a hash or any part of one; the reason of a refusal is the
 * verifier's, which names schemes and fields only. Bulk migration is recorded as admin events by the admin REST
 * resource, one per batch.
 */
public final class LegacyEvents {

    private static final Logger LOG = Logger.getLogger(LegacyEvents.class);

    /** Keycloak's detail key of {@link EventType#CUSTOM_REQUIRED_ACTION} events, and our value in it. */
    public static final String CUSTOM_ACTION = Details.CUSTOM_REQUIRED_ACTION;
    public static final String PROVIDER = "legacy-bridge";
    /** Detail naming the fact. */
    public static final String EVENT = "legacy_event";
    public static final String COMPONENT = "legacy_component";
    public static final String LEGACY_ID = "legacy_id";
    public static final String SCHEME = "legacy_scheme";
    public static final String TO_SCHEME = "to_scheme";
    public static final String VIA = "via";
    public static final String REASON = "reason";

    /** Error codes of refusals. */
    public static final String SCHEME_NOT_ALLOWED = "legacy_scheme_not_allowed";
    public static final String HASH_MALFORMED = "legacy_hash_malformed";
    public static final String HASH_UNSUPPORTED = "legacy_hash_unsupported";
    public static final String STORE_UNAVAILABLE = "legacy_store_unavailable";

    private final KeycloakSession session;
    private final String component;

    private LegacyEvents(KeycloakSession session, String component) {
        this.session = session;
        this.component = component;
    }

    /** Events of {@code component} (its name) in the request of {@code session}. */
    public static LegacyEvents of(KeycloakSession session, String component) {
        return new LegacyEvents(session, component);
    }

    /** A password matched the legacy hash. */
    public void loginVerified(RealmModel realm, String userId, String username, String legacyId, String scheme) {
        send(realm, userId, username, legacyId, "login", null, SCHEME, scheme);
    }

    /** The user became Keycloak's own ({@code via}: {@code login} or {@code password_change}). */
    public void migrated(RealmModel realm, String userId, String username, String legacyId, String via, String scheme) {
        send(realm, userId, username, legacyId, "migrated", null, VIA, via, SCHEME, scheme);
    }

    public void hashUpgraded(RealmModel realm, String userId, String username, String legacyId, String fromScheme,
                             String toScheme) {
        send(realm, userId, username, legacyId, "hash_upgraded", null, SCHEME, fromScheme, TO_SCHEME, toScheme);
    }

    public void passwordWrittenBack(RealmModel realm, String userId, String username, String legacyId, String scheme) {
        send(realm, userId, username, legacyId, "password_written_back", null, TO_SCHEME, scheme);
    }

    /**
     * The stored hash cannot be used.
     *
     * @param error  {@link #SCHEME_NOT_ALLOWED}, {@link #HASH_MALFORMED} or {@link #HASH_UNSUPPORTED}
     * @param reason the verifier's reason (names schemes and fields, never the value)
     */
    public void refused(RealmModel realm, String userId, String username, String legacyId, String error,
                        String scheme, String reason) {
        send(realm, userId, username, legacyId, "refused", error, SCHEME, scheme, REASON, reason);
    }

    /** The legacy database failed while checking or writing this user's password ({@code operation}: fixed name). */
    public void unavailable(RealmModel realm, String userId, String username, String legacyId, String operation) {
        send(realm, userId, username, legacyId, "unavailable", STORE_UNAVAILABLE, REASON, operation);
    }

    private void send(RealmModel realm, String userId, String username, String legacyId, String fact, String error,
                      String... details) {
        try {
            ClientConnection connection = session.getContext().getConnection();
            EventBuilder event = connection == null ? new EventBuilder(realm, session)
                    : new EventBuilder(realm, session, connection);
            ClientModel client = session.getContext().getClient();
            event.event(EventType.CUSTOM_REQUIRED_ACTION)
                    .client(client)
                    .user(userId)
                    .detail(CUSTOM_ACTION, PROVIDER)
                    .detail(EVENT, fact)
                    .detail(COMPONENT, component)
                    .detail(LEGACY_ID, legacyId)
                    .detail(Details.USERNAME, username);
            for (int i = 0; i + 1 < details.length; i += 2) {
                if (details[i + 1] != null) {
                    event.detail(details[i], details[i + 1]);
                }
            }
            if (error == null) {
                event.success();
            } else {
                event.error(error);
            }
        } catch (RuntimeException e) {
            // An event store or listener failing must not turn a login into an error.
            LOG.warnf("Could not send the legacy-bridge event [%s] of user [%s]: %s", fact, userId, e.getMessage());
        }
    }
}
