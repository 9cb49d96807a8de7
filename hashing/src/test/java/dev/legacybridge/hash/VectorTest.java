package dev.legacybridge.hash;

import dev.legacybridge.hash.Vectors.Vector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every case of the shared vector file, and of the extra file made the same way, against
 * {@link HashPolicy#allowingAll()}: a well-formed case gives exactly the reference library's answer, a malformed one
 * gives anything but a match, and the scheme id is the one the file names.
 */
class VectorTest {

    private static final LegacyPasswordVerifier VERIFIER = new LegacyPasswordVerifier(HashPolicy.allowingAll());

    static List<Vector> sharedVectors() {
        return Vectors.load(Vectors.SHARED);
    }

    static List<Vector> extraVectors() {
        return Vectors.load(Vectors.EXTRA);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sharedVectors")
    void verifyWhenSharedVectorThenReferenceAnswer(Vector v) {
        assertReferenceAnswer(v);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("extraVectors")
    void verifyWhenExtraVectorThenReferenceAnswer(Vector v) {
        assertReferenceAnswer(v);
    }

    private static void assertReferenceAnswer(Vector v) {
        VerificationResult result = VERIFIER.verify(v.password(), v.hash());

        assertThat(result.scheme()).as("scheme of %s", v.id()).isEqualTo(v.scheme());
        if (v.malformed()) {
            assertThat(result.outcome()).as("outcome of %s (%s)", v.id(), result.reason()).isNotEqualTo(Outcome.MATCH);
            if (v.absurdCost()) {
                assertThat(result.outcome()).as("absurd cost %s", v.id()).isEqualTo(Outcome.NOT_ALLOWED);
            }
        } else {
            assertThat(result.outcome()).as("outcome of %s (%s)", v.id(), result.reason())
                    .isEqualTo(v.matches() ? Outcome.MATCH : Outcome.MISMATCH);
        }
    }

    @Test
    void loadWhenVectorFilesThenEveryCaseHasUniqueId() {
        List<Vector> all = Vectors.all();

        assertThat(all).hasSizeGreaterThanOrEqualTo(119 + 40);
        assertThat(all.stream().map(Vector::id).distinct().count()).isEqualTo(all.size());
    }

    @Test
    void claimsWhenAnyVectorThenAtMostOneSchemeClaimsIt() {
        for (Vector v : Vectors.all()) {
            if (v.hash().isEmpty()) {
                continue;
            }
            long claimers = PasswordSchemes.ALL.stream().filter(s -> s.claims(v.hash())).count();
            assertThat(claimers).as(v.id()).isLessThanOrEqualTo(1);
        }
    }
}
