package dev.legacybridge.hash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.legacybridge.hash.StandardHash.Argon2Hash;
import dev.legacybridge.hash.StandardHash.Pbkdf2Hash;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The standard forms of the vector files' hashes, recomputed the way Keycloak 26.7's own password hash providers
 * compute them: {@code Pbkdf2PasswordHashProvider} through JCA's {@code PBKDF2WithHmacSHA*} with the password as
 * {@code char[]} (optionally NUL-padded to {@code max-padding-length} characters), {@code Argon2PasswordHashProvider}
 * through BouncyCastle's {@code Argon2BytesGenerator.generateBytes(char[], ...)}. A vector's password matches its
 * translated form exactly when it matches the legacy hash.
 */
class StandardFormTest {

    private static final LegacyPasswordVerifier VERIFIER = new LegacyPasswordVerifier(HashPolicy.allowingAll());
    /** Keycloak's FIPS-mode setting of {@code max-padding-length}. */
    private static final int FIPS_PADDING = 14;

    /** Vectors cheap enough for a unit test (the expensive ones exercise the same code). */
    static Stream<Vectors.Vector> translatable() {
        return Vectors.all().stream().filter(v -> !v.malformed() && v.params() == null)
                .filter(v -> VERIFIER.standardForm(v.hash()).map(StandardFormTest::cheap).orElse(false));
    }

