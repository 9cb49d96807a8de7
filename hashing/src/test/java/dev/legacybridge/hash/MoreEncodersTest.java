package dev.legacybridge.hash;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The write-back targets of PHP, WordPress, Spring and ASP.NET: layout, defaults, round trip through our verifier
 * (reported as the scheme the target names), and upgrade decisions. Spring's own {@code DelegatingPasswordEncoder}
 * checks {@code spring_bcrypt} in {@code SpringCrossCheckTest}; PHP, WordPress's phpass class and PHP's
 * {@code password_verify} check the others in {@code scripts/cross-check-encoders.sh}.
 */
class MoreEncodersTest {

    private static final LegacyPasswordVerifier VERIFIER = new LegacyPasswordVerifier(HashPolicy.allowingAll());

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            php_bcrypt:4          | bcrypt           | \\$2y\\$04\\$[./A-Za-z0-9]{53}
            phpass:8              | phpass           | \\$P\\$6[./A-Za-z0-9]{30}
            wordpress_bcrypt:4    | wordpress_bcrypt | \\$wp\\$2y\\$04\\$[./A-Za-z0-9]{53}
            spring_bcrypt:4       | spring_delegating | \\{bcrypt\\}\\$2a\\$04\\$[./A-Za-z0-9]{53}
            aspnet_identity_v3:1000 | aspnet_identity | AQAAAAIAAAPoAAAAE[A-Za-z0-9+/]{65}==
            drupal7:8             | drupal7          | \\$S\\$6[./A-Za-z0-9]{51}
            """)
    void encodeWhenTargetThenLayoutAndRoundTrip(String target, String scheme, String layout) {
        for (String password : new String[] {"secret", "p\u00e4ssw\u00f6rd \uD83D\uDD11", ""}) {
            String encoded = PasswordEncoders.encode(EncodingTarget.parse(target), password);

            assertThat(encoded).matches(layout);
            VerificationResult result = VERIFIER.verify(password, encoded);
            assertThat(result.outcome()).as(target).isEqualTo(Outcome.MATCH);
            assertThat(result.scheme()).isEqualTo(scheme);
            assertThat(VERIFIER.verify(password + "x", encoded).outcome()).isEqualTo(Outcome.MISMATCH);
        }
    }

    @Test
    void defaultForWhenNewTargetsThenTheFrameworksDefaults() {
        assertThat(EncodingTarget.parse("php_bcrypt")).hasToString("php_bcrypt:10");
        assertThat(EncodingTarget.parse("phpass")).hasToString("phpass:13");
        assertThat(EncodingTarget.parse("wordpress")).hasToString("wordpress_bcrypt:10");
        assertThat(EncodingTarget.parse("spring")).hasToString("spring_bcrypt:10");
        assertThat(EncodingTarget.parse("aspnet")).hasToString("aspnet_identity_v3:100000");
        assertThat(EncodingTarget.parse("drupal7")).hasToString("drupal7:15");
        assertThat(PasswordEncoders.encode(EncodingTarget.parse("phpass"), "secret")).startsWith("$P$B");
    }

    @Test
    void encodeWhenAspNetV3ThenHeaderAsPasswordHasherWritesIt() {
        byte[] decoded = Base64.getDecoder().decode(PasswordEncoders.encode(EncodingTarget.parse("aspnet"), "secret"));

        assertThat(decoded).hasSize(13 + 16 + 32);
        assertThat(java.util.Arrays.copyOf(decoded, 13))
                .containsExactly(1, 0, 0, 0, 2, 0, 1, (byte) 0x86, (byte) 0xa0, 0, 0, 0, 16);
    }

    @Test
    void encodeWhenTargetRangeOrPasswordInvalidThenRefused() {
        assertThatThrownBy(() -> EncodingTarget.parse("phpass:31")).hasMessageContaining("between 7 and 30");
        assertThatThrownBy(() -> EncodingTarget.parse("php_bcrypt:3")).hasMessageContaining("between 4 and 31");
        assertThatThrownBy(() -> EncodingTarget.parse("aspnet_identity_v3:0")).hasMessageContaining(">= 1");
        assertThatThrownBy(() -> EncodingTarget.parse("drupal7:31")).hasMessageContaining("between 7 and 30");
        assertThatThrownBy(() -> EncodingTarget.parse("yescrypt")).hasMessageContaining("not an encodable scheme");
        assertThatThrownBy(() -> PasswordEncoders.encode(EncodingTarget.parse("php_bcrypt:4"), "a\0b"))
                .hasMessageContaining("NUL");
        assertThat(PasswordEncoders.encode(EncodingTarget.parse("wordpress_bcrypt:4"), "a\0b"))
                .as("the HMAC pre-hash carries the NUL").startsWith("$wp$2y$04$");
    }

    @Test
    void verifyWhenUpgradeTargetIsNewTargetThenOtherFormatsAndLowerCostsUpgrade() {
        LegacyPasswordVerifier toPhpass = new LegacyPasswordVerifier(HashPolicy.allowingAll()
                .withUpgradeTarget(EncodingTarget.parse("phpass:13")));
        LegacyPasswordVerifier toSpring = new LegacyPasswordVerifier(HashPolicy.allowingAll()
                .withUpgradeTarget(EncodingTarget.parse("spring_bcrypt:5")));

        assertThat(toPhpass.verify("secret", PasswordEncoders.encode(EncodingTarget.parse("phpass:13"), "secret"))
                .upgradeRecommended()).isFalse();
        assertThat(toPhpass.verify("secret", PasswordEncoders.encode(EncodingTarget.parse("phpass:8"), "secret"))
                .upgradeRecommended()).isTrue();
        assertThat(toPhpass.verify("secret", PasswordEncoders.encode(EncodingTarget.parse("php_bcrypt:4"), "secret"))
                .upgradeRecommended()).isTrue();
        assertThat(toSpring.verify("secret", PasswordEncoders.encode(EncodingTarget.parse("spring_bcrypt:5"), "secret"))
                .upgradeRecommended()).isFalse();
        assertThat(toSpring.verify("secret", PasswordEncoders.encode(EncodingTarget.parse("spring_bcrypt:4"), "secret"))
                .upgradeRecommended()).isTrue();
        assertThat(toSpring.verify("password", // vector spring-delegating-argon2-plain: strong, but not bcrypt
                "{argon2}$argon2id$v=19$m=4096,t=3,p=1$IuLVDcC4jVLhsq4cdY6hNg$gS25dbj7Tm3oQ5wHNJ0d2MwmtnwYtxRrIJjC8++sezw")
                .upgradeRecommended()).isTrue();
    }

    @Test
    void encodeWhenDrupal7ThenTheVectorFilesLayoutVerifiesAndLongPasswordsRefusedAsDrupalDoes() {
        String encoded = PasswordEncoders.encode(EncodingTarget.parse("drupal7"), "secret");

        assertThat(encoded).hasSize(55).startsWith("$S$D");
        assertThat(VERIFIER.inspect(encoded).status()).isEqualTo(HashInspection.Status.USABLE);
        assertThatThrownBy(() -> PasswordEncoders.encode(EncodingTarget.parse("drupal7:7"), "x".repeat(513)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("512");
    }

    @Test
    void encodeWhenBcryptPepperConfiguredThenDeviseLayoutVerifiedOnlyWithThePepper() {
        SchemeConfiguration devise = SchemeConfiguration.none().withBcryptPepper("app-pepper");
        String encoded = PasswordEncoders.encode(EncodingTarget.parse("bcrypt:4"), "secret", devise);

        assertThat(new LegacyPasswordVerifier(HashPolicy.allowingAll(), devise).verify("secret", encoded).outcome())
                .isEqualTo(Outcome.MATCH);
        assertThat(VERIFIER.verify("secret", encoded).outcome()).isEqualTo(Outcome.MISMATCH);
        assertThat(VERIFIER.verify("secretapp-pepper", encoded).outcome()).isEqualTo(Outcome.MATCH);
    }
}
