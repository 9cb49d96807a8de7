package dev.legacybridge.keycloak;

import dev.legacybridge.keycloak.pool.LegacyDatabase;
import java.security.SecureRandom;
import java.util.Base64;
import org.keycloak.credential.hash.PasswordHashProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.PasswordPolicy;
import org.keycloak.models.RealmModel;

/**
 * Makes a login with an unknown username cost what a login with a wrong password costs, so that response times do
 * not tell an attacker which usernames exist.
 *
 * <p>What each path costs without this class: Keycloak, for an unknown user, runs one hash with the realm's policy
 * ({@code AuthenticatorUtils.dummyHash}); for a legacy user with a wrong password, the provider runs one verification
 * of the legacy hash. With it, both cost one legacy verification plus one realm-policy hash:
 * <ul>
 *   <li>{@link #afterLookupMiss()}: a lookup that finds nobody verifies a random password against a hash of the
 *       table's current format and cost ({@link LegacyDatabase#dummyHash()}), once per request;</li>
 *   <li>{@link #afterWrongPassword(RealmModel)}: a wrong legacy password is followed by the same realm-policy hash
 *       Keycloak runs for unknown users.</li>
 * </ul>
 * Only login requests pay (the token endpoint and the login pages), never admin searches or background tasks.
 */
final class LoginTiming {

    private static final String DONE = LoginTiming.class.getName() + ".dummyVerificationDone";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeycloakSession session;
    private final LegacyDatabase database;

    LoginTiming(KeycloakSession session, LegacyDatabase database) {
        this.session = session;
        this.database = database;
    }

    void afterLookupMiss() {
        if (session.getAttribute(DONE) != null || !isLoginRequest()) {
            return;
        }
        session.setAttribute(DONE, Boolean.TRUE);
        byte[] random = new byte[12];
        RANDOM.nextBytes(random);
        database.verifier().verify(Base64.getEncoder().encodeToString(random), database.dummyHash());
    }

    void afterWrongPassword(RealmModel realm) {
        if (!isLoginRequest()) {
            return;
        }
        PasswordPolicy policy = realm.getPasswordPolicy();
        PasswordHashProvider provider = policy != null && policy.getHashAlgorithm() != null
                ? session.getProvider(PasswordHashProvider.class, policy.getHashAlgorithm())
                : session.getProvider(PasswordHashProvider.class);
        if (provider != null) {
            provider.encodedCredential("SlightlyLongerDummyPassword", policy != null ? policy.getHashIterations() : -1);
        }
    }

    /** The OIDC/SAML protocol endpoints (token endpoint: password grant) and the browser login pages. */
    private boolean isLoginRequest() {
        try {
            var uri = session.getContext().getUri();
            String path = uri == null ? null : uri.getPath();
            return path != null && (path.contains("/protocol/") || path.contains("/login-actions/"));
        } catch (RuntimeException e) {
            return false; // no HTTP request: a background task such as synchronization
        }
    }
}
