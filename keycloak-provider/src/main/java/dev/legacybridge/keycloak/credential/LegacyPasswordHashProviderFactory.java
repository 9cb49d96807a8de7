package dev.legacybridge.keycloak.credential;

import dev.legacybridge.hash.HashPolicy;
import dev.legacybridge.hash.LegacyPasswordVerifier;
import java.util.List;
import java.util.Map;
import org.keycloak.Config;
import org.keycloak.credential.hash.PasswordHashProvider;
import org.keycloak.credential.hash.PasswordHashProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.credential.PasswordCredentialModel;

/**
 * Registers the {@value #ID} password hash algorithm: Keycloak password credentials whose secret is a legacy hash
 * copied as-is by bulk migration (any format the hashing package verifies: bcrypt, every Django format, passlib,
 * werkzeug, SHA-crypt, {SSHA}).
 *
 * <p>Credential layout: {@code credentialData = {"algorithm":"legacy-hash","hashIterations":0,
 * "additionalParameters":{"scheme":["django_pbkdf2_sha256"]}}}, {@code secretData = {"value":"<legacy hash>",
 * "salt":""}}. The scheme is informational; the verifier detects it from the value again.
 *
 * <p>This provider never becomes the realm's hashing algorithm: it cannot encode, and its low {@link #order()} keeps
 * Keycloak's default (argon2) the default. After the first successful login Keycloak's own {@code policyCheck}
 * rehashing replaces the credential with one in the realm's algorithm.
 */
public final class LegacyPasswordHashProviderFactory implements PasswordHashProviderFactory {

    public static final String ID = "legacy-hash";

    private LegacyPasswordVerifier verifier;

    /** A password credential holding {@code storedHash} for this algorithm. */
    public static PasswordCredentialModel credentialOf(String storedHash, String scheme) {
        PasswordCredentialModel credential = PasswordCredentialModel.createFromValues(ID, new byte[0], 0,
                Map.of("scheme", List.of(scheme)), storedHash);
        credential.setCreatedDate(org.keycloak.common.util.Time.currentTimeMillis());
        return credential;
    }

    @Override
    public PasswordHashProvider create(KeycloakSession session) {
        return new LegacyPasswordHashProvider(verifier);
    }

    @Override
    public void init(Config.Scope config) {
        // Every scheme is allowed here: an administrator chose to copy these hashes when migrating, with the policy of
        // the user-storage component. The cost caps still protect against absurd stored values.
        verifier = new LegacyPasswordVerifier(HashPolicy.allowingAll());
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        // nothing to wire
    }

    @Override
    public void close() {
        // nothing to release
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public int order() {
        return -100;
    }
}
