package dev.legacybridge.it;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Waiting on a condition instead of sleeping a fixed time. */
final class Poll {

    private Poll() {
    }

    /**
     * Calls {@code action} every {@code interval} until its result satisfies {@code done}, and returns that result;
     * after {@code timeout} returns the last result (for the caller's assertion to report).
     */
    static <T> T until(Duration timeout, Duration interval, Supplier<T> action, Predicate<T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T result = action.get();
        while (!done.test(result) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(interval.toNanos());
            result = action.get();
        }
        return result;
    }
}
