package dev.legacybridge.keycloak.admin.ui;

import dev.legacybridge.hash.HashCensus;
import dev.legacybridge.hash.LegacyPasswordVerifier;
import dev.legacybridge.store.LegacyUser;
import dev.legacybridge.store.LegacyUserRepository;
import dev.legacybridge.store.ProfileRequirements;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * The migration page's audit of a legacy table: every row read once in primary-key order (keyset paging, constant
 * memory on a table of any size), its hash counted by {@link HashCensus} and its profile checked with
 * {@link ProfileRequirements}, the same classification as {@code legacy-hash audit}. Counts only: no row, hash or
 * legacy id is kept.
 */
final class TableAudit {

    /** Rows per query: large enough that round trips do not dominate, small enough to keep a page in memory. */
    static final int PAGE_SIZE = 2000;

    private TableAudit() {
    }

    /**
     * One scheme's rows by status, as the page shows them.
     *
     * @param weak whether the scheme is one of the weak ones (unsalted or fast digests)
     */
    record SchemeRow(String scheme, boolean weak, long rows, long usable, long unusable, long noPassword,
                     long malformed, long unsupported, long notAllowed) {
    }

    /**
     * @param statuses     rows per status, by the JSON names of {@link HashCensus.Status}
     * @param profileStops rows whose user the realm's user profile would stop once migrated
     */
    record Result(long rows, Map<String, Long> statuses, long upgradeRecommended, List<SchemeRow> schemes,
                  long profileStops) {
    }

    /**
     * @param progress told the number of rows read so far after each page
     * @throws dev.legacybridge.store.LegacyStoreException when the database fails
     */
    static Result run(LegacyUserRepository repository, LegacyPasswordVerifier verifier, ProfileRequirements profile,
                      LongConsumer progress) {
        HashCensus census = new HashCensus(verifier);
        long profileStops = 0;
        String cursor = null;
        while (true) {
            List<LegacyUser> page = repository.lookups().pageAfter(cursor, PAGE_SIZE);
            for (LegacyUser row : page) {
                census.add(new dev.legacybridge.hash.StoredPassword(row.passwordHash(), row.passwordSalt()));
                if (profile.stops(repository.schema(), row)) {
                    profileStops++;
                }
            }
            progress.accept(census.rows());
            if (page.size() < PAGE_SIZE) {
                break;
            }
            cursor = page.get(page.size() - 1).id();
        }
        Map<String, Long> statuses = new LinkedHashMap<>();
        for (HashCensus.Status status : HashCensus.Status.values()) {
            statuses.put(status.jsonName(), census.count(status));
        }
        List<SchemeRow> schemes = new ArrayList<>();
        census.schemes().values().forEach(s -> schemes.add(new SchemeRow(s.scheme(), s.weak(), s.rows(),
                s.count(HashCensus.Status.USABLE), s.count(HashCensus.Status.UNUSABLE),
                s.count(HashCensus.Status.NO_PASSWORD), s.count(HashCensus.Status.MALFORMED),
                s.count(HashCensus.Status.UNSUPPORTED), s.count(HashCensus.Status.NOT_ALLOWED))));
        return new Result(census.rows(), statuses, census.upgradeRecommended(), List.copyOf(schemes), profileStops);
    }
}
