package dev.legacybridge.keycloak.credential;

import dev.legacybridge.hash.StandardHash;
import dev.legacybridge.hash.StandardHash.Argon2Hash;
import dev.legacybridge.hash.StandardHash.Pbkdf2Hash;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.keycloak.credential.hash.AbstractPbkdf2PasswordHashProviderFactory;
import org.keycloak.credential.hash.PasswordHashProvider;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.provider.ProviderFactory;

/**
 * A legacy hash that is plain PBKDF2 or Argon2 underneath ({@link StandardHash}) as one of Keycloak's own password
 * credentials, which Keycloak verifies without this provider: the end state of a migration, in which the provider jar
 * can be removed.
 *
 * <p>The layout is the one Keycloak 26.7's providers read back (verified against their sources and, in the
 * integration tests, by a Keycloak without this jar):
 * <pre>
 * PBKDF2 (Pbkdf2PasswordHashProvider, ids pbkdf2 / pbkdf2-sha256 / pbkdf2-sha512 for HMAC-SHA-1 / -256 / -512)
 *   credentialData {"algorithm":"pbkdf2-sha256","hashIterations":260000,"additionalParameters":{}}
 *   secretData     {"value":"&lt;base64 of the derived key&gt;","salt":"&lt;base64 of the salt bytes&gt;"}
 *   Keycloak derives keySize = 8 * decoded value length, so Django's 32-byte keys verify as they are.
 *
 * Argon2 (Argon2PasswordHashProvider, id argon2)
 *   credentialData {"algorithm":"argon2","hashIterations":t,"additionalParameters":{"type":["id"],
 *                   "version":["1.3"],"hashLength":["32"],"memory":["102400"],"parallelism":["8"]}}
 *   secretData     {"value":"&lt;base64 of the tag&gt;","salt":"&lt;base64 of the salt bytes&gt;"}
 * </pre>
 * Both hash the password as its UTF-8 bytes ({@code char[]} through JCA's PBKDF2 and BouncyCastle's Argon2), as
 * Django, passlib and Werkzeug do.
 *
 * <p>Short passwords: Keycloak pads a password shorter than the PBKDF2 providers' {@code max-padding-length} with NUL
 * characters (0 by default, 14 in FIPS mode). HMAC pads a short key with zero bytes itself, so the padded password
 * gives the legacy digest as long as it fits in one HMAC block (64 bytes for SHA-1/256, 128 for SHA-512). A padding
 * length that could push a short password past the block (more than 22 or 43 characters, counting 3 UTF-8 bytes a
 * character) keeps the legacy credential instead. Algorithms the server does not offer (Argon2 in FIPS mode) do too.
 *
 * <p>Keycloak's {@code policyCheck} then sees parameters other than the realm's (a 256-bit key, other iterations) and
 * rehashes the password to the realm's algorithm at the user's first login, as it does for the legacy credential.
 */
public final class NativeCredentials {

    private NativeCredentials() {
    }

    /** Keycloak's password hash algorithm id for {@code hash}. */
    public static String algorithmOf(StandardHash hash) {
        if (hash instanceof Pbkdf2Hash p) {
            return switch (p.prf()) {
                case HMAC_SHA1 -> "pbkdf2";
                case HMAC_SHA256 -> "pbkdf2-sha256";
                case HMAC_SHA512 -> "pbkdf2-sha512";
            };
        }
        return "argon2";
    }

    /**
     * The native credential for {@code hash}, or empty when this server cannot verify it as the legacy application
     * did (see the class comment).
     */
    public static Optional<PasswordCredentialModel> of(KeycloakSessionFactory factory, StandardHash hash) {
        ProviderFactory<PasswordHashProvider> provider = factory.getProviderFactory(PasswordHashProvider.class,
                algorithmOf(hash));
        if (provider == null) {
            return Optional.empty();
        }
        int padding = provider instanceof AbstractPbkdf2PasswordHashProviderFactory pbkdf2
                ? pbkdf2.getMaxPaddingLength() : 0;
        return of(hash, padding);
    }

    /** As {@link #of(KeycloakSessionFactory, StandardHash)}, for a known {@code max-padding-length}. */
    static Optional<PasswordCredentialModel> of(StandardHash hash, int maxPaddingLength) {
        PasswordCredentialModel credential;
        if (hash instanceof Pbkdf2Hash p) {
            if (maxPaddingLength > 0 && 3L * (maxPaddingLength - 1) + 1 > p.prf().blockBytes()) {
                return Optional.empty();
            }
            credential = PasswordCredentialModel.createFromValues(algorithmOf(hash), p.salt(), p.iterations(),
                    Base64.getEncoder().encodeToString(p.derivedKey()));
        } else {
            Argon2Hash a = (Argon2Hash) hash;
            Map<String, List<String>> parameters = Map.of(
                    "type", List.of(a.type()),
                    "version", List.of(a.versionName()),
                    "hashLength", List.of(Integer.toString(a.tag().length)),
                    "memory", List.of(Integer.toString(a.memoryKib())),
                    "parallelism", List.of(Integer.toString(a.parallelism())));
            credential = PasswordCredentialModel.createFromValues("argon2", a.salt(), a.iterations(), parameters,
                    Base64.getEncoder().encodeToString(a.tag()));
        }
        credential.setCreatedDate(org.keycloak.common.util.Time.currentTimeMillis());
        return Optional.of(credential);
    }
}
