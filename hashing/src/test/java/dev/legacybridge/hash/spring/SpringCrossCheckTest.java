package dev.legacybridge.hash.spring;

import dev.legacybridge.hash.EncodingTarget;
import dev.legacybridge.hash.HashPolicy;
import dev.legacybridge.hash.LegacyPasswordVerifier;
import dev.legacybridge.hash.Outcome;
import dev.legacybridge.hash.PasswordEncoders;
import dev.legacybridge.hash.SchemeConfiguration;
import dev.legacybridge.hash.VerificationResult;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.MessageDigestPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.crypto.password.Pbkdf2PasswordEncoder;
import org.springframework.security.crypto.scrypt.SCryptPasswordEncoder;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Security's own encoders (spring-security-crypto, the version Spring Boot manages; a test dependency only)
 * against ours, both ways: every encoder of {@code PasswordEncoderFactories} writes values our verifier judges as
 * Spring does, encoders with non-default settings are read once {@link SpringEncoders} is told the settings, and
 * Spring's {@code DelegatingPasswordEncoder} accepts what the {@code spring_bcrypt} target writes.
 */
@SuppressWarnings("deprecation") // MD4, MD5, SHA-1, {sha256} and {ldap}: deprecated in Spring, still read by it
class SpringCrossCheckTest {

    private static final List<String> PASSWORDS = List.of("password", "p\u00e4ssw\u00f6rd-\u00e9t\u00e9",
            "\u5bc6\u7801\u30d1\u30b9\u30ef\u30fc\u30c9", "\uD83D\uDD11unlock\uD83E\uDD84", " spaces {noop} $1$ ");

    private static final LegacyPasswordVerifier VERIFIER = new LegacyPasswordVerifier(HashPolicy.allowingAll());

    private static PasswordEncoder factoryEncodingWith(String id) {
        DelegatingPasswordEncoder factory = (DelegatingPasswordEncoder) PasswordEncoderFactories
                .createDelegatingPasswordEncoder();
        return new DelegatingPasswordEncoder(id, Map.of(id, encoderOf(factory, id)));
    }

    /** The factory's encoder for {@code id}: encode through it and strip the prefix by delegating. */
    private static PasswordEncoder encoderOf(DelegatingPasswordEncoder factory, String id) {
        return new PasswordEncoder() {
            @Override
            public String encode(CharSequence rawPassword) {
                throw new UnsupportedOperationException();
            }

            @Override
            public boolean matches(CharSequence rawPassword, String encodedPassword) {
                return factory.matches(rawPassword, "{" + id + "}" + encodedPassword);
            }
        };
    }

    @Test
    void verifyWhenEveryFactoryEncoderWritesThenOurVerifierAgreesWithSpring() {
        PasswordEncoder spring = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        Map<String, PasswordEncoder> writers = Map.of(
                "bcrypt", new BCryptPasswordEncoder(4),
                "pbkdf2", Pbkdf2PasswordEncoder.defaultsForSpringSecurity_v5_5(),
                "pbkdf2@SpringSecurity_v5_8", Pbkdf2PasswordEncoder.defaultsForSpringSecurity_v5_8(),
                "scrypt", SCryptPasswordEncoder.defaultsForSpringSecurity_v4_1(),
                "argon2@SpringSecurity_v5_8",
                org.springframework.security.crypto.argon2.Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8(),
                "MD5", new MessageDigestPasswordEncoder("MD5"),
                "SHA-256", new MessageDigestPasswordEncoder("SHA-256"),
                "MD4", new org.springframework.security.crypto.password.Md4PasswordEncoder(),
                "sha256", new org.springframework.security.crypto.password.StandardPasswordEncoder(),
                "ldap", new org.springframework.security.crypto.password.LdapShaPasswordEncoder());
        writers.forEach((id, writer) -> {
            String password = PASSWORDS.get(Math.floorMod(id.hashCode(), PASSWORDS.size()));
            String stored = "{" + id + "}" + writer.encode(password);

            assertThat(spring.matches(password, stored)).as("Spring reads its own %s", id).isTrue();
            VerificationResult right = VERIFIER.verify(password, stored);
            assertThat(right.outcome()).as("%s: %s", id, right.reason()).isEqualTo(Outcome.MATCH);
            assertThat(VERIFIER.verify(password + "!", stored).outcome()).as(id).isEqualTo(Outcome.MISMATCH);
        });
    }

