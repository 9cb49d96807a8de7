package dev.legacybridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 6238, appendix B: the test vectors of the TOTP the integration tests compute codes with. */
class TotpTest {

    private static final byte[] SHA1 = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SHA256 = "12345678901234567890123456789012".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SHA512 = ("1234567890123456789012345678901234567890123456789012345678901234")
            .getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest(name = "{0} at {1}")
    @CsvSource({
        "HmacSHA1, 59, 94287082", "HmacSHA256, 59, 46119246", "HmacSHA512, 59, 90693936",
        "HmacSHA1, 1111111109, 07081804", "HmacSHA256, 1111111109, 68084774", "HmacSHA512, 1111111109, 25091201",
        "HmacSHA1, 1234567890, 89005924", "HmacSHA256, 1234567890, 91819424", "HmacSHA512, 1234567890, 93441116",
        "HmacSHA1, 20000000000, 65353130", "HmacSHA256, 20000000000, 77737706", "HmacSHA512, 20000000000, 47863826",
    })
    void codeWhenRfc6238VectorThenSameEightDigits(String hmac, long time, String expected) {
        byte[] key = switch (hmac) {
            case "HmacSHA1" -> SHA1;
            case "HmacSHA256" -> SHA256;
            default -> SHA512;
        };
        assertThat(Totp.code(key, Instant.ofEpochSecond(time), 30, 8, hmac)).isEqualTo(expected);
    }
}
