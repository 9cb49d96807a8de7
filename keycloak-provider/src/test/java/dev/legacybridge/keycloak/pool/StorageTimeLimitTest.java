package dev.legacybridge.keycloak.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.legacybridge.store.QueryObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Keycloak's storage time limit interrupts the request thread; after a legacy statement the flag must be gone. */
class StorageTimeLimitTest {

    @AfterEach
    void clearFlag() {
        Thread.interrupted();
    }

    @Test
    void completedWhenWatchdogInterruptedDuringTheStatementThenFlagClearedAndMetricsStillTold() throws Exception {
        List<String> told = new ArrayList<>();
        QueryObserver observer = StorageTimeLimit.clearingInterrupts("c1", (op, nanos, failed) -> told.add(op + failed));
        Thread request = Thread.currentThread();
        Thread watchdog = new Thread(request::interrupt);   // as ServicesUtils.timeWarningRunnable does at the limit
        watchdog.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (watchdog.isAlive() && System.nanoTime() < deadline) {
            Thread.onSpinWait();   // not join() or await(): they would consume the interrupt this test is about
        }
        assertThat(Thread.currentThread().isInterrupted()).as("the statement ended with the flag set").isTrue();

        observer.completed("find user by username", 3_200_000_000L, true);

        assertThat(Thread.currentThread().isInterrupted()).as("cleared before any write to Keycloak's store").isFalse();
        assertThat(told).containsExactly("find user by usernametrue");
    }

    @Test
    void completedWhenNotInterruptedThenNothingChanges() {
        List<String> told = new ArrayList<>();
        QueryObserver observer = StorageTimeLimit.clearingInterrupts("c1", (op, nanos, failed) -> told.add(op));

        observer.completed("page users", 1_000_000L, false);

        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        assertThat(told).containsExactly("page users");
    }

    @Test
    void completedWhenMetricsObserverThrowsThenFlagStillCleared() {
        QueryObserver observer = StorageTimeLimit.clearingInterrupts("c1", (op, nanos, failed) -> {
            throw new IllegalStateException("broken registry");
        });
        Thread.currentThread().interrupt();

        try {
            observer.completed("find user by id", 1L, false);
        } catch (IllegalStateException expected) {
            // the observer's own failure still propagates
        }

        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }
}
