package dev.legacybridge.hash.bench;

import dev.legacybridge.hash.HashPolicy;
import dev.legacybridge.hash.LegacyPasswordVerifier;
import dev.legacybridge.hash.VerificationResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Throughput of cost-10 bcrypt verifications with one and with two threads sharing one verifier: the verifier holds
 * no locks or shared mutable state, so two threads on two cores should do close to twice the work.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class BcryptThreadsBenchmark {

    private final LegacyPasswordVerifier verifier = new LegacyPasswordVerifier(HashPolicy.allowingAll());
    private final BenchCase benchCase = BenchCase.load("bcrypt-10");

    @Benchmark
    @Threads(1)
    public VerificationResult oneThread() {
        return verifier.verify(benchCase.password(), benchCase.hash());
    }

    @Benchmark
    @Threads(2)
    public VerificationResult twoThreads() {
        return verifier.verify(benchCase.password(), benchCase.hash());
    }
}
