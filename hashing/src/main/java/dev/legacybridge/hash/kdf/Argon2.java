package dev.legacybridge.hash.kdf;

import org.bouncycastle.crypto.digests.Blake2bDigest;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Argon2 (RFC 9106), versions 0x10 and 0x13, variants d, i and id, with the lanes of each slice computed in parallel.
 *
 * <p>Why not BouncyCastle's {@code Argon2BytesGenerator}: it fills the {@code p} lanes one after the other, while the
 * reference implementation (libargon2, used by argon2-cffi and so by Django) runs one thread per lane. With Django's
 * {@code p=8} that made BouncyCastle 1.8-2.7x slower than argon2-cffi on the project's two cores. The algorithm allows
 * the lanes of one slice to be filled concurrently (a lane only reads other lanes' blocks from finished slices), so
 * this implementation does exactly that, synchronising at the four slice boundaries of each pass, as the reference
 * does. BouncyCastle's {@link Blake2bDigest} is still used for H0 and the variable-length hash H'; the block function
 * works on {@code long[]} with no allocation per block. Tests compare it with BouncyCastle on random parameters.
 *
 * <p>Work sharing never blocks progress: the calling thread takes lanes itself, and helper threads (at most
 * {@code availableProcessors - 1}, daemon, shared by all callers) only pick up lanes nobody has started yet. When all
 * cores are busy with other logins the caller simply does all lanes itself, so parallelism improves latency on an idle
 * server and costs nothing on a busy one.
 *
 * <p>Internal to the hashing module.
 */
public final class Argon2 {

    /** The three variants, with the names and type numbers used in PHC strings and H0. */
    public enum Type {
        ARGON2D("argon2d", 0),
        ARGON2I("argon2i", 1),
        ARGON2ID("argon2id", 2);

        private final String phcName;
        private final int id;

        Type(String phcName, int id) {
            this.phcName = phcName;
            this.id = id;
        }

        public String phcName() {
            return phcName;
        }

        public int id() {
            return id;
        }
    }

    public static final int VERSION_10 = 0x10;
    public static final int VERSION_13 = 0x13;

    private static final int SYNC_POINTS = 4;
    private static final int BLOCK_LONGS = 128;
    private static final int ADDRESSES_IN_BLOCK = 128;

    private Argon2() {
    }

    /**
     * Computes the tag. Parameters must already be valid (the PHC parser checks them): {@code t >= 1},
     * {@code 1 <= p <= 2^24-1}, {@code m >= 8 p}, version 0x10 or 0x13, output of at least 4 bytes.
     */
    public static byte[] hash(Type type, int version, byte[] password, byte[] salt, int iterations, int memoryKib,
                              int parallelism, int outLength) {
        if (iterations < 1 || parallelism < 1 || (long) memoryKib < 8L * parallelism || outLength < 4
                || version != VERSION_10 && version != VERSION_13) {
            throw new IllegalArgumentException("invalid argon2 parameters");
        }
        int segmentLength = memoryKib / (SYNC_POINTS * parallelism);
        int laneLength = segmentLength * SYNC_POINTS;
        if ((long) laneLength * BLOCK_LONGS > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("argon2 lane too large");
        }
        Instance in = new Instance(type, version, iterations, parallelism, segmentLength, laneLength);

        byte[] h0 = initialHash(type, version, password, salt, iterations, memoryKib, parallelism, outLength);
        byte[] seed = new byte[72];
        System.arraycopy(h0, 0, seed, 0, 64);
        byte[] blockBytes = new byte[1024];
        for (int lane = 0; lane < parallelism; lane++) {
            intToLe(lane, seed, 68);
            for (int b = 0; b < 2; b++) {
                intToLe(b, seed, 64);
                variableHash(seed, blockBytes, 1024);
                long[] mem = in.memory[lane];
                for (int i = 0; i < BLOCK_LONGS; i++) {
                    mem[b * BLOCK_LONGS + i] = leToLong(blockBytes, i * 8);
                }
            }
        }

        for (int pass = 0; pass < iterations; pass++) {
            for (int slice = 0; slice < SYNC_POINTS; slice++) {
                in.fillSlice(pass, slice);
            }
        }

        long[] last = new long[BLOCK_LONGS];
        for (int lane = 0; lane < parallelism; lane++) {
            long[] mem = in.memory[lane];
            int off = (laneLength - 1) * BLOCK_LONGS;
            for (int i = 0; i < BLOCK_LONGS; i++) {
                last[i] ^= mem[off + i];
            }
        }
        for (int i = 0; i < BLOCK_LONGS; i++) {
            longToLe(last[i], blockBytes, i * 8);
        }
        byte[] out = new byte[outLength];
        variableHash(blockBytes, out, outLength);
        java.util.Arrays.fill(h0, (byte) 0);
        java.util.Arrays.fill(seed, (byte) 0);
        java.util.Arrays.fill(blockBytes, (byte) 0);
        return out;
    }

    /** H0 = BLAKE2b-512 of the parameters, password and salt (no secret key, no associated data). */
    private static byte[] initialHash(Type type, int version, byte[] password, byte[] salt, int t, int m, int p,
                                      int outLength) {
        Blake2bDigest d = new Blake2bDigest(512);
        byte[] le = new byte[4];
        for (int v : new int[] {p, outLength, m, t, version, type.id(), password.length}) {
            intToLe(v, le, 0);
            d.update(le, 0, 4);
        }
        d.update(password, 0, password.length);
        intToLe(salt.length, le, 0);
        d.update(le, 0, 4);
        d.update(salt, 0, salt.length);
        intToLe(0, le, 0);
        d.update(le, 0, 4); // secret key length
        d.update(le, 0, 4); // associated data length
        byte[] h0 = new byte[64];
        d.doFinal(h0, 0);
        return h0;
    }

    /** H', the variable-length hash of RFC 9106 section 3.3. */
    private static void variableHash(byte[] input, byte[] out, int outLength) {
        byte[] len = new byte[4];
        intToLe(outLength, len, 0);
        if (outLength <= 64) {
            Blake2bDigest d = new Blake2bDigest(outLength * 8);
            d.update(len, 0, 4);
            d.update(input, 0, input.length);
            d.doFinal(out, 0);
            return;
        }
        Blake2bDigest d = new Blake2bDigest(512);
        byte[] v = new byte[64];
        d.update(len, 0, 4);
        d.update(input, 0, input.length);
        d.doFinal(v, 0);
        System.arraycopy(v, 0, out, 0, 32);
        int pos = 32;
        int r = (outLength + 31) / 32 - 2;
        for (int i = 2; i <= r; i++) {
            d.reset();
            d.update(v, 0, 64);
            d.doFinal(v, 0);
            System.arraycopy(v, 0, out, pos, 32);
            pos += 32;
        }
        Blake2bDigest lastDigest = new Blake2bDigest((outLength - pos) * 8);
        lastDigest.update(v, 0, 64);
        byte[] tail = new byte[outLength - pos];
        lastDigest.doFinal(tail, 0);
        System.arraycopy(tail, 0, out, pos, tail.length);
    }

    /** The memory and parameters of one computation. */
    private static final class Instance {
        final Type type;
        final int version;
        final int passes;
        final int lanes;
        final int segmentLength;
        final int laneLength;
        final long[][] memory;

        Instance(Type type, int version, int passes, int lanes, int segmentLength, int laneLength) {
            this.type = type;
            this.version = version;
            this.passes = passes;
            this.lanes = lanes;
            this.segmentLength = segmentLength;
            this.laneLength = laneLength;
            this.memory = new long[lanes][laneLength * BLOCK_LONGS];
        }

        /** Fills segment {@code slice} of every lane, in parallel where helpers are free; returns when all are done. */
        void fillSlice(int pass, int slice) {
            int helpers = Math.min(lanes, Helpers.THREADS + 1) - 1;
            if (helpers == 0) {
                Scratch scratch = new Scratch();
                for (int lane = 0; lane < lanes; lane++) {
                    fillSegment(pass, lane, slice, scratch);
                }
                return;
            }
            SliceWork work = new SliceWork(this, pass, slice);
            for (int i = 0; i < helpers; i++) {
                Helpers.POOL.execute(work); // unbounded queue: never rejects; a late helper finds no lane and ends
            }
            work.run();
            awaitUninterruptibly(work.done);
            work.instance = null; // a helper task still queued must not keep this memory reachable
            Throwable t = work.failure.get();
            if (t instanceof RuntimeException re) {
                throw re;
            }
            if (t instanceof Error err) {
                throw err;
            }
        }

        private void fillSegment(int pass, int lane, int slice, Scratch s) {
            boolean independent = type == Type.ARGON2I
                    || type == Type.ARGON2ID && pass == 0 && slice < SYNC_POINTS / 2;
            long[] address = s.address;
            long[] input = s.input;
            if (independent) {
                java.util.Arrays.fill(input, 0);
                input[0] = pass;
                input[1] = lane;
                input[2] = slice;
                input[3] = (long) laneLength * lanes;
                input[4] = passes;
                input[5] = type.id();
            }
            int start = 0;
            if (pass == 0 && slice == 0) {
                start = 2;
                if (independent) {
                    nextAddresses(s);
                }
            }
            long[] mem = memory[lane];
            int curIndex = slice * segmentLength + start; // index within the lane
            int prevIndex = curIndex == 0 ? laneLength - 1 : curIndex - 1;
            for (int i = start; i < segmentLength; i++, curIndex++, prevIndex++) {
                if (curIndex == 1) {
                    prevIndex = 0;
                }
                long pseudoRand;
                if (independent) {
                    if (i % ADDRESSES_IN_BLOCK == 0) {
                        nextAddresses(s);
                    }
                    pseudoRand = address[i % ADDRESSES_IN_BLOCK];
                } else {
                    pseudoRand = mem[prevIndex * BLOCK_LONGS];
                }
                int refLane = (int) ((pseudoRand >>> 32) % lanes);
                if (pass == 0 && slice == 0) {
                    refLane = lane;
                }
                int refIndex = indexAlpha(pass, slice, i, pseudoRand & 0xFFFFFFFFL, refLane == lane);
                boolean withXor = version != VERSION_10 && pass != 0;
                fillBlock(mem, prevIndex * BLOCK_LONGS, memory[refLane], refIndex * BLOCK_LONGS, mem,
                        curIndex * BLOCK_LONGS, withXor, s.r, s.tmp);
            }
        }

        private int indexAlpha(int pass, int slice, int index, long pseudoRand, boolean sameLane) {
            long areaSize;
            if (pass == 0) {
                if (slice == 0) {
                    areaSize = index - 1;
                } else if (sameLane) {
                    areaSize = (long) slice * segmentLength + index - 1;
                } else {
                    areaSize = (long) slice * segmentLength + (index == 0 ? -1 : 0);
                }
            } else if (sameLane) {
                areaSize = laneLength - segmentLength + index - 1;
            } else {
                areaSize = laneLength - segmentLength + (index == 0 ? -1 : 0);
            }
            long relative = pseudoRand * pseudoRand >>> 32;
            relative = areaSize - 1 - (areaSize * relative >>> 32);
            long startPosition = 0;
            if (pass != 0) {
                startPosition = slice == SYNC_POINTS - 1 ? 0 : (long) (slice + 1) * segmentLength;
            }
            return (int) ((startPosition + relative) % laneLength);
        }

        private static void nextAddresses(Scratch s) {
            s.input[6]++;
            // address = G(zero, G(zero, input))
            fillBlock(s.zero, 0, s.input, 0, s.address, 0, false, s.r, s.tmp);
            fillBlock(s.zero, 0, s.address, 0, s.address, 0, false, s.r, s.tmp);
        }
    }

    /**
     * The lanes of one slice, shared by the caller and the helpers: each takes the next lane nobody has started.
     * Holds the instance only while the slice is in progress.
     */
    private static final class SliceWork implements Runnable {
        private final AtomicInteger next = new AtomicInteger();
        private final CountDownLatch done;
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final int pass;
        private final int slice;
        private volatile Instance instance;

        SliceWork(Instance instance, int pass, int slice) {
            this.instance = instance;
            this.pass = pass;
            this.slice = slice;
            this.done = new CountDownLatch(instance.lanes);
        }

        @Override
        public void run() {
            Instance in = instance;
            if (in == null) {
                return;
            }
            Scratch scratch = null;
            for (int lane = next.getAndIncrement(); lane < in.lanes; lane = next.getAndIncrement()) {
                if (scratch == null) {
                    scratch = new Scratch();
                }
                try {
                    in.fillSegment(pass, lane, slice, scratch);
                } catch (RuntimeException | Error e) {
                    failure.compareAndSet(null, e);
                } finally {
                    done.countDown();
                }
            }
        }
    }

    /** Per-thread working blocks, so the block function allocates nothing. */
    private static final class Scratch {
        final long[] r = new long[BLOCK_LONGS];
        final long[] tmp = new long[BLOCK_LONGS];
        final long[] address = new long[BLOCK_LONGS];
        final long[] input = new long[BLOCK_LONGS];
        final long[] zero = new long[BLOCK_LONGS];
    }

    /**
     * The compression function G: {@code next = P(prev ^ ref) ^ prev ^ ref [^ next]}, where P applies the BLAKE2b
     * round (with BlaMka multiplications) to the 8 rows, then to the 8 columns, of 16-word registers.
     */
    static void fillBlock(long[] prev, int prevOff, long[] ref, int refOff, long[] next, int nextOff, boolean withXor,
                          long[] r, long[] tmp) {
        for (int i = 0; i < BLOCK_LONGS; i++) {
            r[i] = ref[refOff + i] ^ prev[prevOff + i];
        }
        if (withXor) {
            for (int i = 0; i < BLOCK_LONGS; i++) {
                tmp[i] = r[i] ^ next[nextOff + i];
            }
        } else {
            System.arraycopy(r, 0, tmp, 0, BLOCK_LONGS);
        }
        for (int i = 0; i < 8; i++) {
            roundRow(r, 16 * i);
        }
        for (int i = 0; i < 8; i++) {
            roundColumn(r, 2 * i);
        }
        for (int i = 0; i < BLOCK_LONGS; i++) {
            next[nextOff + i] = tmp[i] ^ r[i];
        }
    }

    /** BLAKE2 round on words {@code b .. b+15}. */
    private static void roundRow(long[] v, int b) {
        long v0 = v[b], v1 = v[b + 1], v2 = v[b + 2], v3 = v[b + 3];
        long v4 = v[b + 4], v5 = v[b + 5], v6 = v[b + 6], v7 = v[b + 7];
        long v8 = v[b + 8], v9 = v[b + 9], v10 = v[b + 10], v11 = v[b + 11];
        long v12 = v[b + 12], v13 = v[b + 13], v14 = v[b + 14], v15 = v[b + 15];
        // columns
        v0 = bla(v0, v4); v12 = Long.rotateRight(v12 ^ v0, 32); v8 = bla(v8, v12); v4 = Long.rotateRight(v4 ^ v8, 24);
        v0 = bla(v0, v4); v12 = Long.rotateRight(v12 ^ v0, 16); v8 = bla(v8, v12); v4 = Long.rotateRight(v4 ^ v8, 63);
        v1 = bla(v1, v5); v13 = Long.rotateRight(v13 ^ v1, 32); v9 = bla(v9, v13); v5 = Long.rotateRight(v5 ^ v9, 24);
        v1 = bla(v1, v5); v13 = Long.rotateRight(v13 ^ v1, 16); v9 = bla(v9, v13); v5 = Long.rotateRight(v5 ^ v9, 63);
        v2 = bla(v2, v6); v14 = Long.rotateRight(v14 ^ v2, 32); v10 = bla(v10, v14); v6 = Long.rotateRight(v6 ^ v10, 24);
        v2 = bla(v2, v6); v14 = Long.rotateRight(v14 ^ v2, 16); v10 = bla(v10, v14); v6 = Long.rotateRight(v6 ^ v10, 63);
        v3 = bla(v3, v7); v15 = Long.rotateRight(v15 ^ v3, 32); v11 = bla(v11, v15); v7 = Long.rotateRight(v7 ^ v11, 24);
        v3 = bla(v3, v7); v15 = Long.rotateRight(v15 ^ v3, 16); v11 = bla(v11, v15); v7 = Long.rotateRight(v7 ^ v11, 63);
        // diagonals
        v0 = bla(v0, v5); v15 = Long.rotateRight(v15 ^ v0, 32); v10 = bla(v10, v15); v5 = Long.rotateRight(v5 ^ v10, 24);
        v0 = bla(v0, v5); v15 = Long.rotateRight(v15 ^ v0, 16); v10 = bla(v10, v15); v5 = Long.rotateRight(v5 ^ v10, 63);
        v1 = bla(v1, v6); v12 = Long.rotateRight(v12 ^ v1, 32); v11 = bla(v11, v12); v6 = Long.rotateRight(v6 ^ v11, 24);
        v1 = bla(v1, v6); v12 = Long.rotateRight(v12 ^ v1, 16); v11 = bla(v11, v12); v6 = Long.rotateRight(v6 ^ v11, 63);
        v2 = bla(v2, v7); v13 = Long.rotateRight(v13 ^ v2, 32); v8 = bla(v8, v13); v7 = Long.rotateRight(v7 ^ v8, 24);
        v2 = bla(v2, v7); v13 = Long.rotateRight(v13 ^ v2, 16); v8 = bla(v8, v13); v7 = Long.rotateRight(v7 ^ v8, 63);
        v3 = bla(v3, v4); v14 = Long.rotateRight(v14 ^ v3, 32); v9 = bla(v9, v14); v4 = Long.rotateRight(v4 ^ v9, 24);
        v3 = bla(v3, v4); v14 = Long.rotateRight(v14 ^ v3, 16); v9 = bla(v9, v14); v4 = Long.rotateRight(v4 ^ v9, 63);
        v[b] = v0; v[b + 1] = v1; v[b + 2] = v2; v[b + 3] = v3;
        v[b + 4] = v4; v[b + 5] = v5; v[b + 6] = v6; v[b + 7] = v7;
        v[b + 8] = v8; v[b + 9] = v9; v[b + 10] = v10; v[b + 11] = v11;
        v[b + 12] = v12; v[b + 13] = v13; v[b + 14] = v14; v[b + 15] = v15;
    }

    /** BLAKE2 round on words {@code c, c+1, c+16, c+17, ..., c+112, c+113}. */
    private static void roundColumn(long[] v, int c) {
        long v0 = v[c], v1 = v[c + 1], v2 = v[c + 16], v3 = v[c + 17];
        long v4 = v[c + 32], v5 = v[c + 33], v6 = v[c + 48], v7 = v[c + 49];
        long v8 = v[c + 64], v9 = v[c + 65], v10 = v[c + 80], v11 = v[c + 81];
        long v12 = v[c + 96], v13 = v[c + 97], v14 = v[c + 112], v15 = v[c + 113];
        v0 = bla(v0, v4); v12 = Long.rotateRight(v12 ^ v0, 32); v8 = bla(v8, v12); v4 = Long.rotateRight(v4 ^ v8, 24);
        v0 = bla(v0, v4); v12 = Long.rotateRight(v12 ^ v0, 16); v8 = bla(v8, v12); v4 = Long.rotateRight(v4 ^ v8, 63);
        v1 = bla(v1, v5); v13 = Long.rotateRight(v13 ^ v1, 32); v9 = bla(v9, v13); v5 = Long.rotateRight(v5 ^ v9, 24);
        v1 = bla(v1, v5); v13 = Long.rotateRight(v13 ^ v1, 16); v9 = bla(v9, v13); v5 = Long.rotateRight(v5 ^ v9, 63);
        v2 = bla(v2, v6); v14 = Long.rotateRight(v14 ^ v2, 32); v10 = bla(v10, v14); v6 = Long.rotateRight(v6 ^ v10, 24);
        v2 = bla(v2, v6); v14 = Long.rotateRight(v14 ^ v2, 16); v10 = bla(v10, v14); v6 = Long.rotateRight(v6 ^ v10, 63);
        v3 = bla(v3, v7); v15 = Long.rotateRight(v15 ^ v3, 32); v11 = bla(v11, v15); v7 = Long.rotateRight(v7 ^ v11, 24);
        v3 = bla(v3, v7); v15 = Long.rotateRight(v15 ^ v3, 16); v11 = bla(v11, v15); v7 = Long.rotateRight(v7 ^ v11, 63);
        v0 = bla(v0, v5); v15 = Long.rotateRight(v15 ^ v0, 32); v10 = bla(v10, v15); v5 = Long.rotateRight(v5 ^ v10, 24);
        v0 = bla(v0, v5); v15 = Long.rotateRight(v15 ^ v0, 16); v10 = bla(v10, v15); v5 = Long.rotateRight(v5 ^ v10, 63);
        v1 = bla(v1, v6); v12 = Long.rotateRight(v12 ^ v1, 32); v11 = bla(v11, v12); v6 = Long.rotateRight(v6 ^ v11, 24);
        v1 = bla(v1, v6); v12 = Long.rotateRight(v12 ^ v1, 16); v11 = bla(v11, v12); v6 = Long.rotateRight(v6 ^ v11, 63);
        v2 = bla(v2, v7); v13 = Long.rotateRight(v13 ^ v2, 32); v8 = bla(v8, v13); v7 = Long.rotateRight(v7 ^ v8, 24);
        v2 = bla(v2, v7); v13 = Long.rotateRight(v13 ^ v2, 16); v8 = bla(v8, v13); v7 = Long.rotateRight(v7 ^ v8, 63);
        v3 = bla(v3, v4); v14 = Long.rotateRight(v14 ^ v3, 32); v9 = bla(v9, v14); v4 = Long.rotateRight(v4 ^ v9, 24);
        v3 = bla(v3, v4); v14 = Long.rotateRight(v14 ^ v3, 16); v9 = bla(v9, v14); v4 = Long.rotateRight(v4 ^ v9, 63);
        v[c] = v0; v[c + 1] = v1; v[c + 16] = v2; v[c + 17] = v3;
        v[c + 32] = v4; v[c + 33] = v5; v[c + 48] = v6; v[c + 49] = v7;
        v[c + 64] = v8; v[c + 65] = v9; v[c + 80] = v10; v[c + 81] = v11;
        v[c + 96] = v12; v[c + 97] = v13; v[c + 112] = v14; v[c + 113] = v15;
    }

    /** BlaMka: {@code x + y + 2 * lo32(x) * lo32(y)}. */
    private static long bla(long x, long y) {
        return x + y + 2 * (x & 0xFFFFFFFFL) * (y & 0xFFFFFFFFL);
    }

    private static void intToLe(int v, byte[] out, int off) {
        out[off] = (byte) v;
        out[off + 1] = (byte) (v >>> 8);
        out[off + 2] = (byte) (v >>> 16);
        out[off + 3] = (byte) (v >>> 24);
    }

    private static void longToLe(long v, byte[] out, int off) {
        for (int i = 0; i < 8; i++) {
            out[off + i] = (byte) (v >>> (8 * i));
        }
    }

    private static long leToLong(byte[] in, int off) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = v << 8 | (in[off + i] & 0xFF);
        }
        return v;
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // lanes in flight write into our memory: wait for them, then re-assert
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The shared helper threads, created on first use of a multi-lane hash. */
    private static final class Helpers {
        static final int THREADS = Math.max(0, Runtime.getRuntime().availableProcessors() - 1);
        static final ExecutorService POOL = THREADS == 0 ? null : newPool();

        private static ExecutorService newPool() {
            AtomicInteger n = new AtomicInteger();
            ThreadPoolExecutor pool = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(), r -> {
                        Thread t = new Thread(r, "legacy-hash-argon2-" + n.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
            pool.allowCoreThreadTimeOut(true);
            return pool;
        }
    }
}
