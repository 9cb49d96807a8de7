package dev.legacybridge.hash;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Counts stored password values by scheme and by what a login and bulk migration make of them, without a password
 * and without hashing ({@link LegacyPasswordVerifier#inspect}). The one implementation of the audit's hash
 * classification: {@code legacy-hash audit} and the provider's migration page in the admin console both count with it,
 * so their numbers agree for the same table and policy.
 *
 * <p>Example, under a policy that allows bcrypt and Django's PBKDF2 but not unsalted MD5:
 * <pre>
 * HashCensus census = new HashCensus(verifier);
 * census.add("$2b$12$...");          // bcrypt, USABLE
 * census.add("pbkdf2_sha256$...");   // django_pbkdf2_sha256, USABLE
 * census.add("md5$$...");            // django_unsalted_md5 (weak), NOT_ALLOWED
 * census.add("!xyz");                // django_unusable, UNUSABLE
 * census.add((String) null);         // empty, NO_PASSWORD
 * census.count(Status.NOT_ALLOWED)   // 1
 * </pre>
 *
 * <p>Holds counts only, never a stored value. Not thread-safe: one census per reader.
 */
public final class HashCensus {

    /** What a row's stored password is, as bulk migration sees it. */
    public enum Status {
        /** A login can succeed; bulk migration imports the hash. */
        USABLE("usable", "usable"),
        /** Django's {@code !} unusable password; imported without a password. */
        UNUSABLE("unusable", "unusable"),
        /** NULL or empty; imported without a password. */
        NO_PASSWORD("noPassword", "no password"),
        /** Not imported. */
        MALFORMED("malformed", "malformed"),
        /** Not imported. */
        UNSUPPORTED("unsupported", "unsupported"),
        /** A scheme outside the policy or a cost above a cap; not imported. */
        NOT_ALLOWED("notAllowed", "not allowed");

        private final String jsonName;
        private final String label;

        Status(String jsonName, String label) {
            this.jsonName = jsonName;
            this.label = label;
        }

        /** The name in JSON reports ({@code legacy-hash-audit/1}, the admin console's migration page). */
        public String jsonName() {
            return jsonName;
        }

        /** The words for people. */
        public String label() {
            return label;
        }

        static Status of(HashInspection.Status status) {
            return switch (status) {
                case USABLE -> USABLE;
                case UNUSABLE -> UNUSABLE;
                case MALFORMED -> MALFORMED;
                case UNSUPPORTED -> UNSUPPORTED;
                case NOT_ALLOWED -> NOT_ALLOWED;
            };
        }
    }

    /**
     * One stored value, classified.
     *
     * @param scheme             the scheme id ({@link SchemeIds#EMPTY} for no password)
     * @param reason             the verifier's reason: names schemes and fields, never any part of the value
     * @param upgradeRecommended a usable value a login would rehash (weak, or below the upgrade target)
     */
    public record Classification(Status status, String scheme, String reason, boolean upgradeRecommended) {
    }

    /** Rows of one scheme, by status. */
    public record SchemeCount(String scheme, boolean weak, long rows, Map<Status, Long> byStatus) {
        public SchemeCount {
            byStatus = Collections.unmodifiableMap(new EnumMap<>(byStatus));
        }

        public long count(Status status) {
            return byStatus.getOrDefault(status, 0L);
        }
    }

    private static final Map<String, Boolean> WEAK = LegacyPasswordVerifier.schemes().stream()
            .collect(Collectors.toUnmodifiableMap(SchemeInfo::id, SchemeInfo::weak));

    private final LegacyPasswordVerifier verifier;
    private final Map<String, long[]> bySchemeAndStatus = new TreeMap<>();
    private final long[] byStatus = new long[Status.values().length];
    private long rows;
    private long upgradeRecommended;

    public HashCensus(LegacyPasswordVerifier verifier) {
        this.verifier = verifier;
    }

    /** How {@code verifier} sees {@code stored} (null or empty: no password). */
    public static Classification classify(LegacyPasswordVerifier verifier, String stored) {
        return classify(verifier, StoredPassword.of(stored));
    }

    /** As {@link #classify(LegacyPasswordVerifier, String)}, for a row with a separate salt column. */
    public static Classification classify(LegacyPasswordVerifier verifier, StoredPassword stored) {
        if (stored.value() == null || stored.value().isEmpty()) {
            return new Classification(Status.NO_PASSWORD, SchemeIds.EMPTY, "no password stored", false);
        }
        HashInspection inspection = verifier.inspect(stored);
        Status status = Status.of(inspection.status());
        return new Classification(status, inspection.scheme(), inspection.reason(),
                status == Status.USABLE && inspection.upgradeRecommended());
    }

    /** Whether a scheme id is one of the weak ones (unsalted or fast digests); false for unknown ids. */
    public static boolean weak(String scheme) {
        return WEAK.getOrDefault(scheme, false);
    }

    /** Counts one stored value and returns its classification (for the caller's examples). */
    public Classification add(String stored) {
        return add(StoredPassword.of(stored));
    }

    /** As {@link #add(String)}, for a row with a separate salt column. */
    public Classification add(StoredPassword stored) {
        Classification c = classify(verifier, stored);
        rows++;
        byStatus[c.status().ordinal()]++;
        bySchemeAndStatus.computeIfAbsent(c.scheme(), s -> new long[Status.values().length])[c.status().ordinal()]++;
        if (c.upgradeRecommended()) {
            upgradeRecommended++;
        }
        return c;
    }

    public long rows() {
        return rows;
    }

    public long count(Status status) {
        return byStatus[status.ordinal()];
    }

    /** Usable values a login would rehash. */
    public long upgradeRecommended() {
        return upgradeRecommended;
    }

    /** Per scheme id, sorted by id. */
    public Map<String, SchemeCount> schemes() {
        Map<String, SchemeCount> out = new TreeMap<>();
        bySchemeAndStatus.forEach((scheme, counts) -> {
            Map<Status, Long> statuses = new EnumMap<>(Status.class);
            long total = 0;
            for (Status status : Status.values()) {
                statuses.put(status, counts[status.ordinal()]);
                total += counts[status.ordinal()];
            }
            out.put(scheme, new SchemeCount(scheme, weak(scheme), total, statuses));
        });
        return Collections.unmodifiableMap(out);
    }
}
