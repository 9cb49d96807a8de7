package dev.legacybridge.keycloak.credential;

import static org.assertj.core.api.Assertions.assertThat;

import dev.legacybridge.hash.HashPolicy;
import dev.legacybridge.hash.LegacyPasswordVerifier;
import dev.legacybridge.hash.StandardHash;
import java.lang.reflect.Proxy;
import java.security.Security;
import java.util.List;
import javax.crypto.SecretKeyFactory;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.keycloak.common.crypto.CryptoIntegration;
import org.keycloak.common.crypto.CryptoProvider;
import org.keycloak.credential.hash.Pbkdf2PasswordHashProvider;
import org.keycloak.models.credential.PasswordCredentialModel;

/**
 * Translated legacy PBKDF2 hashes verified by Keycloak 26.7's own {@link Pbkdf2PasswordHashProvider} (the class the
 * server runs, from {@code keycloak-server-spi-private}), with BouncyCastle's {@code PBKDF2WithHmacSHA*} behind it as
 * Keycloak's default crypto provider has; its padding of short passwords included. Argon2's provider lives in
 * {@code keycloak-crypto-default}, which Maven Central does not serve: {@code NativeCredentialsIT} checks it against the
 * distribution's jar, and {@code FinishTheMoveIT} logs argon2 users in on a Keycloak without this provider.
 */
class NativeCredentialsTest {

    private static final LegacyPasswordVerifier VERIFIER = new LegacyPasswordVerifier(HashPolicy.allowingAll());

