package dev.legacybridge.hash;

import dev.legacybridge.hash.Vectors.Vector;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random corruption of every vector never makes {@code verify} or {@code inspect} throw, and never produces a match
 * for a value that differs from a real hash. The policy's caps are set low so mutated values stay cheap to check.
 */
class VerifierRobustnessTest {

    private static final char[] INTERESTING = {'$', ':', ',', '=', '.', '/', '+', '0', '9', 'a', 'Z', '\0', '\n', ' ',
        '\u00e9', '\uD800', '!', '{', '-'};

    private final LegacyPasswordVerifier cheap = new LegacyPasswordVerifier(HashPolicy.allowingAll()
            .withLimits(new CostLimits(2000, 5, 8192, 3, 8, 1L << 14, 5000)));

    @Test
    void verifyWhenRandomMutationsOfEveryVectorThenNeverThrowsAndNeverMatches() {
        Random random = new Random(42);
        List<Vector> vectors = Vectors.all();
        int checked = 0;
        for (Vector v : vectors) {
            for (int i = 0; i < 40; i++) {
                String mutated = mutate(v.hash(), random);
                if (mutated.equals(v.hash()) || isEquivalentSpelling(mutated, v.hash())) {
                    continue;
                }
                VerificationResult result = cheap.verify(v.password(), mutated);
                HashInspection inspection = cheap.inspect(mutated);

                assertThat(result).isNotNull();
                assertThat(inspection).isNotNull();
                assertThat(result.reason()).isNotBlank();
                if (result.outcome() == Outcome.MATCH) {
                    // Only a same-meaning spelling may still match: the bcrypt variants, or a Django number with a
                    // leading zero. Anything else would be a false accept.
                    assertThat(mutated).as("mutation of %s matched", v.id()).matches(".*(\\$2[aby]\\$|\\$0).*");
                }
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(vectors.size() * 30);
    }

    @Test
    void verifyWhenRandomGarbageThenNeverThrows() {
        Random random = new Random(1);
        for (int i = 0; i < 5000; i++) {
            StringBuilder s = new StringBuilder();
            int len = random.nextInt(80);
            for (int j = 0; j < len; j++) {
                s.append(random.nextInt(4) == 0 ? INTERESTING[random.nextInt(INTERESTING.length)]
                        : (char) (32 + random.nextInt(95)));
            }
            VerificationResult result = cheap.verify("secret", s.toString());
            assertThat(result.outcome()).isNotEqualTo(Outcome.MATCH);
        }
    }

    private static boolean isEquivalentSpelling(String mutated, String original) {
        return mutated.replaceAll("^\\$2[aby]\\$", "\\$2b\\$").equals(original.replaceAll("^\\$2[aby]\\$", "\\$2b\\$"));
    }

    private static String mutate(String s, Random random) {
        if (s.isEmpty()) {
            return String.valueOf(INTERESTING[random.nextInt(INTERESTING.length)]);
        }
        StringBuilder b = new StringBuilder(s);
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits && b.length() > 0; e++) {
            int pos = random.nextInt(b.length());
            switch (random.nextInt(6)) {
                case 0 -> b.deleteCharAt(pos);
                case 1 -> b.insert(pos, INTERESTING[random.nextInt(INTERESTING.length)]);
                case 2 -> b.setCharAt(pos, INTERESTING[random.nextInt(INTERESTING.length)]);
                case 3 -> b.setLength(pos);
                case 4 -> b.append(b, 0, Math.min(b.length(), 1 + random.nextInt(10)));
                default -> b.setCharAt(pos, (char) (b.charAt(pos) ^ 1));
            }
        }
        return b.toString();
    }
}
