package dev.legacybridge.hash;

import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies candidate passwords against legacy stored hashes of any supported format, detected per stored value, and
 * against the users table's own configured format (Firebase scrypt, a recipe: see {@link SchemeConfiguration}).
 *
 * <p>Immutable and thread-safe. {@link #verify(String, String)} never throws, never hangs and never allocates more
 * than the policy's caps allow, whatever it is given.
 *
 * <p>How a stored value is judged, in order (the first step that decides, decides):
 * <ol>
 *   <li>null or empty: {@link Outcome#UNSUPPORTED}, scheme {@value SchemeIds#EMPTY};</li>
 *   <li>no scheme claims its prefix, and no format is configured: {@link Outcome#UNSUPPORTED}, scheme
 *       {@value SchemeIds#UNKNOWN} (a configured format takes such values, and before the prefix rules every value of
 *       exactly its shape);</li>
 *   <li>Django's {@code !} unusable password: {@link Outcome#MISMATCH} for every password, whatever the policy;</li>
 *   <li>longer than {@value #MAX_STORED_LENGTH} characters, or containing a control character (NUL, newline...) or
 *       an unpaired surrogate: {@link Outcome#MALFORMED};</li>
 *   <li>scheme not in {@link HashPolicy#allowedSchemes()}: {@link Outcome#NOT_ALLOWED}, without parsing;</li>
 *   <li>the scheme's parser rejects it (missing field, bad base64/hex, zero or negative cost, trailing junk):
 *       {@link Outcome#MALFORMED}; a cost field that is a number too large for 32 bits is an absurd cost,
 *       {@link Outcome#NOT_ALLOWED};</li>
 *   <li>a parsed cost above the {@link CostLimits}: {@link Outcome#NOT_ALLOWED}, decided by arithmetic alone, before
 *       any hashing;</li>
 *   <li>otherwise the candidate is hashed: a null password, one that is not valid Unicode, or one longer than
 *       {@value #MAX_PASSWORD_BYTES} UTF-8 bytes (passlib's {@code MAX_PASSWORD_SIZE}) is a {@link Outcome#MISMATCH}
 *       without hashing; else {@link Outcome#MATCH} or {@link Outcome#MISMATCH}.</li>
 * </ol>
 *
 * <p>A {@link Outcome#MATCH} recommends an upgrade when the scheme is weak ({@link SchemeInfo#weak()}), or when the
 * policy has an upgrade target and the stored value is of another scheme or below the target's cost (for argon2: a
 * lower {@code t}, {@code m} or {@code p}, or not argon2id version 19).
 *
 * <p>Reasons name scheme ids and numbers only. Nothing is logged above {@code DEBUG}, and nothing secret at all.
 */
public final class LegacyPasswordVerifier {

    /** Longest stored value looked at; the longest real format (SHA-512 crypt, pbkdf2-sha512) is under 200. */
    public static final int MAX_STORED_LENGTH = 1024;
    /** Longest candidate password hashed, in UTF-8 bytes; longer ones never match (passlib's limit). */
    public static final int MAX_PASSWORD_BYTES = 4096;

    private static final System.Logger LOG = System.getLogger(LegacyPasswordVerifier.class.getName());

    private final HashPolicy policy;
    private final SchemeConfiguration configuration;

    /** A verifier of self-describing values only: Spring's factory encoders, no configured format. */
    public LegacyPasswordVerifier(HashPolicy policy) {
        this(policy, SchemeConfiguration.none());
    }

    /**
     * A verifier that also knows the legacy application's settings: Spring encoder settings, and the users table's
     * own unprefixed format (Firebase scrypt or a recipe), which reads every value that no prefix claims and every
     * value of exactly its shape.
     */
    public LegacyPasswordVerifier(HashPolicy policy, SchemeConfiguration configuration) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.configuration = Objects.requireNonNull(configuration, "configuration");
    }

    public HashPolicy policy() {
        return policy;
    }

    public SchemeConfiguration configuration() {
        return configuration;
    }

    /**
     * Checks {@code password} (hashed as its UTF-8 bytes, with no Unicode normalisation) against {@code stored}.
     * A null password never matches.
     */
    public VerificationResult verify(String password, String stored) {
        return verify(password, StoredPassword.of(stored));
    }

    /**
     * As {@link #verify(String, String)}, for a row whose salt is kept apart from the value (a salt column, or
     * Firebase's exported salt), which the configured format reads.
     */
    public VerificationResult verify(String password, StoredPassword stored) {
        Objects.requireNonNull(stored, "stored");
        VerificationResult result;
        try {
            result = check(password, stored);
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
            // Never reached by any known input; kept so that a bug or an exhausted heap cannot fail a login open or
            // propagate into the caller. The class name is all that is reported: messages could quote input.
            result = new VerificationResult(Outcome.MALFORMED, schemeOf(stored.value()), false,
                    "internal error while checking: " + e.getClass().getSimpleName());
        }
        if (result.outcome() != Outcome.MATCH && result.outcome() != Outcome.MISMATCH && LOG.isLoggable(Level.DEBUG)) {
            LOG.log(Level.DEBUG, "legacy hash refused: scheme [{0}], outcome [{1}], reason [{2}]", result.scheme(),
                    result.outcome().jsonName(), result.reason());
        }
        return result;
    }

    private VerificationResult check(String password, StoredPassword stored) {
        Classified c = classify(stored);
        if (c.failure != null) {
            return new VerificationResult(c.failure, c.scheme, false, c.reason);
        }
        if (!c.hash.usable()) {
            return new VerificationResult(Outcome.MISMATCH, c.scheme, false, "unusable password: matches nothing");
        }
        if (c.saltMissing) {
            return new VerificationResult(Outcome.MALFORMED, c.scheme, false,
                    c.scheme + " needs the row's salt, and none was given");
        }
        if (password == null) {
            return new VerificationResult(Outcome.MISMATCH, c.scheme, false, "no password given");
        }
        byte[] bytes = Utf8.encode(password, MAX_PASSWORD_BYTES);
        if (bytes == null) {
            return new VerificationResult(Outcome.MISMATCH, c.scheme, false,
                    "password longer than " + MAX_PASSWORD_BYTES + " UTF-8 bytes or not valid Unicode");
        }
        boolean matches;
        try {
            matches = c.hash.matches(bytes);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
        if (!matches) {
            return new VerificationResult(Outcome.MISMATCH, c.scheme, false, "password does not match");
        }
        boolean upgrade = upgradeRecommended(c);
        return new VerificationResult(Outcome.MATCH, c.scheme, upgrade,
                upgrade ? "match; re-encoding recommended" : "match");
    }

    /** Classifies a stored value without hashing anything. */
    public HashInspection inspect(String stored) {
        return inspect(StoredPassword.of(stored));
    }

    /** As {@link #inspect(String)}, for a row with a separate salt. */
    public HashInspection inspect(StoredPassword stored) {
        Objects.requireNonNull(stored, "stored");
        try {
            Classified c = classify(stored);
            if (c.failure != null) {
                HashInspection.Status status = switch (c.failure) {
                    case MALFORMED -> HashInspection.Status.MALFORMED;
                    case NOT_ALLOWED -> HashInspection.Status.NOT_ALLOWED;
                    default -> HashInspection.Status.UNSUPPORTED;
                };
                return new HashInspection(c.scheme, status, false, c.reason);
            }
            if (!c.hash.usable()) {
                return new HashInspection(c.scheme, HashInspection.Status.UNUSABLE, false, "unusable password");
            }
            boolean upgrade = upgradeRecommended(c);
            return new HashInspection(c.scheme, HashInspection.Status.USABLE, upgrade,
                    upgrade ? "usable; a match would recommend re-encoding" : "usable");
        } catch (RuntimeException | StackOverflowError e) {
            return new HashInspection(schemeOf(stored.value()), HashInspection.Status.MALFORMED, false,
                    "internal error while parsing: " + e.getClass().getSimpleName());
        }
    }

    /**
     * What verifying {@code stored} costs, as a class of equal cost: the scheme and its parsed cost parameters (for
     * example {@code django_pbkdf2_sha256 Pbkdf2[iterations=260000]}), never any part of the salt or digest. Empty for
     * values a login could not verify (malformed, unsupported, not allowed, unusable). Used to make failed logins cost
     * what the table's costliest hash costs, whatever the row.
     */
    public Optional<String> costClass(String stored) {
        return costClass(new StoredPassword(stored, null));
    }

    /** {@link #costClass(String)} for a row with a salt column. */
    public Optional<String> costClass(StoredPassword row) {
        try {
            Classified c = classify(row);
            if (c.failure != null || !c.hash.usable()) {
                return Optional.empty();
            }
            return Optional.of(c.scheme + " " + c.hash.cost());
        } catch (RuntimeException | StackOverflowError e) {
            return Optional.empty();
        }
    }

    /**
     * {@code stored} as a plain PBKDF2 or Argon2 hash ({@link StandardHash}), when it is one and this verifier would
     * accept it (allowed scheme, cost within the caps); empty for every other value, malformed ones included. Hashes
     * nothing.
     */
    public Optional<StandardHash> standardForm(String stored) {
        try {
            Classified c = classify(new StoredPassword(stored, null));
            if (c.failure != null || !c.hash.usable() || c.saltMissing) {
                return Optional.empty();
            }
            return c.hash.standardForm();
        } catch (RuntimeException | StackOverflowError e) {
            return Optional.empty();
        }
    }

    private Classified classify(StoredPassword row) {
        String stored = row.value();
        if (stored == null || stored.isEmpty()) {
            return Classified.failed(SchemeIds.EMPTY, Outcome.UNSUPPORTED, "stored value is empty");
        }
        ConfiguredFormat format = configuration.format().orElse(null);
        boolean configured = format != null && stored.length() <= MAX_STORED_LENGTH && format.hasShape(stored);
        PasswordScheme scheme = configured ? null : PasswordSchemes.claiming(stored);
        if (scheme == null && format != null) {
            configured = true;
        }
        if (scheme == null && !configured) {
            return Classified.failed(SchemeIds.UNKNOWN, Outcome.UNSUPPORTED, "no supported scheme recognises the value");
        }
        String id = configured ? format.info().id() : scheme.id();
        if (SchemeIds.DJANGO_UNUSABLE.equals(id)) {
            // "!..." is an account without a password, whatever follows and whatever the policy: nothing is verified.
            try {
                return new Classified(id, null, null, scheme.parse(stored));
            } catch (MalformedHashException e) {
                return Classified.failed(id, Outcome.MALFORMED, e.getMessage());
            }
        }
        if (stored.length() > MAX_STORED_LENGTH) {
            return Classified.failed(id, Outcome.MALFORMED, "stored value longer than " + MAX_STORED_LENGTH
                    + " characters");
        }
        String problem = configured && format.binary() ? null : characterProblem(stored);
        if (problem != null) {
            return Classified.failed(id, Outcome.MALFORMED, problem);
        }
        if (!policy.allows(id)) {
            return Classified.failed(id, Outcome.NOT_ALLOWED, "scheme " + id + " is not allowed by the policy");
        }
        StoredHash hash;
        try {
            hash = configured ? format.parse(row) : scheme.parse(stored, configuration);
        } catch (MalformedHashException e) {
            return Classified.failed(id, e.isAbsurdCost() ? Outcome.NOT_ALLOWED : Outcome.MALFORMED, e.getMessage());
        }
        Optional<String> refusal = hash.cost().refusal(policy.limits());
        if (refusal.isPresent()) {
            return Classified.failed(id, Outcome.NOT_ALLOWED, refusal.get());
        }
        boolean saltMissing = configured && format.requiresSalt() && (row.salt() == null || row.salt().isEmpty());
        return new Classified(id, null, null, hash, saltMissing);
    }

    private static String characterProblem(String stored) {
        for (int i = 0; i < stored.length(); i++) {
            char c = stored.charAt(i);
            if (Character.isISOControl(c)) {
                return "stored value contains a control character at index " + i;
            }
            if (Character.isHighSurrogate(c) && i + 1 < stored.length() && Character.isLowSurrogate(stored.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "stored value contains an unpaired surrogate at index " + i;
            }
        }
        return null;
    }

    private boolean upgradeRecommended(Classified c) {
        if (weak(c.scheme)) {
            return true;
        }
        return policy.upgradeTarget()
                .map(target -> !target.verifiedScheme().equals(c.scheme) || c.hash.below(target))
                .orElse(false);
    }

    private boolean weak(String schemeId) {
        PasswordScheme scheme = PasswordSchemes.byId(schemeId);
        if (scheme != null) {
            return scheme.info().weak();
        }
        return configuration.format().map(f -> f.info().id().equals(schemeId) && f.info().weak()).orElse(false);
    }

    private String schemeOf(String stored) {
        try {
            if (stored == null || stored.isEmpty()) {
                return SchemeIds.EMPTY;
            }
            PasswordScheme scheme = PasswordSchemes.claiming(stored);
            if (scheme == null) {
                return configuration.format().map(f -> f.info().id()).orElse(SchemeIds.UNKNOWN);
            }
            return scheme.id();
        } catch (RuntimeException e) {
            return SchemeIds.UNKNOWN;
        }
    }

    /** Every supported scheme, in a stable order. */
    public static List<SchemeInfo> schemes() {
        return PasswordSchemes.INFOS;
    }

    static Set<String> allSchemeIds() {
        return PasswordSchemes.ALL_IDS;
    }

    static Set<String> strongSchemeIds() {
        return PasswordSchemes.STRONG_IDS;
    }

    /** The outcome of the parsing steps: either a failure with its reason, or a parsed hash. */
    private record Classified(String scheme, Outcome failure, String reason, StoredHash hash, boolean saltMissing) {
        Classified(String scheme, Outcome failure, String reason, StoredHash hash) {
            this(scheme, failure, reason, hash, false);
        }

        static Classified failed(String scheme, Outcome failure, String reason) {
            return new Classified(scheme, failure, reason, null);
        }
    }
}
