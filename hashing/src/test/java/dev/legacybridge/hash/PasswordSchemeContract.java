package dev.legacybridge.hash;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The contract every {@link PasswordScheme} keeps, checked through {@link LegacyPasswordVerifier} (the only way
 * callers reach a scheme): a correct password matches and nothing else does; null, empty, huge, NUL-laden and
 * invalid-Unicode passwords never match; truncated, padded, NUL-laden, oversized and scheme-specific malformed stored
 * values are {@link Outcome#MALFORMED} (or at least never a match) and never throw; absurd costs are refused before
 * hashing; and no reason ever quotes a salt, a digest or a password.
 *
 * <p>Each scheme's test extends this class and supplies a valid value, its own malformed forms, and an absurd-cost
 * value where the scheme has a cost.
 */
public abstract class PasswordSchemeContract {

    protected final LegacyPasswordVerifier verifier = new LegacyPasswordVerifier(HashPolicy.allowingAll());

    /** The scheme under test. */
    protected abstract PasswordScheme scheme();

    /** A well-formed stored value of this scheme, made by the reference library. */
    protected abstract String validHash();

    /** The password {@link #validHash()} was made from. */
    protected abstract String validPassword();

    /** Parts of {@link #validHash()} that must never appear in a reason: its salt and digest fields. */
    protected abstract List<String> secretFields();

    /** Values this scheme claims but must reject as malformed: truncations, bad encodings, bad costs, junk... */
    protected abstract List<String> malformedForms();

    /** A claimed, otherwise well-formed value whose cost is absurd; empty for schemes without a cost. */
    protected abstract Optional<String> absurdCost();

    /**
     * Claimed values whose cost field is a well-formed number too large for any cap (above 2^31-1): refused as an
     * absurd cost ({@link Outcome#NOT_ALLOWED}) before hashing, like {@link #absurdCost()}.
     */
    protected List<String> overflowingCosts() {
        return List.of();
    }

    /** {@code false} only for Django's unusable passwords: nothing matches and corruption changes nothing. */
    protected boolean usable() {
        return true;
    }

    private boolean corruptionIsMalformed() {
        return usable();
    }

    @Test
    void verifyWhenCorrectPasswordThenMatchWithSchemeId() {
        VerificationResult result = verifier.verify(validPassword(), validHash());

        assertThat(result.outcome()).as(result.reason()).isEqualTo(usable() ? Outcome.MATCH : Outcome.MISMATCH);
        assertThat(result.scheme()).isEqualTo(scheme().id());
        assertThat(scheme().claims(validHash())).isTrue();
    }

    @Test
    void verifyWhenWrongPasswordThenMismatch() {
        for (String wrong : List.of(validPassword() + "x", "x" + validPassword(), validPassword().toUpperCase() + "!")) {
            assertThat(verifier.verify(wrong, validHash()).outcome()).as(wrong).isEqualTo(Outcome.MISMATCH);
        }
    }

    @Test
    void verifyWhenPasswordNullThenMismatch() {
        VerificationResult result = verifier.verify(null, validHash());

        assertThat(result.outcome()).isEqualTo(Outcome.MISMATCH);
        assertThat(result.upgradeRecommended()).isFalse();
    }

    @Test
    void verifyWhenPasswordEmptyThenMismatch() {
        assertThat(verifier.verify("", validHash()).outcome()).isEqualTo(Outcome.MISMATCH);
    }

    @Test
    void verifyWhenPasswordLongerThan4096BytesThenMismatch() {
        String huge = validPassword() + "x".repeat(LegacyPasswordVerifier.MAX_PASSWORD_BYTES);

        assertThat(verifier.verify(huge, validHash()).outcome()).isEqualTo(Outcome.MISMATCH);
        assertThat(verifier.verify("\u00e9".repeat(2049), validHash()).outcome()).isEqualTo(Outcome.MISMATCH);
    }

    @Test
    void verifyWhenPasswordContainsNulThenMismatch() {
        for (String nul : List.of("\0" + validPassword(), "\0", "sec\0" + validPassword(), "\0".repeat(100))) {
            assertThat(verifier.verify(nul, validHash()).outcome()).isEqualTo(Outcome.MISMATCH);
        }
    }

    @Test
    void verifyWhenPasswordHasUnpairedSurrogateThenMismatch() {
        assertThat(verifier.verify(validPassword() + "\uD800", validHash()).outcome()).isEqualTo(Outcome.MISMATCH);
        assertThat(verifier.verify("\uDC00" + validPassword(), validHash()).outcome()).isEqualTo(Outcome.MISMATCH);
    }

    @Test
    void verifyWhenStoredNullOrEmptyThenUnsupportedEmpty() {
        assertThat(verifier.verify(validPassword(), (String) null))
                .extracting(VerificationResult::outcome, VerificationResult::scheme)
                .containsExactly(Outcome.UNSUPPORTED, SchemeIds.EMPTY);
        assertThat(verifier.verify(validPassword(), "").outcome()).isEqualTo(Outcome.UNSUPPORTED);
    }

    @Test
    void verifyWhenStoredTruncatedThenNeverMatchesNorThrows() {
        String valid = validHash();
        for (int len = 1; len < valid.length(); len++) {
            String prefix = valid.substring(0, len);
            VerificationResult result = verifier.verify(validPassword(), prefix);

            assertThat(result.outcome()).as("prefix of length %d", len).isNotEqualTo(Outcome.MATCH);
            if (corruptionIsMalformed() && scheme().claims(prefix) && len == valid.length() - 1) {
                assertThat(result.outcome()).as("prefix of length %d", len).isEqualTo(Outcome.MALFORMED);
            }
            assertNoSecretIn(result.reason());
        }
    }

    @Test
    void verifyWhenStoredHasTrailingJunkThenMalformed() {
        for (String junk : List.of("$junk", "\n", " ", "$", "=", "\u00e9")) {
            VerificationResult result = verifier.verify(validPassword(), validHash() + junk);

            assertThat(result.outcome()).as("junk %s", junk.codePoints().boxed().toList()).isNotEqualTo(Outcome.MATCH);
            if (corruptionIsMalformed() && scheme().claims(validHash() + junk)) {
                assertThat(result.outcome()).as("junk %s", junk.codePoints().boxed().toList())
                        .isEqualTo(Outcome.MALFORMED);
            }
            assertNoSecretIn(result.reason());
        }
    }

    @Test
    void verifyWhenStoredContainsNulThenMalformed() {
        String valid = validHash();
        for (int i = 1; i <= valid.length(); i += 3) {
            String withNul = valid.substring(0, i) + '\0' + valid.substring(i);
            VerificationResult result = verifier.verify(validPassword(), withNul);

            assertThat(result.outcome()).isNotEqualTo(Outcome.MATCH);
            if (corruptionIsMalformed() && scheme().claims(withNul)) {
                assertThat(result.outcome()).as("NUL at %d", i).isEqualTo(Outcome.MALFORMED);
            }
        }
    }

    @Test
    void verifyWhenStoredLongerThanLimitThenMalformedQuickly() {
        String huge = validHash() + "A".repeat(100_000);

        long start = System.nanoTime();
        VerificationResult result = verifier.verify(validPassword(), huge);
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        assertThat(result.outcome()).isNotEqualTo(Outcome.MATCH);
        if (corruptionIsMalformed() && scheme().claims(huge)) {
            assertThat(result.outcome()).isEqualTo(Outcome.MALFORMED);
        }
        assertThat(elapsedMs).as("sanity bound, not a benchmark").isLessThan(50);
    }

    @TestFactory
    Stream<DynamicTest> verifyWhenMalformedFormThenMalformedAndReasonSafe() {
        return malformedForms().stream().map(stored -> DynamicTest.dynamicTest(printable(stored), () -> {
            assertThat(scheme().claims(stored)).as("claimed by %s", scheme().id()).isTrue();
            assertThatThrownBy(() -> scheme().parse(stored)).isInstanceOf(MalformedHashException.class);

            VerificationResult result = verifier.verify(validPassword(), stored);

            assertThat(result.outcome()).as(result.reason()).isEqualTo(Outcome.MALFORMED);
            assertThat(result.scheme()).isEqualTo(scheme().id());
            assertNoSecretIn(result.reason());
            assertThat(verifier.inspect(stored).status()).isEqualTo(HashInspection.Status.MALFORMED);
        }));
    }

    @Test
    void verifyWhenAbsurdCostThenNotAllowedBeforeHashing() {
        absurdCost().ifPresent(stored -> {
            assertThat(scheme().claims(stored)).isTrue();

            long start = System.nanoTime();
            VerificationResult result = verifier.verify(validPassword(), stored);
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;

            assertThat(result.outcome()).as(result.reason()).isEqualTo(Outcome.NOT_ALLOWED);
            assertThat(elapsedMs).as("sanity bound, not a benchmark").isLessThan(50);
            assertThat(verifier.inspect(stored).status()).isEqualTo(HashInspection.Status.NOT_ALLOWED);
            assertNoSecretIn(result.reason());
        });
    }

    @TestFactory
    Stream<DynamicTest> verifyWhenCostOverflowsThenNotAllowedBeforeHashing() {
        return overflowingCosts().stream().map(stored -> DynamicTest.dynamicTest(printable(stored), () -> {
            assertThat(scheme().claims(stored)).isTrue();

            long start = System.nanoTime();
            VerificationResult result = verifier.verify(validPassword(), stored);
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;

            assertThat(result.outcome()).as(result.reason()).isEqualTo(Outcome.NOT_ALLOWED);
            assertThat(result.reason()).contains("absurd cost");
            assertThat(elapsedMs).as("sanity bound, not a benchmark").isLessThan(50);
            assertThat(verifier.inspect(stored).status()).isEqualTo(HashInspection.Status.NOT_ALLOWED);
            assertNoSecretIn(result.reason());
        }));
    }

    @Test
    void verifyWhenSchemeNotInPolicyThenNotAllowed() {
        Set<String> others = new java.util.HashSet<>(LegacyPasswordVerifier.allSchemeIds());
        others.remove(scheme().id());
        LegacyPasswordVerifier strict = new LegacyPasswordVerifier(HashPolicy.allowingAll().withAllowedSchemes(others));

        VerificationResult result = strict.verify(validPassword(), validHash());

        // An unusable password is not a hash: it is reported as such whatever the policy.
        assertThat(result.outcome()).isEqualTo(usable() ? Outcome.NOT_ALLOWED : Outcome.MISMATCH);
        assertThat(result.scheme()).isEqualTo(scheme().id());
        assertThat(strict.inspect(validHash()).status())
                .isEqualTo(usable() ? HashInspection.Status.NOT_ALLOWED : HashInspection.Status.UNUSABLE);
    }

    @Test
    void inspectWhenValidThenUsableWithoutHashing() {
        HashInspection inspection = verifier.inspect(validHash());

        assertThat(inspection.status())
                .isEqualTo(usable() ? HashInspection.Status.USABLE : HashInspection.Status.UNUSABLE);
        assertThat(inspection.scheme()).isEqualTo(scheme().id());
        assertThat(inspection.upgradeRecommended()).isEqualTo(scheme().info().weak());
        assertNoSecretIn(inspection.reason());
    }

    @Test
    void verifyWhenMatchOrMismatchThenReasonQuotesNothing() {
        assertNoSecretIn(verifier.verify(validPassword(), validHash()).reason());
        assertNoSecretIn(verifier.verify(validPassword() + "x", validHash()).reason());
    }

    protected void assertNoSecretIn(String reason) {
        List<String> secrets = new ArrayList<>(secretFields());
        if (validPassword().length() >= 6) {
            secrets.add(validPassword());
        }
        for (String secret : secrets) {
            if (!secret.isEmpty()) {
                assertThat(reason).doesNotContain(secret);
            }
        }
    }

    private static String printable(String s) {
        StringBuilder out = new StringBuilder();
        s.codePoints().forEach(cp -> out.append(cp < 0x20 || cp == 0x7f ? String.format("\\x%02x", cp)
                : new String(Character.toChars(cp))));
        return out.length() > 90 ? out.substring(0, 90) + "..." : out.toString();
    }
}
