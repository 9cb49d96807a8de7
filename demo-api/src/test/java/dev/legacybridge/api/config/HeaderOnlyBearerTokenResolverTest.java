package dev.legacybridge.api.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;

import com.nimbusds.jose.util.Base64URL;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenError;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Where the token is taken from and which spellings are accepted: all decided here, before any decoding, cache lookup
 * or signature check.
 */
class HeaderOnlyBearerTokenResolverTest {

    private static final String BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private static final String HEADER_AND_PAYLOAD = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.";
    /** 256 bytes, as an RSA-2048 signature: a base64url part of length 4n+2, whose last character has 4 unused bits. */
    private static final String SIGNATURE = signature();
    private static final String TOKEN = HEADER_AND_PAYLOAD + SIGNATURE;

    private final HeaderOnlyBearerTokenResolver resolver = new HeaderOnlyBearerTokenResolver();

    private static String signature() {
        byte[] bytes = new byte[256];
        new Random(6750).nextBytes(bytes);
        bytes[0] = (byte) 0xfb;   // encodes to '+'/'-' in the first character: the standard-base64 spelling differs
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Test
    void resolveWhenAuthorizationHeaderThenToken() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/posts");
        request.addHeader(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN);

        assertThat(this.resolver.resolve(request)).isEqualTo(TOKEN);
    }

    @Test
    void resolveWhenNoTokenThenNull() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/posts");
        request.setQueryString("page=1");