    @BeforeAll
    static void keycloaksDefaultCryptoForPbkdf2() {
        if (Security.getProvider("BC") == null) {
            Security.addProvider(new BouncyCastleProvider());
        }
        CryptoIntegration.setProvider((CryptoProvider) Proxy.newProxyInstance(CryptoProvider.class.getClassLoader(),
                new Class<?>[] {CryptoProvider.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getSecretKeyFact")) {
                        return SecretKeyFactory.getInstance((String) args[0], "BC"); // as DefaultCryptoProvider
                    }
                    if (method.getName().equals("order")) {
                        return 0;
                    }
                    throw new UnsupportedOperationException(method.getName());
                }));
    }

    private static Pbkdf2PasswordHashProvider keycloak(String algorithm, int maxPadding) {
        String jca = switch (algorithm) {
            case "pbkdf2" -> "PBKDF2WithHmacSHA1";
            case "pbkdf2-sha256" -> "PBKDF2WithHmacSHA256";
            default -> "PBKDF2WithHmacSHA512";
        };
        return new Pbkdf2PasswordHashProvider(algorithm, jca, 210_000, maxPadding);
    }

    /** Vectors of the shared vector file (made by Django 3.2, passlib 1.7, Werkzeug 2.2) and short/non-ASCII ones. */
    @ParameterizedTest(name = "{0} / padding {3}")
    @CsvSource(delimiter = '|', value = {
        "pbkdf2_sha256$260000$LKGIikEk3hzdN81d4CpzyQ$4Muw0MB+vrMOwhJmoxVtU02fYWON+Buv6nZE22WxaWo=|secret|pbkdf2-sha256|0",
        "pbkdf2_sha256$260000$LKGIikEk3hzdN81d4CpzyQ$4Muw0MB+vrMOwhJmoxVtU02fYWON+Buv6nZE22WxaWo=|secret|pbkdf2-sha256|14",
        "pbkdf2_sha1$260000$JQx0B4RBcS1QZ4kxT09EHE$PG/MvHj8uqLN8Sz5440s+AVj0Po=|secret|pbkdf2|14",
        "$pbkdf2-sha256$29000$2Dvn/P9/T.kdY6wVIoTwfg$RbigXfhVOOlQq4B9z/mtQP2x40XfyO0gf8sMTRmLRtw|secret|pbkdf2-sha256|0",
        "pbkdf2:sha256:260000$4IGS3hKVFTjPeBcO$9020883e78f15e5f28ee96f374cea889c3885eb447522c6be91a0d32b7941873|secret|pbkdf2-sha256|14",
    })
    void ofWhenVectorTranslatedThenKeycloaksOwnProviderVerifiesItsPasswordOnly(String stored, String password,
                                                                             String algorithm, int padding) {
        StandardHash hash = VERIFIER.standardForm(stored).orElseThrow();
        PasswordCredentialModel credential = NativeCredentials.of(hash, padding).orElseThrow();

        assertThat(credential.getPasswordCredentialData().getAlgorithm()).isEqualTo(algorithm);
        assertThat(keycloak(algorithm, padding).verify(password, roundTrip(credential))).isTrue();
        assertThat(keycloak(algorithm, padding).verify(password + "x", roundTrip(credential))).isFalse();
        assertThat(keycloak(algorithm, padding).policyCheck(null, roundTrip(credential)))
                .as("not the realm's parameters: Keycloak rehashes at the first login").isFalse();
    }

    /** Short and non-ASCII passwords, hashed as Django does (PBKDF2 over the UTF-8 bytes), under FIPS-style padding. */
    @ParameterizedTest(name = "''{0}''")
    @CsvSource({"a", "abc", "pä", "日本語", "exactly14chars", "a much longer password than the padding"})
    void ofWhenShortOrNonAsciiPasswordThenKeycloakWithPaddingStillMatches(String password) {
        for (String prf : List.of("256", "512")) {
            String stored = prf.equals("256")
                    ? dev.legacybridge.hash.django.DjangoPbkdf2Scheme.encode(
                            password.getBytes(java.nio.charset.StandardCharsets.UTF_8), "padsalt1", 1000)
                    : "pbkdf2:sha512:1000$padsalt1$" + java.util.HexFormat.of().formatHex(
                            pbkdf2Sha512(password));
            PasswordCredentialModel credential = NativeCredentials.of(VERIFIER.standardForm(stored).orElseThrow(), 14)
                    .orElseThrow();
            String algorithm = credential.getPasswordCredentialData().getAlgorithm();
            assertThat(keycloak(algorithm, 14).verify(password, roundTrip(credential))).as(prf).isTrue();
            assertThat(keycloak(algorithm, 0).verify(password, roundTrip(credential))).as(prf).isTrue();
        }
    }

    @Test
    void ofWhenPaddingCouldPushAShortPasswordPastTheHmacBlockThenNoNativeCredential() {
        StandardHash sha256 = VERIFIER.standardForm(
                "pbkdf2_sha256$260000$LKGIikEk3hzdN81d4CpzyQ$4Muw0MB+vrMOwhJmoxVtU02fYWON+Buv6nZE22WxaWo=").orElseThrow();

        assertThat(NativeCredentials.of(sha256, 22)).isPresent();
        assertThat(NativeCredentials.of(sha256, 23)).isEmpty();
    }

    @Test
    void ofWhenArgon2ThenKeycloaksParameterNamesAndBase64SaltAndTag() {
        StandardHash argon2 = VERIFIER.standardForm(
                "argon2$argon2id$v=19$m=102400,t=2,p=8$WTRIQTNlQUtwZk5STnQweVNLVzBHbQ$E/txknYFw4XG5sBkNbwsQw")
                .orElseThrow();

        PasswordCredentialModel credential = roundTrip(NativeCredentials.of(argon2, 0).orElseThrow());

        assertThat(credential.getPasswordCredentialData().getAlgorithm()).isEqualTo("argon2");
        assertThat(credential.getPasswordCredentialData().getHashIterations()).isEqualTo(2);
        var parameters = credential.getPasswordCredentialData().getAdditionalParameters();
        assertThat(List.of(parameters.getFirst("type"), parameters.getFirst("version"),
                parameters.getFirst("hashLength"), parameters.getFirst("memory"), parameters.getFirst("parallelism")))
                .containsExactly("id", "1.3", "16", "102400", "8");
        assertThat(credential.getPasswordSecretData().getSalt()).isEqualTo(
                java.util.Base64.getDecoder().decode("WTRIQTNlQUtwZk5STnQweVNLVzBHbQ=="));
        assertThat(credential.getPasswordSecretData().getValue()).isEqualTo("E/txknYFw4XG5sBkNbwsQw==");
    }

    /** As Keycloak's database gives it back: the JSON texts only. */
    private static PasswordCredentialModel roundTrip(PasswordCredentialModel credential) {
        org.keycloak.credential.CredentialModel stored = new org.keycloak.credential.CredentialModel();
        stored.setType(credential.getType());
        stored.setCredentialData(credential.getCredentialData());
        stored.setSecretData(credential.getSecretData());
        return PasswordCredentialModel.createFromCredentialModel(stored);
    }

    private static byte[] pbkdf2Sha512(String password) {
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512").generateSecret(new javax.crypto.spec.PBEKeySpec(
                    password.toCharArray(), "padsalt1".getBytes(java.nio.charset.StandardCharsets.UTF_8), 1000, 512))
                    .getEncoded();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
