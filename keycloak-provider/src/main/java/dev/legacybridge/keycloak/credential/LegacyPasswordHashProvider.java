package dev.legacybridge.keycloak.credential;

import dev.legacybridge.hash.LegacyPasswordVerifier;
import dev.legacybridge.hash.Outcome;
import dev.legacybridge.hash.VerificationResult;
import org.jboss.logging.Logger;
import org.keycloak.credential.hash.PasswordHashProvider;
import org.keycloak.models.ModelException;
import org.keycloak.models.PasswordPolicy;
import org.keycloak.models.credential.PasswordCredentialModel;

/** Verifies bulk-migrated legacy hashes; see {@link LegacyPasswordHashProviderFactory}. */
final class LegacyPasswordHashProvider implements PasswordHashProvider {

    private static final Logger LOG = Logger.getLogger(LegacyPasswordHashProvider.class);

    private final LegacyPasswordVerifier verifier;

    LegacyPasswordHashProvider(LegacyPasswordVerifier verifier) {
        this.verifier = verifier;
    }

    /** A legacy hash never satisfies a realm policy: it is always rehashed after the first successful login. */
    @Override
    public boolean policyCheck(PasswordPolicy policy, PasswordCredentialModel credential) {
        return false;
    }

    @Override
    public PasswordCredentialModel encodedCredential(String rawPassword, int iterations) {
        throw new ModelException("The legacy-hash algorithm only verifies migrated hashes; choose another hashing "
                + "algorithm in the realm's password policy");
    }

    @Override
    public boolean verify(String rawPassword, PasswordCredentialModel credential) {
        VerificationResult result = verifier.verify(rawPassword, credential.getPasswordSecretData().getValue());
        if (result.outcome() != Outcome.MATCH && result.outcome() != Outcome.MISMATCH) {
            LOG.warnf("Migrated legacy password credential [%s] cannot be verified: %s (scheme [%s])",
                    credential.getId(), result.outcome().jsonName(), result.scheme());
        }
        return result.matches();
    }

    @Override
    public String credentialHashingStrength(PasswordCredentialModel credential) {
        return "legacy";
    }

    @Override
    public void close() {
        // stateless
    }
}