    private static boolean cheap(StandardHash hash) {
        return hash instanceof Pbkdf2Hash p ? p.iterations() <= 400_000
                : ((Argon2Hash) hash).memoryKib() <= 128 * 1024 && ((Argon2Hash) hash).iterations() <= 8;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("translatable")
    void standardFormWhenRecomputedAsKeycloakDoesThenSameAnswerAsLegacyHash(Vectors.Vector v) throws Exception {
        StandardHash hash = VERIFIER.standardForm(v.hash()).orElseThrow();

        assertThat(keycloakVerifies(hash, v.password(), 0)).as(v.id()).isEqualTo(v.matches());
        assertThat(VERIFIER.verify(v.password(), v.hash()).matches()).as(v.id()).isEqualTo(v.matches());
    }

    @Test
    void standardFormWhenSchemeIsPbkdf2OrArgon2ThenPresentAndOtherwiseEmpty() {
        Set<String> withForm = new TreeSet<>();
        Set<String> without = new TreeSet<>();
        for (Vectors.Vector v : Vectors.all()) {
            if (v.malformed() || v.params() != null) {
                continue;
            }
            (VERIFIER.standardForm(v.hash()).isPresent() ? withForm : without).add(v.scheme());
        }
        assertThat(withForm).contains("django_pbkdf2_sha256", "django_pbkdf2_sha1", "django_argon2", "pbkdf2_sha256",
                "pbkdf2_sha512", "argon2", "werkzeug_pbkdf2");
        assertThat(without).contains("bcrypt", "django_bcrypt_sha256", "django_scrypt", "sha512_crypt",
                "django_sha1", "werkzeug_scrypt");
        assertThat(withForm).doesNotContainAnyElementsOf(Set.of("bcrypt", "django_bcrypt_sha256", "django_scrypt"));
    }

    @Test
    void standardFormWhenDjangoPbkdf2ThenSaltIsTheTextsUtf8AndKeyIsTheDigest() {
        Pbkdf2Hash hash = (Pbkdf2Hash) VERIFIER.standardForm(
                "pbkdf2_sha256$260000$LKGIikEk3hzdN81d4CpzyQ$4Muw0MB+vrMOwhJmoxVtU02fYWON+Buv6nZE22WxaWo=").orElseThrow();

        assertThat(hash.prf()).isEqualTo(StandardHash.Pbkdf2Prf.HMAC_SHA256);
        assertThat(hash.iterations()).isEqualTo(260_000);
        assertThat(hash.salt()).isEqualTo("LKGIikEk3hzdN81d4CpzyQ".getBytes(StandardCharsets.US_ASCII));
        assertThat(hash.derivedKey()).hasSize(32);
        assertThat(hash.toString()).doesNotContain("LKGI").contains("saltBytes=22");
    }

    @Test
    void standardFormWhenDjangoArgon2ThenEveryParameterCarriedOver() {
        Argon2Hash hash = (Argon2Hash) VERIFIER.standardForm(
                "argon2$argon2id$v=19$m=102400,t=2,p=8$WTRIQTNlQUtwZk5STnQweVNLVzBHbQ$E/txknYFw4XG5sBkNbwsQw")
                .orElseThrow();

        assertThat(List.of(hash.type(), hash.versionName(), hash.memoryKib(), hash.iterations(), hash.parallelism(),
                hash.tag().length)).containsExactly("id", "1.3", 102400, 2, 8, 16);
    }

    @Test
    void standardFormWhenArgon2WithoutVersionThenVersion10AsTheReferenceDecoderReadsIt() {
        String stored = "$argon2i$m=256,t=2,p=2$2J9lJsQtVQPQiy90iLfoRA$Fm29FtnWwiJd+8FqWAZafA"; // a vector file's
        Argon2Hash hash = (Argon2Hash) VERIFIER.standardForm(stored).orElseThrow();

        assertThat(hash.versionName()).isEqualTo("1.0");
        assertThat(hash.type()).isEqualTo("i");
        assertThat(keycloakVerifies(hash, "secret", 0)).isTrue();
        assertThat(keycloakVerifies(hash, "Secret", 0)).isFalse();
    }

    @Test
    void standardFormWhenNotAllowedMalformedOrUnusableThenEmpty() {
        LegacyPasswordVerifier bcryptOnly = new LegacyPasswordVerifier(HashPolicyParser.parse(Map.of(HashPolicyParser.ALLOWED_SCHEMES, List.of("bcrypt"))).policy());
        String django = "pbkdf2_sha256$260000$LKGIikEk3hzdN81d4CpzyQ$4Muw0MB+vrMOwhJmoxVtU02fYWON+Buv6nZE22WxaWo=";

        assertThat(bcryptOnly.standardForm(django)).isEmpty();
        assertThat(VERIFIER.standardForm("pbkdf2_sha256$260000$LKGIikEk3hzdN81d4CpzyQ$4Muw0MB")).isEmpty();
        assertThat(VERIFIER.standardForm("!unusable")).isEmpty();
        assertThat(VERIFIER.standardForm("")).isEmpty();
        assertThat(VERIFIER.standardForm("$pbkdf2-sha256$29000$$RbigXfhVOOlQq4B9z/mtQP2x40XfyO0gf8sMTRmLRtw"))
                .as("empty salt: JCA refuses it").isEmpty();
        assertThat(VERIFIER.standardForm("pbkdf2:md5:1000$salt$" + "00".repeat(16))).as("no standard MD5 PBKDF2")
                .isEmpty();
    }

    /**
     * Keycloak pads passwords shorter than {@code max-padding-length} with NUL characters before PBKDF2 (FIPS mode
     * sets 14). HMAC zero-pads a short key itself, so the padded password gives the same digest, and a translated
     * legacy hash of a short password still verifies.
     */
    @Test
    void standardFormWhenKeycloakPadsShortPasswordsThenStillMatches() throws Exception {
        String password = "abc";
        byte[] salt = "someSalt".getBytes(StandardCharsets.UTF_8);
        for (String prf : List.of("SHA256", "SHA512", "SHA1")) {
            byte[] dk = jcaPbkdf2(prf, password, salt, 1000, 32);
            Pbkdf2Hash hash = new Pbkdf2Hash(StandardHash.Pbkdf2Prf.valueOf("HMAC_" + prf), 1000, salt, dk);
            assertThat(keycloakVerifies(hash, password, FIPS_PADDING)).as(prf).isTrue();
            assertThat(keycloakVerifies(hash, "abd", FIPS_PADDING)).as(prf).isFalse();
        }
        Pbkdf2Hash unicode = (Pbkdf2Hash) VERIFIER.standardForm(
                dev.legacybridge.hash.django.DjangoPbkdf2Scheme.encode("pä".getBytes(StandardCharsets.UTF_8),
                        "saltsalt", 1000)).orElseThrow();
        assertThat(keycloakVerifies(unicode, "pä", FIPS_PADDING)).isTrue();
    }

    // ---------------------------------------------------------------- Keycloak's computations

    /** What Keycloak's providers compute for {@code password}, compared with the stored output. */
    static boolean keycloakVerifies(StandardHash hash, String password, int maxPaddingLength) {
        try {
            if (hash instanceof Pbkdf2Hash p) {
                String padded = pad(password, maxPaddingLength);
                String name = switch (p.prf()) {
                    case HMAC_SHA1 -> "SHA1";
                    case HMAC_SHA256 -> "SHA256";
                    case HMAC_SHA512 -> "SHA512";
                };
                return java.util.Arrays.equals(jcaPbkdf2(name, padded, p.salt(), p.iterations(),
                        p.derivedKey().length), p.derivedKey());
            }
            Argon2Hash a = (Argon2Hash) hash;
            int type = Map.of("id", Argon2Parameters.ARGON2_id, "i", Argon2Parameters.ARGON2_i, "d",
                    Argon2Parameters.ARGON2_d).get(a.type());
            Argon2BytesGenerator generator = new Argon2BytesGenerator();
            generator.init(new Argon2Parameters.Builder(type).withVersion(a.version()).withSalt(a.salt())
                    .withParallelism(a.parallelism()).withMemoryAsKB(a.memoryKib()).withIterations(a.iterations())
                    .build());
            byte[] out = new byte[a.tag().length];
            generator.generateBytes(password.toCharArray(), out);
            return java.util.Arrays.equals(out, a.tag());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Keycloak's {@code PaddingUtils.padding}: NULs appended up to {@code max} characters. */
    private static String pad(String password, int max) {
        return password.length() >= max ? password : password + "\0".repeat(max - password.length());
    }

    private static byte[] jcaPbkdf2(String sha, String password, byte[] salt, int iterations, int bytes)
            throws java.security.GeneralSecurityException {
        return SecretKeyFactory.getInstance("PBKDF2WithHmac" + sha)
                .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, bytes * 8)).getEncoded();
    }

    @SuppressWarnings("unused")
    private static Optional<StandardHash> form(String stored) {
        return VERIFIER.standardForm(stored);
    }
}
