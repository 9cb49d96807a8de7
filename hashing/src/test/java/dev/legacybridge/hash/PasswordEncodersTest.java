package dev.legacybridge.hash;

import org.junit.jupiter.api.Test;

import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Round trips through our own verifier. That the legacy libraries accept the same output is shown by
 * {@code scripts/cross-check-encoders.sh} (Django's check_password, pyca/bcrypt's checkpw); see docs/hashing.md.
 */
class PasswordEncodersTest {

    private static final LegacyPasswordVerifier VERIFIER = new LegacyPasswordVerifier(HashPolicy.allowingAll());

    @Test
    void encodeWhenDjangoPbkdf2ThenDjangoLayoutAndRoundTrip() {
        String encoded = PasswordEncoders.encode(EncodingTarget.djangoPbkdf2Sha256(1000), "s\u00e9cret \uD83D\uDD11");

        assertThat(encoded).matches("pbkdf2_sha256\\$1000\\$[a-zA-Z0-9]{22}\\$[A-Za-z0-9+/]{43}=");
        assertThat(VERIFIER.verify("s\u00e9cret \uD83D\uDD11", encoded).outcome()).isEqualTo(Outcome.MATCH);
        assertThat(VERIFIER.verify("se\u0301cret \uD83D\uDD11", encoded).outcome()).isEqualTo(Outcome.MISMATCH);
    }

    @Test
    void encodeWhenDjangoPbkdf2DefaultThenOneMillionIterations() {
        String encoded = PasswordEncoders.encode(EncodingTarget.defaultFor(SchemeIds.DJANGO_PBKDF2_SHA256), "secret");

        assertThat(encoded).startsWith("pbkdf2_sha256$1000000$");
        assertThat(VERIFIER.verify("secret", encoded).outcome()).isEqualTo(Outcome.MATCH);
    }

    @Test
    void encodeWhenBcryptThen2bLayoutAndRoundTrip() {
        String encoded = PasswordEncoders.encode(EncodingTarget.bcrypt(4), "correct horse battery staple");

        assertThat(encoded).matches("\\$2b\\$04\\$[./A-Za-z0-9]{53}");
        assertThat(VERIFIER.verify("correct horse battery staple", encoded).outcome()).isEqualTo(Outcome.MATCH);
        assertThat(VERIFIER.verify("correct horse battery stapl", encoded).outcome()).isEqualTo(Outcome.MISMATCH);
    }

    @Test
    void encodeWhenBcryptDefaultThenCost12() {
        String encoded = PasswordEncoders.encode(EncodingTarget.defaultFor(SchemeIds.BCRYPT), "secret");

        assertThat(encoded).startsWith("$2b$12$");
        assertThat(VERIFIER.verify("secret", encoded).outcome()).isEqualTo(Outcome.MATCH);
    }

    @Test
    void encodeWhenBcryptPasswordLongerThan72BytesThenTruncatedLikeEveryBcrypt() {
        String password = "a".repeat(71) + "\u00e9"; // byte 72 is the first byte of the two-byte character
        String encoded = PasswordEncoders.encode(EncodingTarget.bcrypt(4), password);

        assertThat(VERIFIER.verify("a".repeat(71) + "\u00e8", encoded).outcome()).isEqualTo(Outcome.MATCH);
        assertThat(VERIFIER.verify("a".repeat(71), encoded).outcome()).isEqualTo(Outcome.MISMATCH);
    }

    @Test
    void encodeWhenDjangoArgon2ThenArgon2CffiLayoutAndRoundTrip() {
        String encoded = PasswordEncoders.encode(EncodingTarget.djangoArgon2(1, 64, 2), "secret");

        assertThat(encoded).matches("argon2\\$argon2id\\$v=19\\$m=64,t=1,p=2\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        String[] fields = encoded.split("\\$");
        assertThat(Base64.getDecoder().decode(fields[4])).hasSize(16);
        assertThat(Base64.getDecoder().decode(fields[5])).hasSize(32);
        assertThat(VERIFIER.verify("secret", encoded).outcome()).isEqualTo(Outcome.MATCH);
        assertThat(VERIFIER.verify("Secret", encoded).outcome()).isEqualTo(Outcome.MISMATCH);
    }

    @Test
    void encodeWhenDjangoArgon2DefaultThenDjangoParameters() {
        String encoded = PasswordEncoders.encode(EncodingTarget.defaultFor(SchemeIds.DJANGO_ARGON2), "secret");

        assertThat(encoded).startsWith("argon2$argon2id$v=19$m=102400,t=2,p=8$");
        assertThat(VERIFIER.verify("secret", encoded).outcome()).isEqualTo(Outcome.MATCH);
    }

    @Test
    void encodeWhenCalledTwiceThenFreshSalts() {
        EncodingTarget target = EncodingTarget.djangoPbkdf2Sha256(1);

        assertThat(PasswordEncoders.encode(target, "secret")).isNotEqualTo(PasswordEncoders.encode(target, "secret"));
        assertThat(PasswordEncoders.encode(EncodingTarget.bcrypt(4), "x"))
                .isNotEqualTo(PasswordEncoders.encode(EncodingTarget.bcrypt(4), "x"));
    }

    @Test
    void encodeWhenEmptyPasswordThenRoundTrip() {
        for (EncodingTarget target : new EncodingTarget[] {EncodingTarget.djangoPbkdf2Sha256(10),
            EncodingTarget.bcrypt(4), EncodingTarget.djangoArgon2(1, 16, 1)}) {
            String encoded = PasswordEncoders.encode(target, "");
            assertThat(VERIFIER.verify("", encoded).outcome()).as(target.toString()).isEqualTo(Outcome.MATCH);
            assertThat(VERIFIER.verify(" ", encoded).outcome()).as(target.toString()).isEqualTo(Outcome.MISMATCH);
        }
    }

    @Test
    void encodeWhenPasswordUnencodableThenIllegalArgument() {
        assertThatThrownBy(() -> PasswordEncoders.encode(EncodingTarget.bcrypt(4), null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PasswordEncoders.encode(EncodingTarget.bcrypt(4), "x".repeat(4097)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PasswordEncoders.encode(EncodingTarget.bcrypt(4), "a\uD800"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PasswordEncoders.encode(EncodingTarget.bcrypt(4), "se\0cret"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("se");
    }

    @Test
    void encodeWhenPasswordOf4096BytesThenStillVerifiable() {
        String password = "\u00e9".repeat(2048);
        String encoded = PasswordEncoders.encode(EncodingTarget.djangoPbkdf2Sha256(10), password);

        assertThat(VERIFIER.verify(password, encoded).outcome()).isEqualTo(Outcome.MATCH);
    }
}
