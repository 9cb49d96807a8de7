package dev.legacybridge.keycloak.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.legacybridge.store.OtpTables;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** TOTP keys as legacy apps store them, and Fernet tokens checked against the Fernet spec's own vectors. */
class OtpKeysTest {

    /** github.com/fernet/spec generate.json: this token is "hello" under this key. */
    private static final String SPEC_KEY = "cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e4=";
    private static final String SPEC_TOKEN = "gAAAAAAdwJ6wAAECAwQFBgcICQoLDA0ODy021cpGVWKZ_eEwCGM4BLLF_5CV9dOPmrhuVUPg"
            + "JobwOz7JcbmrR64jVmpU4IwqDA==";

    @Test
    void decryptWhenSpecVectorThenPlaintextAndTimestamp() {
        assertThat(new String(new Fernet(SPEC_KEY).decrypt(SPEC_TOKEN), StandardCharsets.UTF_8)).isEqualTo("hello");
        assertThat(Fernet.timestamp(SPEC_TOKEN)).isEqualTo(499162800L); // 1985-10-26T01:20:00-07:00
    }

    /** github.com/fernet/spec invalid.json (the cases that do not depend on a TTL, which keys at rest do not have). */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "incorrect mac|gAAAAAAdwJ6xAAECAwQFBgcICQoLDA0OD3HkMATM5lFqGaerZ-fWPAl1-szkFVzXTuGb4hR8AKtwcaX1YdykQUFBQUFBQUFBQQ==",
        "too short|gAAAAAAdwJ6xAAECAwQFBgcICQoLDA0OD3HkMATM5lFqGaerZ-fWPA==",
        "invalid base64|%%%%%%%%%%%%%AECAwQFBgcICQoLDA0OD3HkMATM5lFqGaerZ-fWPAl1-szkFVzXTuGb4hR8AKtwcaX1YdykRtfsH-p1YsUD2Q==",
        "payload size not multiple of block size|gAAAAAAdwJ6xAAECAwQFBgcICQoLDA0OD3HkMATM5lFqGaerZ-fWPOm73QeoCk9uGib28Xe5vz6oxq5nmxbx_v7mrfyudzUm",
        "payload padding error|gAAAAAAdwJ6xAAECAwQFBgcICQoLDA0ODz4LEpdELGQAad7aNEHbf-JkLPIpuiYRLQ3RtXatOYREu2FWke6CnJNYIbkuKNqOhw==",
        "incorrect IV (causes padding error)|gAAAAAAdwJ6xBQECAwQFBgcICQoLDA0OD3HkMATM5lFqGaerZ-fWPAkLhFLHpGtDBRLRTZeUfWgHSv49TF2AUEZ1TIvcZjK1zQ==",
        "invalid non-urlsafe characters in b64|gAAAAAAdwJ6wAAEC/AwQFBgcICQoLDA0ODy+021cpGVWKZ_eEwCGM4BLLF_5CV9dOPmrhuVUPgJobwOz7JcbmrR64jVmpU4IwqDA==",
    })
    void decryptWhenSpecInvalidTokenThenRefusedWithoutQuotingIt(String description, String token) {
        assertThatThrownBy(() -> new Fernet(SPEC_KEY).decrypt(token)).as(description)
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(token.substring(0, 20)));
    }

    @Test
    void decodeWhenDjangoOtpHexThenKeyBytes() {
        OtpKeys keys = OtpKeys.of(OtpTables.Kind.DJANGO_OTP, "hex", null);

        assertThat(keys.decode("3132333435363738393031323334353637383930"))
                .isEqualTo("12345678901234567890".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> keys.decode("not hex")).hasMessage("the key is not hex");
        assertThatThrownBy(() -> keys.decode("")).hasMessage("the key is empty");
    }

    @Test
    void decodeWhenSecretColumnBase32ThenCaseSpacesAndPaddingIgnored() {
        OtpKeys keys = OtpKeys.of(OtpTables.Kind.SECRET_COLUMN, "base32", null);

        assertThat(keys.decode("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"))
                .isEqualTo("12345678901234567890".getBytes(StandardCharsets.US_ASCII));
        assertThat(keys.decode("gezd gnbv gy3t qojq gezd gnbv gy3t qojq")).hasSize(20);
        assertThat(keys.decode("MFRGG===")).isEqualTo("abc".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> keys.decode("GEZ1")).hasMessage("the key is not base32");
    }

    @Test
    void decodeWhenFernetEncryptedHexThenDecryptedFirst() throws Exception {
        String hexKey = "3132333435363738393031323334353637383930";
        String token = FernetTokens.encrypt(SPEC_KEY, hexKey.getBytes(StandardCharsets.US_ASCII));
        OtpKeys keys = OtpKeys.of(OtpTables.Kind.DJANGO_OTP, "hex", SPEC_KEY);

        assertThat(keys.decode(token)).isEqualTo("12345678901234567890".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> OtpKeys.of(OtpTables.Kind.DJANGO_OTP, "hex",
                "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=").decode(token))
                .hasMessage("the Fernet token's MAC does not match this key");
    }
}
