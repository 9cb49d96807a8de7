package dev.legacybridge.keycloak.timing;

import dev.legacybridge.hash.LegacyPasswordVerifier;
import dev.legacybridge.hash.StoredPassword;
import dev.legacybridge.store.PasswordRow;
import dev.legacybridge.store.LegacyUserRepository;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * What a failed login must cost so that it tells nothing about the account: as long as verifying the costliest hash
 * of the legacy table takes. One per component, living as long as its connection pool.
 *
 * <p>Real tables mix costs: Django raised its PBKDF2 default in almost every release (10,000 to 1,000,000
 * iterations), and bcrypt, argon2 and scrypt rows sit beside them, so a wrong password on a cheap row answers faster
 * than one on a costly row, and both differ from an unknown username. Here every stored value belongs to a cost
 * class ({@link LegacyPasswordVerifier#costClass}: scheme plus cost parameters, never salt or digest), each class
 * keeps a moving average of how long its verifications take, and the floor is the largest average:
 * <ul>
 *   <li>an unknown username verifies a random password against a value of the costliest class;</li>
 *   <li>a wrong password, or a row that cannot be verified, waits after its own verification until the floor has
 *       passed;</li>
 *   <li>a successful login never waits.</li>
 * </ul>
 * The classes come from a survey of the whole table (keyset pages of ids and hashes, in the background when the pool
 * opens and every few hours) that times one verification per class, and from every verification that logins make.
 */
public final class FailureFloor {

    private static final Logger LOG = Logger.getLogger(FailureFloor.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int SURVEY_PAGE = 5000;

    private final LegacyPasswordVerifier verifier;
    private final Map<String, AtomicLong> averageNanos = new ConcurrentHashMap<>();
    private final Map<String, StoredPassword> representatives = new ConcurrentHashMap<>();

    public FailureFloor(LegacyPasswordVerifier verifier) {
        this.verifier = verifier;
    }

    /**
     * Records how long verifying {@code stored} took (any outcome); values no login can verify are ignored. A value
     * with its salt, because Firebase scrypt and salt-column recipes cost nothing without one.
     */
    public void record(StoredPassword stored, long nanos) {
        verifier.costClass(stored).ifPresent(costClass -> {
            representatives.putIfAbsent(costClass, stored);
            averageNanos.computeIfAbsent(costClass, c -> new AtomicLong(nanos))
                    .updateAndGet(previous -> previous + (nanos - previous) / 5);
        });
    }

    /** How long a failed login must take, in nanoseconds; 0 until something was measured. */
    public long floorNanos() {
        return averageNanos.values().stream().mapToLong(AtomicLong::get).max().orElse(0);
    }

    /** A stored value (with its salt) of the costliest class measured so far, or null. */
    public StoredPassword costliest() {
        StoredPassword costliest = null;
        long max = -1;
        for (Map.Entry<String, AtomicLong> entry : averageNanos.entrySet()) {
            if (entry.getValue().get() > max) {
                max = entry.getValue().get();
                costliest = representatives.get(entry.getKey());
            }
        }
        return costliest;
    }

    /** Verifies a random password against {@code stored} and records the time: the cost of an unknown username. */
    public void verifyDecoy(StoredPassword stored) {
        byte[] random = new byte[12];
        RANDOM.nextBytes(random);
        long start = System.nanoTime();
        verifier.verify(Base64.getEncoder().encodeToString(random), stored);
        record(stored, System.nanoTime() - start);
    }

    /**
     * Reads every stored value of the table once, keeps one value per cost class and times one verification of each
     * class not measured yet. Runs in the background; a failure (database down) is logged and retried later.
     */
    public void survey(LegacyUserRepository repository, String componentName) {
        long start = System.nanoTime();
        Map<String, StoredPassword> found = new LinkedHashMap<>();
        String after = null;
        long rows = 0;
        while (true) {
            List<PasswordRow> page = repository.lookups().passwordsAfter(after, SURVEY_PAGE);
            for (PasswordRow row : page) {
                if (row.hash() != null && !row.hash().isEmpty()) {
                    StoredPassword stored = new StoredPassword(row.hash(), row.salt());
                    verifier.costClass(stored).ifPresent(c -> found.putIfAbsent(c, stored));
                }
            }
            rows += page.size();
            if (page.size() < SURVEY_PAGE) {
                break;
            }
            after = page.get(page.size() - 1).id();
        }
        for (Map.Entry<String, StoredPassword> entry : found.entrySet()) {
            if (!averageNanos.containsKey(entry.getKey())) {
                verifyDecoy(entry.getValue());
            }
        }
        LOG.infof("Legacy user storage [%s]: %d rows, %d cost classes; failed logins now take at least %d ms "
                + "(survey took %d ms)", componentName, rows, found.size(), floorNanos() / 1_000_000,
                (System.nanoTime() - start) / 1_000_000);
    }
}
