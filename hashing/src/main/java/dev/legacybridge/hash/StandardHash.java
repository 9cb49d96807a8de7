package dev.legacybridge.hash;

import java.util.Arrays;
import java.util.Locale;

/**
 * A stored value that is, underneath its application's encoding, one of the two standard key-derivation functions that
 * other systems verify from parameters alone: PBKDF2 with HMAC-SHA-1/256/512, or Argon2 (RFC 9106). Migration uses
 * it to hand the same hash to a system that stores the parameters its own way (Keycloak's {@code pbkdf2-sha256} or
 * {@code argon2} password credentials), so that the legacy format no longer needs this library.
 *
 * <p>The fields are exactly what the legacy application fed the function: the salt as the bytes it used (Django and
 * Werkzeug salts are text used as UTF-8, passlib and PHC salts are decoded from base64), the password as its UTF-8
 * bytes with no normalisation, and the output length of the stored digest.
 *
 * <p>Formats whose function is one of these but with inputs another system would not reproduce (a pepper, a
 * pre-hashed password, an empty salt, a PRF other than SHA-1/256/512) have no standard form: see
 * {@link StoredHash#standardForm()}.
 */
public sealed interface StandardHash permits StandardHash.Pbkdf2Hash, StandardHash.Argon2Hash {

    /** PBKDF2's pseudo-random functions that have a standard form. */
    enum Pbkdf2Prf {
        HMAC_SHA1(64), HMAC_SHA256(64), HMAC_SHA512(128);

        private final int blockBytes;

        Pbkdf2Prf(int blockBytes) {
            this.blockBytes = blockBytes;
        }

        /**
         * HMAC's block size. A key shorter than a block is zero-padded by HMAC itself, so a verifier that pads short
         * passwords with NUL characters (Keycloak's {@code max-padding-length}) computes the same digest as long as the
         * padded password still fits in one block.
         */
        public int blockBytes() {
            return blockBytes;
        }
    }

    /**
     * PBKDF2 (RFC 8018).
     *
     * @param prf        HMAC-SHA-1, -256 or -512
     * @param iterations at least 1
     * @param salt       the salt bytes as used, never empty
     * @param derivedKey the stored output; its length is the derived key length
     */
    record Pbkdf2Hash(Pbkdf2Prf prf, int iterations, byte[] salt, byte[] derivedKey) implements StandardHash {
        public Pbkdf2Hash {
            salt = salt.clone();
            derivedKey = derivedKey.clone();
        }

        @Override
        public byte[] salt() {
            return salt.clone();
        }

        @Override
        public byte[] derivedKey() {
            return derivedKey.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Pbkdf2Hash p && p.prf == prf && p.iterations == iterations
                    && Arrays.equals(p.salt, salt) && Arrays.equals(p.derivedKey, derivedKey);
        }

        @Override
        public int hashCode() {
            return prf.hashCode() * 31 + iterations;
        }

        /**
         * The standard form of a PBKDF2 hash computed with {@code prf}, or empty when another system would not compute
         * it the same way: a PRF without a standard name here (MD5, SHA-224, SHA-384), or an empty salt (which JCA's
         * {@code PBEKeySpec} refuses).
         */
        public static java.util.Optional<StandardHash> of(dev.legacybridge.hash.kdf.Pbkdf2.Prf prf, int iterations,
                                                          byte[] salt, byte[] derivedKey) {
            Pbkdf2Prf standard = switch (prf) {
                case SHA1 -> Pbkdf2Prf.HMAC_SHA1;
                case SHA256 -> Pbkdf2Prf.HMAC_SHA256;
                case SHA512 -> Pbkdf2Prf.HMAC_SHA512;
                default -> null;
            };
            if (standard == null || salt.length == 0 || iterations < 1 || derivedKey.length == 0) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(new Pbkdf2Hash(standard, iterations, salt, derivedKey));
        }

        /** Never shows the salt or the digest. */
        @Override
        public String toString() {
            return "Pbkdf2Hash[" + prf + ", iterations=" + iterations + ", saltBytes=" + salt.length + ", keyBytes="
                    + derivedKey.length + "]";
        }
    }

    /**
     * Argon2 (RFC 9106), without secret key or associated data.
     *
     * @param type        {@code id}, {@code i} or {@code d}
     * @param version     {@code 0x10} or {@code 0x13}
     * @param memoryKib   {@code m}
     * @param iterations  {@code t}
     * @param parallelism {@code p}
     * @param salt        the salt bytes
     * @param tag         the stored output; its length is the hash length
     */
    record Argon2Hash(String type, int version, int memoryKib, int iterations, int parallelism, byte[] salt,
                      byte[] tag) implements StandardHash {
        public Argon2Hash {
            salt = salt.clone();
            tag = tag.clone();
        }

        @Override
        public byte[] salt() {
            return salt.clone();
        }

        @Override
        public byte[] tag() {
            return tag.clone();
        }

        /** {@code 1.0} or {@code 1.3}, as Keycloak and most libraries name the versions. */
        public String versionName() {
            return version == 0x13 ? "1.3" : "1.0";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Argon2Hash a && a.type.equals(type) && a.version == version
                    && a.memoryKib == memoryKib && a.iterations == iterations && a.parallelism == parallelism
                    && Arrays.equals(a.salt, salt) && Arrays.equals(a.tag, tag);
        }

        @Override
        public int hashCode() {
            return type.hashCode() * 31 + memoryKib;
        }

        /** Never shows the salt or the tag. */
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "Argon2Hash[argon2%s v%s m=%d t=%d p=%d, saltBytes=%d, tagBytes=%d]",
                    type, versionName(), memoryKib, iterations, parallelism, salt.length, tag.length);
        }
    }
}