    @Test
    void verifyWhenSpringBcryptHashesNulThenWeAgreeUnlikePycaBcrypt() {
        String stored = "{bcrypt}" + new BCryptPasswordEncoder(4).encode("pass\0word");

        assertThat(PasswordEncoderFactories.createDelegatingPasswordEncoder().matches("pass\0word", stored)).isTrue();
        assertThat(VERIFIER.verify("pass\0word", stored).outcome()).isEqualTo(Outcome.MATCH);
        assertThat(VERIFIER.verify("pass", stored).outcome()).isEqualTo(Outcome.MISMATCH);
    }

    @Test
    void verifyWhenApplicationConfiguredItsEncodersThenSettingsMakeUsAgree() {
        // This constructor sets the hash width to the PRF's output: 512 bits for SHA-512.
        Pbkdf2PasswordEncoder pbkdf2 = new Pbkdf2PasswordEncoder("pepper", 16, 1000,
                Pbkdf2PasswordEncoder.SecretKeyFactoryAlgorithm.PBKDF2WithHmacSHA512);
        pbkdf2.setEncodeHashAsBase64(true);
        MessageDigestPasswordEncoder sha256 = new MessageDigestPasswordEncoder("SHA-256");
        sha256.setIterations(3);
        sha256.setEncodeHashAsBase64(true);
        SCryptPasswordEncoder scrypt = new SCryptPasswordEncoder(2048, 8, 1, 64, 16);
        SpringEncoders settings = SpringEncoders.defaults()
                .with("pbkdf2", Map.of("algorithm", "PBKDF2WithHmacSHA512", "iterations", "1000", "salt_bytes", "16",
                        "hash_bits", "512", "secret", "pepper", "encoding", "base64"))
                .with("SHA-256", Map.of("iterations", "3", "encoding", "base64"))
                .with("scrypt", Map.of("keyLength", "64"));
        LegacyPasswordVerifier configured = new LegacyPasswordVerifier(HashPolicy.allowingAll(),
                SchemeConfiguration.none().withSpring(settings));

        for (Map.Entry<String, PasswordEncoder> e : Map.of("pbkdf2", (PasswordEncoder) pbkdf2, "SHA-256", sha256,
                "scrypt", scrypt).entrySet()) {
            String stored = "{" + e.getKey() + "}" + e.getValue().encode("correct horse battery staple");

            assertThat(configured.verify("correct horse battery staple", stored).outcome())
                    .as("%s: %s", e.getKey(), configured.verify("correct horse battery staple", stored).reason())
                    .isEqualTo(Outcome.MATCH);
            assertThat(configured.verify("correct horse battery stapl", stored).outcome()).as(e.getKey())
                    .isEqualTo(Outcome.MISMATCH);
            assertThat(VERIFIER.verify("correct horse battery staple", stored).outcome())
                    .as("stock settings never match %s", e.getKey()).isNotEqualTo(Outcome.MATCH);
        }
    }

    @Test
    void encodeWhenSpringBcryptTargetThenSpringDelegatingEncoderAcceptsIt() {
        PasswordEncoder spring = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        for (String password : PASSWORDS) {
            String ours = PasswordEncoders.encode(EncodingTarget.parse("spring_bcrypt:4"), password);

            assertThat(ours).startsWith("{bcrypt}$2a$04$");
            assertThat(spring.matches(password, ours)).as(password).isTrue();
            assertThat(spring.matches(password + "x", ours)).as(password).isFalse();
        }
        String defaults = PasswordEncoders.encode(EncodingTarget.parse("spring_bcrypt"), "password");
        assertThat(defaults).startsWith("{bcrypt}$2a$10$");
        assertThat(spring.matches("password", defaults)).isTrue();
        assertThat(spring.upgradeEncoding(defaults)).as("Spring's own default: nothing to upgrade").isFalse();
    }
}
