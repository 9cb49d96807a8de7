package dev.legacybridge.hash.recipe;

import dev.legacybridge.hash.HashPolicy;
import dev.legacybridge.hash.LegacyPasswordVerifier;
import dev.legacybridge.hash.Outcome;
import dev.legacybridge.hash.SchemeConfiguration;
import dev.legacybridge.hash.StoredPassword;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the recipes that reproduce a stored value from one known password: every digest and HMAC, every salt
 * placement the value and the salt column allow (none, the column, before or after the hash at each punctuation
 * character in the value), both salt positions, every salt and hash encoding, the pepper if one is given, and a short
 * list of usual iteration counts (digests 1, 2, 1000, 1024; PBKDF2 1000 to 100,000, or the count given). Candidates
 * whose shape does not fit the value are skipped before hashing.
 *
 * <p>The search is for an administrator with one test account, not for the login path; it hashes up to a few thousand
 * times. It never reports the password, the salt or the pepper.
 */
public final class RecipeSearch {

    private static final int[] DIGEST_ITERATIONS = {1, 2, 1000, 1024};
    private static final int[] PBKDF2_ITERATIONS = {1000, 1024, 2000, 4096, 5000, 10_000, 20_000, 27_500, 50_000,
        100_000};
    /** PBKDF2 output lengths tried besides the PRF's own (0): common key sizes. */
    private static final int[] PBKDF2_KEY_LENGTHS = {0, 16, 20, 24, 32, 64};
    private static final String SEPARATORS = "$:|,;.#@!*_-/";
    private static final int MAX_RESULTS = 10;

    private RecipeSearch() {
    }

    /**
     * @param pepper     the application's pepper, or empty
     * @param iterations an iteration count to try besides the usual ones, or 0
     * @return the parameters of every recipe that matches (at most 10), most plausible first (fewest parameters)
     */
    public static List<Map<String, String>> search(String password, StoredPassword stored, String pepper,
                                                   int iterations) {
        List<Map<String, String>> found = new ArrayList<>();
        Set<Map<String, String>> seen = new LinkedHashSet<>();
        String value = stored.value();
        if (value == null || value.isEmpty() || password == null) {
            return found;
        }
        byte[] pepperBytes = pepper == null ? new byte[0] : pepper.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        List<Placement> placements = placements(value, stored.salt() != null && !stored.salt().isEmpty());
        for (Recipe.Algorithm algorithm : Recipe.Algorithm.values()) {
            for (Placement placement : placements) {
                for (Recipe.HashEncoding encoding : Recipe.HashEncoding.values()) {
                    for (Recipe.SaltEncoding saltEncoding : placement.source == Recipe.SaltSource.NONE
                            ? List.of(Recipe.SaltEncoding.TEXT) : List.of(Recipe.SaltEncoding.values())) {
                        for (Recipe.Position saltPosition : placement.source == Recipe.SaltSource.NONE
                                || algorithm.pbkdf2() ? List.of(Recipe.Position.BEFORE)
                                : List.of(Recipe.Position.values())) {
                            for (PepperUse pepperUse : pepperUses(algorithm, pepperBytes, placement)) {
                              for (int keyLength : algorithm.pbkdf2() ? PBKDF2_KEY_LENGTHS : new int[] {0}) {
                                for (int count : counts(algorithm, iterations)) {
                                    Recipe recipe;
                                    try {
                                        recipe = new Recipe(algorithm, placement.source, placement.separator,
                                                saltPosition, saltEncoding, encoding, count, keyLength,
                                                pepperUse.pepper, pepperUse.position, pepperUse.hmacKey);
                                    } catch (IllegalArgumentException impossible) {
                                        continue;
                                    }
                                    if (!recipe.hasShape(value)) {
                                        break; // the shape does not depend on the iteration count
                                    }
                                    LegacyPasswordVerifier verifier = new LegacyPasswordVerifier(
                                            HashPolicy.allowingAll(), SchemeConfiguration.none().withFormat(recipe));
                                    if (verifier.verify(password, stored).outcome() == Outcome.MATCH
                                            && seen.add(recipe.describe())) {
                                        found.add(recipe.describe());
                                        if (found.size() == MAX_RESULTS) {
                                            return found;
                                        }
                                    }
                                }
                              }
                            }
                        }
                    }
                }
            }
        }
        found.sort(java.util.Comparator.comparingInt(Map::size));
        return found;
    }

    private record Placement(Recipe.SaltSource source, String separator) {
    }

    private record PepperUse(byte[] pepper, Recipe.Position position, Recipe.HmacKey hmacKey) {
    }

    private static List<Placement> placements(String value, boolean saltColumn) {
        List<Placement> placements = new ArrayList<>();
        placements.add(new Placement(Recipe.SaltSource.NONE, null));
        if (saltColumn) {
            placements.add(new Placement(Recipe.SaltSource.COLUMN, null));
        }
        for (char c : SEPARATORS.toCharArray()) {
            if (value.indexOf(c) > 0 && value.indexOf(c) < value.length() - 1) {
                placements.add(new Placement(Recipe.SaltSource.PREFIX, String.valueOf(c)));
                placements.add(new Placement(Recipe.SaltSource.SUFFIX, String.valueOf(c)));
            }
        }
        return placements;
    }

    private static List<PepperUse> pepperUses(Recipe.Algorithm algorithm, byte[] pepper, Placement placement) {
        List<PepperUse> uses = new ArrayList<>();
        boolean salted = placement.source != Recipe.SaltSource.NONE;
        if (algorithm.hmac()) {
            if (pepper.length > 0) {
                uses.add(new PepperUse(pepper, Recipe.Position.AFTER, Recipe.HmacKey.PEPPER));
            }
            if (salted) {
                uses.add(new PepperUse(new byte[0], Recipe.Position.AFTER, Recipe.HmacKey.SALT));
            }
            return uses;
        }
        uses.add(new PepperUse(new byte[0], Recipe.Position.AFTER, Recipe.HmacKey.SALT));
        if (pepper.length > 0) {
            uses.add(new PepperUse(pepper, Recipe.Position.AFTER, Recipe.HmacKey.PEPPER));
            uses.add(new PepperUse(pepper, Recipe.Position.BEFORE, Recipe.HmacKey.PEPPER));
        }
        return uses;
    }

    private static int[] counts(Recipe.Algorithm algorithm, int extra) {
        int[] base = algorithm.pbkdf2() ? PBKDF2_ITERATIONS : algorithm.hmac() ? new int[] {1} : DIGEST_ITERATIONS;
        if (extra <= 0 || algorithm.hmac()) {
            return base;
        }
        int[] out = java.util.Arrays.copyOf(base, base.length + 1);
        out[base.length] = extra;
        return out;
    }
}
