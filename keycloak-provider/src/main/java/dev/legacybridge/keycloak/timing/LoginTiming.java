package dev.legacybridge.keycloak.timing;

import dev.legacybridge.hash.StoredPassword;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.keycloak.credential.hash.PasswordHashProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.PasswordPolicy;
import org.keycloak.models.RealmModel;

/**
 * Makes every failed login cost the same, whether the username exists and whatever scheme and cost its row uses, so
 * that response times do not tell an attacker which usernames exist.
 *
 * <p>What each path costs:
 * <ul>
 *   <li>unknown username: Keycloak runs one hash of the realm's policy ({@code AuthenticatorUtils.dummyHash}); here,
 *       {@link #afterLookupMiss} adds one verification of a value of the table's costliest class
 *       ({@link FailureFloor}), once per request;</li>
 *   <li>wrong password, or a row that cannot be verified: {@link #afterFailedVerification} waits until the
 *       verification has taken {@link FailureFloor#floorNanos()}, then runs the same realm-policy hash Keycloak runs
 *       for unknown users.</li>
 * </ul>
 * Only login requests pay (the protocol endpoints and the login pages), never admin searches or background tasks, and
 * a successful login never waits. Users already migrated are verified by Keycloak itself and are not covered.
 */
public final class LoginTiming {

    private static final String DONE = LoginTiming.class.getName() + ".decoyDone";

    private final KeycloakSession session;
    private final FailureFloor floor;
    private final Supplier<StoredPassword> fallbackDecoy;
    private final Runnable surveyNeeded;

    /**
     * @param fallbackDecoy a stored value to verify for an unknown username until the floor has measured one
     * @param surveyNeeded  starts the floor's survey of the table (once; later calls do nothing)
     */
    public LoginTiming(KeycloakSession session, FailureFloor floor, Supplier<StoredPassword> fallbackDecoy,
                       Runnable surveyNeeded) {
        this.session = session;
        this.floor = floor;
        this.fallbackDecoy = fallbackDecoy;
        this.surveyNeeded = surveyNeeded;
    }

    public void afterLookupMiss() {
        if (session.getAttribute(DONE) != null || !isLoginRequest()) {
            return;
        }
        session.setAttribute(DONE, Boolean.TRUE);
        surveyNeeded.run();
        StoredPassword decoy = floor.costliest();
        floor.verifyDecoy(decoy != null ? decoy : fallbackDecoy.get());
    }

    /**
     * @param elapsedNanos  how long its verification took
     */
    public void afterFailedVerification(RealmModel realm, long elapsedNanos) {
        if (!isLoginRequest()) {
            return;
        }
        surveyNeeded.run();
        long deadline = System.nanoTime() + Math.max(0, floor.floorNanos() - elapsedNanos);
        for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
        PasswordPolicy policy = realm.getPasswordPolicy();
        PasswordHashProvider provider = policy != null && policy.getHashAlgorithm() != null
                ? session.getProvider(PasswordHashProvider.class, policy.getHashAlgorithm())
                : session.getProvider(PasswordHashProvider.class);
        if (provider != null) {
            provider.encodedCredential("SlightlyLongerDummyPassword", policy != null ? policy.getHashIterations() : -1);
        }
    }

    private boolean isLoginRequest() {
        return isLoginRequest(session);
    }

    /** The OIDC/SAML protocol endpoints (token endpoint: password grant) and the browser login pages. */
    public static boolean isLoginRequest(KeycloakSession session) {
        try {
            var uri = session.getContext().getUri();
            String path = uri == null ? null : uri.getPath();
            return path != null && (path.contains("/protocol/") || path.contains("/login-actions/"));
        } catch (RuntimeException e) {
            return false; // no HTTP request: a background task such as synchronization
        }
    }
}
