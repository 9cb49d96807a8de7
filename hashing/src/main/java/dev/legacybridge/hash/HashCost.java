package dev.legacybridge.hash;

import java.util.Optional;

/**
 * The cost parameters of a parsed stored value, as far as {@link CostLimits} and upgrade decisions care about them.
 * Each record's {@link #refusal(CostLimits)} is pure arithmetic on parsed numbers, so an absurd value such as
 * {@code pbkdf2_sha256$2147483647$...} is refused in microseconds, before any hashing.
 */
public sealed interface HashCost {

    /**
     * Why these parameters exceed {@code limits}, or empty if they do not. The reason names the parameter and the
     * numbers only.
     */
    Optional<String> refusal(CostLimits limits);

    /**
     * Whether a value of the target's own scheme at this cost is weaker than {@code target} asks for, so that a
     * matching login should re-encode it. Only meaningful when the stored scheme is the target's scheme.
     */
    boolean below(EncodingTarget target);

    /** Unsalted, salted-digest and unusable formats: nothing to cap, nothing to compare. */
    record Fixed() implements HashCost {
        @Override
        public Optional<String> refusal(CostLimits limits) {
            return Optional.empty();
        }

        @Override
        public boolean below(EncodingTarget target) {
            return false;
        }
    }

    /** PBKDF2 of any flavour (Django, passlib, Werkzeug): the iteration count. */
    record Pbkdf2(int iterations) implements HashCost {
        @Override
        public Optional<String> refusal(CostLimits limits) {
            return iterations > limits.maxPbkdf2Iterations()
                    ? Optional.of("pbkdf2 iterations " + iterations + " above the limit " + limits.maxPbkdf2Iterations())
                    : Optional.empty();
        }

        @Override
        public boolean below(EncodingTarget target) {
            return iterations < target.cost();
        }
    }

    /** bcrypt, raw or wrapped: log2 of the number of rounds. */
    record Bcrypt(int logRounds) implements HashCost {
        @Override
        public Optional<String> refusal(CostLimits limits) {
            return logRounds > limits.maxBcryptCost()
                    ? Optional.of("bcrypt cost " + logRounds + " above the limit " + limits.maxBcryptCost())
                    : Optional.empty();
        }

        @Override
        public boolean below(EncodingTarget target) {
            return logRounds < target.cost();
        }
    }

    /**
     * argon2: memory {@code m} in KiB, passes {@code t}, lanes {@code p}, and the variant and version, because an
     * upgrade target always writes argon2id version 0x13.
     */
    record Argon2(int memoryKib, int iterations, int parallelism, boolean argon2id, int version) implements HashCost {
        @Override
        public Optional<String> refusal(CostLimits limits) {
            if (memoryKib > limits.maxArgon2MemoryKib()) {
                return Optional.of("argon2 memory " + memoryKib + " KiB above the limit " + limits.maxArgon2MemoryKib());
            }
            if (iterations > limits.maxArgon2Iterations()) {
                return Optional.of("argon2 iterations " + iterations + " above the limit " + limits.maxArgon2Iterations());
            }
            if (parallelism > limits.maxArgon2Parallelism()) {
                return Optional.of("argon2 parallelism " + parallelism + " above the limit "
                        + limits.maxArgon2Parallelism());
            }
            return Optional.empty();
        }

        @Override
        public boolean below(EncodingTarget target) {
            return iterations < target.cost() || memoryKib < target.memoryKib() || parallelism < target.parallelism()
                    || !argon2id || version != 0x13;
        }
    }

    /** scrypt: {@code N}, {@code r} and {@code p}; memory is about {@code 128 * N * r} bytes. */
    record Scrypt(int n, int r, int p) implements HashCost {
        @Override
        public Optional<String> refusal(CostLimits limits) {
            long nrp = (long) n * r * p;
            return nrp > limits.maxScryptNrp()
                    ? Optional.of("scrypt N*r*p " + nrp + " above the limit " + limits.maxScryptNrp())
                    : Optional.empty();
        }

        @Override
        public boolean below(EncodingTarget target) {
            return false;
        }
    }

    /** SHA-crypt: the {@code rounds=} value (5000 when omitted). */
    record ShaCrypt(int rounds) implements HashCost {
        @Override
        public Optional<String> refusal(CostLimits limits) {
            return rounds > limits.maxShaCryptRounds()
                    ? Optional.of("sha-crypt rounds " + rounds + " above the limit " + limits.maxShaCryptRounds())
                    : Optional.empty();
        }

        @Override
        public boolean below(EncodingTarget target) {
            return false;
        }
    }

    /** phpass {@code $P$}/{@code $H$} and Drupal's {@code U$P$}/{@code U$H$}: log2 of the MD5 rounds. */
    record Phpass(int logRounds) implements HashCost {
        @Override
        public Optional<String> refusal(CostLimits limits) {
            return logRounds > limits.maxPhpassCost()
                    ? Optional.of("phpass cost 2^" + logRounds + " above the limit 2^" + limits.maxPhpassCost())
                    : Optional.empty();
        }

        @Override
        public boolean below(EncodingTarget target) {
            return logRounds < target.cost();
        }
    }

    /** Drupal 7 {@code $S$} and {@code U$S$}: log2 of the SHA-512 rounds. */
    record Drupal7(int logRounds) implements HashCost {
        @Override
        public Optional<String> refusal(CostLimits limits) {
            return logRounds > limits.maxDrupal7Cost()
                    ? Optional.of("drupal7 cost 2^" + logRounds + " above the limit 2^" + limits.maxDrupal7Cost())
                    : Optional.empty();
        }

        @Override
        public boolean below(EncodingTarget target) {
            return logRounds < target.cost();
        }
    }

    /**
     * yescrypt: {@code N}, {@code r}, {@code p} and {@code t}. Its memory is about {@code 128 * N * r * p} bytes, as for
     * scrypt, and {@code t} adds passes, so {@code N * r * p * max(1, t)} is compared with the scrypt cap.
     */
    record Yescrypt(long n, int r, int p, int t) implements HashCost {
        @Override
        public Optional<String> refusal(CostLimits limits) {
            double work = (double) n * r * p * Math.max(1, t);
            return work > limits.maxScryptNrp()
                    ? Optional.of("yescrypt N*r*p*max(1,t) " + (long) Math.min(work, Long.MAX_VALUE)
                            + " above the scrypt limit " + limits.maxScryptNrp())
                    : Optional.empty();
        }

        @Override
        public boolean below(EncodingTarget target) {
            return false;
        }
    }

    /**
     * A plain digest applied {@code iterations} times (Spring's {@code {sha256}} and message-digest encoders, digest
     * recipes). One iteration costs about one hash-block compression, half a PBKDF2 iteration, so the PBKDF2 cap
     * bounds it.
     */
    record IteratedDigest(int iterations) implements HashCost {
        @Override
        public Optional<String> refusal(CostLimits limits) {
            return iterations > limits.maxPbkdf2Iterations()
                    ? Optional.of("digest iterations " + iterations + " above the limit " + limits.maxPbkdf2Iterations())
                    : Optional.empty();
        }

        @Override
        public boolean below(EncodingTarget target) {
            return false;
        }
    }
}
