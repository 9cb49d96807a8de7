package dev.legacybridge.hash;

import dev.legacybridge.hash.Vectors.Vector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every case of the second shared vector file ({@code more-password-hashes.json}: Spring, PHP, htpasswd, WordPress,
 * Drupal, ASP.NET Identity, Firebase, libxcrypt, LDAP), against {@link HashPolicy#allowingAll()} with default caps:
 * a case's {@code params} become the verifier's configuration exactly as {@code legacy-hash verify --jsonl} reads them
 * ({@link SchemeParameters}), a well-formed case gives the reference software's answer, a malformed one anything but
 * a match, and an absurd cost {@link Outcome#NOT_ALLOWED}.
 *
 * <p>The file's {@code scheme} names the application family; the verifier names the stored format. They differ only
 * where one family writes formats that other software writes too (see {@link #expectedScheme(Vector)}).
 */
class MoreVectorTest {

    static List<Vector> moreVectors() {
        return Vectors.load(Vectors.MORE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("moreVectors")
    void verifyWhenMoreVectorThenReferenceAnswer(Vector v) {
        SchemeParameters.Parsed params = SchemeParameters.parse(v.textParams(), v.hash());
        LegacyPasswordVerifier verifier = new LegacyPasswordVerifier(HashPolicy.allowingAll(), params.configuration());

        VerificationResult result = verifier.verify(v.password(), new StoredPassword(v.hash(), params.salt()));

        assertThat(result.scheme()).as("scheme of %s", v.id()).isEqualTo(expectedScheme(v));
        if (v.malformed()) {
            assertThat(result.outcome()).as("outcome of %s (%s)", v.id(), result.reason()).isNotEqualTo(Outcome.MATCH);
            if (v.absurdCost()) {
                assertThat(result.outcome()).as("absurd cost %s (%s)", v.id(), result.reason())
                        .isEqualTo(Outcome.NOT_ALLOWED);
            }
        } else {
            assertThat(result.outcome()).as("outcome of %s (%s)", v.id(), result.reason())
                    .isEqualTo(v.matches() ? Outcome.MATCH : Outcome.MISMATCH);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("moreVectors")
    void inspectWhenMoreVectorThenSameClassificationAsVerify(Vector v) {
        SchemeParameters.Parsed params = SchemeParameters.parse(v.textParams(), v.hash());
        LegacyPasswordVerifier verifier = new LegacyPasswordVerifier(HashPolicy.allowingAll(), params.configuration());

        HashInspection inspection = verifier.inspect(new StoredPassword(v.hash(), params.salt()));

        assertThat(inspection.scheme()).isEqualTo(expectedScheme(v));
        assertThat(inspection.status()).as(inspection.reason()).isEqualTo(v.malformed()
                ? (v.absurdCost() ? HashInspection.Status.NOT_ALLOWED : inspection.status())
                : HashInspection.Status.USABLE);
        if (v.malformed()) {
            assertThat(inspection.status()).isNotEqualTo(HashInspection.Status.USABLE);
        }
    }

    @Test
    void loadWhenMoreVectorFileThenEveryCaseOnce() {
        List<Vector> more = moreVectors();

        assertThat(more).hasSize(219);
        assertThat(more.stream().map(Vector::id).distinct().count()).isEqualTo(219);
    }

    /**
     * The file's family label, mapped to the stored format where they differ: PHP's {@code password_hash} and
     * {@code crypt()} write bcrypt, argon2 and MD5-crypt (the same strings as pyca/bcrypt, argon2-cffi and libxcrypt),
     * htpasswd writes {@code $apr1$} and {@code {SHA}}, and Spring's weak encoders have their own id so that they need
     * an explicit opt-in.
     */
    static String expectedScheme(Vector v) {
        String hash = v.hash();
        return switch (v.scheme()) {
            case "php_password_hash" -> {
                if (hash.startsWith("$2y$")) {
                    yield SchemeIds.BCRYPT;
                } else if (hash.startsWith("$argon2")) {
                    yield SchemeIds.ARGON2;
                } else if (hash.startsWith("$1$")) {
                    yield SchemeIds.MD5_CRYPT;
                } else if (hash.startsWith("$apr1$")) {
                    yield SchemeIds.APR_MD5_CRYPT;
                } else {
                    yield SchemeIds.LDAP_SHA1;
                }
            }
            case "spring_delegating" -> List.of("{noop}", "{MD5}", "{MD4}", "{SHA-1}", "{SHA-256}", "{sha256}", "{ldap}")
                    .stream().anyMatch(hash::startsWith) ? SchemeIds.SPRING_DELEGATING_WEAK : SchemeIds.SPRING_DELEGATING;
            default -> v.scheme();
        };
    }
}
