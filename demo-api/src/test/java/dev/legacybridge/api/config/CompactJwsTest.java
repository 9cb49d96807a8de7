package dev.legacybridge.api.config;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class CompactJwsTest {

    private static final String BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    /**
     * The definition of canonical: the JDK's strict base64url decoder accepts the part, and encoding the bytes again
     * without padding gives back the very same string. Checked for every character in every last position of parts of
     * length 1 to 8, and for random parts up to 200 characters, with extra non-alphabet characters mixed in.
     */
    @Test
    void isCanonicalPartWhenAnyPartThenSameAsDecodeAndReencode() {
        List<String> parts = new ArrayList<>();
        for (int length = 1; length <= 8; length++) {
            for (char last = 0; last < 256; last++) {
                parts.add("A".repeat(length - 1) + last);
                parts.add("ZmY".repeat(3).substring(0, length - 1) + last);
            }
        }
        Random random = new Random(7515);
        String alphabet = BASE64URL + "+/=.~ \u00e9";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder part = new StringBuilder();
            int length = 1 + random.nextInt(200);
            for (int j = 0; j < length; j++) {
                part.append(random.nextInt(20) == 0 ? alphabet.charAt(random.nextInt(alphabet.length()))
                        : BASE64URL.charAt(random.nextInt(64)));
            }
            parts.add(part.toString());
        }
        for (String part : parts) {
            assertThat(CompactJws.isCanonicalPart(part, 0, part.length())).as("[%s]", part)
                    .isEqualTo(reencodesToItself(part));
        }
    }

    @Test
    void isCanonicalWhenSignedJwtThenTrue() {
        assertThat(canonical("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2k")).isTrue();
        assertThat(canonical("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2ln")).isTrue();
    }

    @Test
    void isCanonicalWhenSignatureEmptyThenTrueSoThatTheDecoderRefusesAlgNone() {
        assertThat(canonical("eyJhbGciOiJub25lIn0.eyJzdWIiOiJhbGljZSJ9.")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2k=",     // padding
        "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2k==",
        "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2k===",
        "eyJhbGciOiJSUzI1NiJ9=.eyJzdWIiOiJhbGljZSJ9.c2k",     // padding inside
        "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2l",      // non-canonical last character
        "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2+",      // standard base64
        "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2/",
        "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c",        // length 4n+1
        "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9",          // two parts
        "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2k.c2k",  // four parts
        "a.b.c.d.e",                                          // JWE shape
        ".eyJzdWIiOiJhbGljZSJ9.c2k",                          // empty header
        "eyJhbGciOiJSUzI1NiJ9..c2k",                          // empty payload
        "..",
        "",
        "garbage",
        "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2k ",     // trailing space
        "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2\u00e9"
    })
    void isCanonicalWhenNotOneCanonicalSpellingThenFalse(String token) {
        assertThat(canonical(token)).isFalse();
    }

    @Test
    void isCanonicalWhenRangeOfLongerValueThenOnlyThatRangeIsChecked() {
        String header = "Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2k";
        assertThat(CompactJws.isCanonical(header, 7, header.length())).isTrue();
        assertThat(CompactJws.isCanonical(header, 0, header.length())).isFalse();
    }

    private static boolean canonical(String token) {
        return CompactJws.isCanonical(token, 0, token.length());
    }

    private static boolean reencodesToItself(String part) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(part);
        }
        catch (IllegalArgumentException ex) {
            return false;
        }
        return !part.contains("=") && Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(part);
    }
}
