package dev.legacybridge.perf;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SamplesTest {

    @Test
    void pWhenSortedSamplesThenNearestRank() {
        Samples s = new Samples(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10});

        assertThat(s.p(50)).isEqualTo(5);
        assertThat(s.p(90)).isEqualTo(9);
        assertThat(s.p(99)).isEqualTo(10);
        assertThat(s.max()).isEqualTo(10);
    }

    @Test
    void measureWhenMaxSamplesReachedThenStopsAfterWarmup() {
        AtomicInteger calls = new AtomicInteger();
        Samples s = Samples.measure(3, 1, 20, Duration.ofMinutes(1), i -> calls.incrementAndGet());

        assertThat(s.count()).isEqualTo(20);
        assertThat(calls).hasValue(23);
    }

    @Test
    void measureWhenTimeIsUpThenStillTakesTheMinimum() {
        Samples s = Samples.measure(0, 5, 1000, Duration.ZERO, i -> { });

        assertThat(s.count()).isEqualTo(5);
    }
}
