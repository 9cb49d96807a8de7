package dev.legacybridge.keycloak.events;

import dev.legacybridge.hash.VerificationResult;
import dev.legacybridge.keycloak.metrics.ComponentMetrics;
import dev.legacybridge.store.LegacyUser;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Records what happened to one login or password change of a legacy user, both as metrics (counts, no user data) and
 * as a {@link LegacyEvents user event} (with the user): the provider calls one method per fact.
 */
public final class LoginRecorder {

    private final KeycloakSession session;
    private final String componentName;
    private final ComponentMetrics metrics;
    private final LegacyEvents events;

    private LoginRecorder(KeycloakSession session, String componentName, ComponentMetrics metrics,
                          LegacyEvents events) {
        this.session = session;
        this.componentName = componentName;
        this.metrics = metrics;
        this.events = events;
    }

    /** For the request of {@code session}, component {@code componentName}. */
    public static LoginRecorder of(KeycloakSession session, String componentName, ComponentMetrics metrics) {
        return new LoginRecorder(session, componentName, metrics, LegacyEvents.of(session, componentName));
    }

    /**
     * Whether this request already recorded the legacy database as unavailable: Keycloak asks a login's questions more
     * than once (the password grant checks whether the user has a password before checking it; a failed login looks
     * the user up again for brute-force detection), and one failed login is one event.
     */
    private boolean firstUnavailableOfRequest() {
        String key = "legacy-bridge.unavailable." + componentName;
        if (session.getAttribute(key) != null) {
            return false;
        }
        session.setAttribute(key, Boolean.TRUE);
        return true;
    }

    /** A password was checked against the row's hash. A mismatch is Keycloak's own {@code LOGIN_ERROR}; no event. */
    public void checked(RealmModel realm, UserModel user, LegacyUser row, VerificationResult result) {
        metrics.credentialCheck(result.scheme(), result.outcome().jsonName());
        switch (result.outcome()) {
            case MATCH -> events.loginVerified(realm, user.getId(), user.getUsername(), row.id(), result.scheme());
            case MALFORMED -> refused(realm, user, row, LegacyEvents.HASH_MALFORMED, result);
            case UNSUPPORTED -> refused(realm, user, row, LegacyEvents.HASH_UNSUPPORTED, result);
            case NOT_ALLOWED -> refused(realm, user, row, LegacyEvents.SCHEME_NOT_ALLOWED, result);
            case MISMATCH -> {
                // counted above; Keycloak sends LOGIN_ERROR invalid_user_credentials
            }
        }
    }

    private void refused(RealmModel realm, UserModel user, LegacyUser row, String error, VerificationResult result) {
        events.refused(realm, user.getId(), user.getUsername(), row.id(), error, result.scheme(), result.reason());
    }

    /** The user's row is gone: nothing to check. */
    public void noRow() {
        metrics.credentialCheck("unknown", "no_row");
    }

    /** The legacy database failed while reading the row for a password check. */
    public void unavailable(RealmModel realm, UserModel user, String legacyId, String operation) {
        if (firstUnavailableOfRequest()) {
            metrics.credentialCheck("unknown", "unavailable");
            events.unavailable(realm, user.getId(), user.getUsername(), legacyId, operation);
        }
    }

    /** The legacy database failed while looking up the user who is logging in (Keycloak answers "user not found"). */
    public void lookupUnavailable(RealmModel realm, String attempted, String operation) {
        if (firstUnavailableOfRequest()) {
            events.unavailable(realm, null, attempted, null, operation);
        }
    }

    public void hashUpgraded(RealmModel realm, UserModel user, LegacyUser row, String fromScheme, String toScheme) {
        metrics.hashUpgraded(fromScheme, toScheme);
        events.hashUpgraded(realm, user.getId(), user.getUsername(), row.id(), fromScheme, toScheme);
    }

    public void passwordWrittenBack(RealmModel realm, UserModel user, LegacyUser row, String scheme) {
        metrics.passwordWrittenBack(scheme);
        events.passwordWrittenBack(realm, user.getId(), user.getUsername(), row.id(), scheme);
    }

    /** The user became Keycloak's own at a login ({@code scheme}: the legacy one) or a password change (null). */
    public void migrated(RealmModel realm, UserModel user, LegacyUser row, ComponentMetrics.Via via, String scheme) {
        metrics.migrated(via, 1);
        events.migrated(realm, user.getId(), user.getUsername(), row.id(),
                via == ComponentMetrics.Via.LOGIN ? "login" : "password_change", scheme);
    }
}