        assertThat(this.resolver.resolve(request)).isNull();
    }

    @Test
    void resolveWhenAccessTokenInQueryThenInvalidRequest() {
        MockHttpServletRequest request = new MockHttpServletRequest("DELETE", "/posts/1");
        request.setQueryString("x=1&access_token=abc");

        assertInvalidRequest(request);
    }

    @Test
    void resolveWhenPercentEncodedParameterNameThenInvalidRequest() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/posts");
        request.setQueryString("access%5Ftoken=abc");

        assertInvalidRequest(request);
    }

    @Test
    void resolveWhenMalformedQueryThenIgnored() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/posts");
        request.setQueryString("a=%zz&b");

        assertThat(this.resolver.resolve(request)).isNull();
    }

    @Test
    void resolveWhenAccessTokenInFormBodyThenInvalidRequest() {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/posts");
        request.setContentType(MediaType.APPLICATION_FORM_URLENCODED_VALUE + ";charset=UTF-8");
        request.addParameter("access_token", "abc");

        assertInvalidRequest(request);
    }

    @Test
    void resolveWhenJsonBodyThenBodyNotRead() {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/posts");
        request.setContentType(MediaType.APPLICATION_JSON_VALUE);
        request.addParameter("access_token", "abc");
        request.addHeader(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN);

        assertThat(this.resolver.resolve(request)).isEqualTo(TOKEN);
    }

    @Test
    void resolveWhenSchemeInAnyCaseThenToken() {
        for (String scheme : new String[] {"Bearer", "bearer", "BEARER", "bEaReR"}) {
            assertThat(HeaderOnlyBearerTokenResolver.fromAuthorizationHeader(scheme + " " + TOKEN)).isEqualTo(TOKEN);
        }
    }

    @Test
    void resolveWhenOtherSchemeThenNoToken() {
        for (String value : new String[] {"Basic YWxpY2U6c2VjcmV0", "Digest username=\"alice\"", "Negotiate abc",
            "DPoPx abc", "", " Bearer " + TOKEN}) {
            assertThat(HeaderOnlyBearerTokenResolver.fromAuthorizationHeader(value)).as(value).isNull();
        }
    }

    @Test
    void resolveWhenEmptyOrMisspacedBearerThenInvalidTokenMalformed() {
        for (String value : new String[] {"Bearer ", "Bearer", "Bearerabc", "Bearer\t" + TOKEN}) {
            assertInvalidToken(value, HeaderOnlyBearerTokenResolver.MALFORMED);
        }
    }

    @Test
    void resolveWhenNotACompactJwsThenInvalidTokenBeforeAnyDecoding() {
        for (String value : new String[] {"Bearer  " + TOKEN, "Bearer " + TOKEN + " ", "Bearer " + TOKEN + " x",
            "Bearer abc", "Bearer a.b", "Bearer =", "Bearer a=b", "Bearer abc\n", "Bearer ab%cd",
            "Bearer " + TOKEN + "." + SIGNATURE, "Bearer " + "x".repeat(5000)}) {
            assertInvalidToken(value, HeaderOnlyBearerTokenResolver.NOT_COMPACT_JWS);
        }
    }

    /**
     * The spellings of one token that base64 decoders, Nimbus's among them, decode to the same bytes: any number of
     * {@code =} appended, the signature in standard base64 ({@code +} and {@code /}), a last character whose unused
     * bits are set. Each would be a separate string for a cache or a deny list, and a separate signature check.
     */
    @Test
    void resolveWhenOtherSpellingOfTheSameTokenThenInvalidToken() {
        String signature = SIGNATURE;
        assertThat(Base64.getUrlDecoder().decode(signature)).hasSize(256);   // length 4n+2: 4 unused bits
        List<String> spellings = new ArrayList<>();
        for (int padding = 1; padding <= 4; padding++) {
            spellings.add(TOKEN + "=".repeat(padding));
        }
        String standard = signature.replace('-', '+').replace('_', '/');
        assertThat(standard).isNotEqualTo(signature);
        spellings.add(HEADER_AND_PAYLOAD + standard);
        char last = signature.charAt(signature.length() - 1);
        for (int bits = 1; bits < 16; bits++) {
            char sameBytes = BASE64URL.charAt(BASE64URL.indexOf(last) | bits);
            spellings.add(HEADER_AND_PAYLOAD + signature.substring(0, signature.length() - 1) + sameBytes);
        }
        for (String spelling : spellings) {
            assertThat(decodesLikeTheToken(spelling)).as("%s decodes to the same bytes", spelling).isTrue();
            assertInvalidToken("Bearer " + spelling, HeaderOnlyBearerTokenResolver.NOT_COMPACT_JWS);
        }
        assertThat(HeaderOnlyBearerTokenResolver.fromAuthorizationHeader("Bearer " + TOKEN)).isEqualTo(TOKEN);
    }

    @Test
    void resolveWhenDpopSchemeThenInvalidTokenNotSupported() {
        for (String value : new String[] {"DPoP " + TOKEN, "dpop " + TOKEN, "DPoP", "DPoP garbage"}) {
            assertInvalidToken(value, HeaderOnlyBearerTokenResolver.DPOP_NOT_SUPPORTED);
        }
    }

    private static void assertInvalidToken(String authorization, String description) {
        assertThatThrownBy(() -> HeaderOnlyBearerTokenResolver.fromAuthorizationHeader(authorization))
                .as(authorization)
                .isInstanceOfSatisfying(OAuth2AuthenticationException.class, ex -> {
                    assertThat(ex.getError().getErrorCode()).isEqualTo("invalid_token");
                    assertThat(ex.getError().getDescription()).isEqualTo(description);
                    assertThat(((BearerTokenError) ex.getError()).getHttpStatus().value()).isEqualTo(401);
                });
    }

    /** Nimbus decodes each part leniently, as most base64 decoders do. */
    private static boolean decodesLikeTheToken(String spelling) {
        String[] parts = spelling.split("\\.");
        String[] original = TOKEN.split("\\.");
        for (int i = 0; i < 3; i++) {
            if (!Arrays.equals(new Base64URL(parts[i]).decode(), new Base64URL(original[i]).decode())) {
                return false;
            }
        }
        return true;
    }

    private void assertInvalidRequest(MockHttpServletRequest request) {
        assertThatThrownBy(() -> this.resolver.resolve(request))
                .isInstanceOfSatisfying(OAuth2AuthenticationException.class, ex -> {
                    assertThat(ex.getError().getErrorCode()).isEqualTo("invalid_request");
                    assertThat(((BearerTokenError) ex.getError()).getHttpStatus().value()).isEqualTo(400);
                });
    }
}
