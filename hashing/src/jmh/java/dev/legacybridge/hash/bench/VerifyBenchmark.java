package dev.legacybridge.hash.bench;

import dev.legacybridge.hash.HashPolicy;
import dev.legacybridge.hash.LegacyPasswordVerifier;
import dev.legacybridge.hash.Outcome;
import dev.legacybridge.hash.SchemeParameters;
import dev.legacybridge.hash.StoredPassword;
import dev.legacybridge.hash.VerificationResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Single-threaded {@link LegacyPasswordVerifier#verify(String, StoredPassword)} of a matching password, per scheme, at
 * the costs real applications write (with the configuration and salt of configured formats such as Firebase scrypt). Sampled so that the median can be compared with the native reference's median.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Threads(1)
public class VerifyBenchmark {

    @Param({"bcrypt-12", "bcrypt-10", "django-pbkdf2-sha256-1000000", "django-pbkdf2-sha256-600000",
        "django-pbkdf2-sha1-260000", "passlib-pbkdf2-sha512-25000", "django-scrypt-16384", "werkzeug-scrypt-32768",
        "django-argon2-p8", "argon2-p1", "sha512-crypt-656000", "phpass-wordpress-13", "drupal7-15",
        "aspnet-identity-v3-100000", "firebase-scrypt-14-8", "yescrypt-j9T"})
    public String id;

    private LegacyPasswordVerifier verifier;
    private BenchCase benchCase;
    private StoredPassword stored;

    @Setup
    public void setUp() {
        benchCase = BenchCase.load(id);
        SchemeParameters.Parsed params = SchemeParameters.parse(benchCase.params(), benchCase.hash());
        verifier = new LegacyPasswordVerifier(HashPolicy.allowingAll(), params.configuration());
        stored = new StoredPassword(benchCase.hash(), params.salt());
        VerificationResult result = verifier.verify(benchCase.password(), stored);
        if (result.outcome() != Outcome.MATCH) {
            throw new IllegalStateException(id + " does not verify: " + result);
        }
    }

    @Benchmark
    public VerificationResult verify() {
        return verifier.verify(benchCase.password(), stored);
    }
}
