package dev.legacybridge.api.config;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenError;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HeaderOnlyBearerTokenResolverTest {

    private final HeaderOnlyBearerTokenResolver resolver = new HeaderOnlyBearerTokenResolver();

    @Test
    void resolveWhenAuthorizationHeaderThenToken() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/posts");
        request.addHeader(HttpHeaders.AUTHORIZATION, "Bearer abc.def.ghi");

        assertThat(this.resolver.resolve(request)).isEqualTo("abc.def.ghi");
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
        request.addHeader(HttpHeaders.AUTHORIZATION, "Bearer header-token");

        assertThat(this.resolver.resolve(request)).isEqualTo("header-token");
    }

    @Test
    void resolveWhenMalformedBearerThenInvalidTokenMalformed() {
        for (String value : new String[] {"Bearer ", "Bearer", "Bearer  abc", "Bearer abc def", "Bearer =", "Bearerabc",
            "Bearer a=b", "Bearer abc\n", "Bearer ab%cd"}) {
            MockHttpServletRequest request = new MockHttpServletRequest("GET", "/posts");
            request.addHeader(HttpHeaders.AUTHORIZATION, value);
            assertThatThrownBy(() -> this.resolver.resolve(request)).as(value)
                    .isInstanceOfSatisfying(OAuth2AuthenticationException.class, ex -> {
                        assertThat(ex.getError().getErrorCode()).isEqualTo("invalid_token");
                        assertThat(ex.getError().getDescription()).isEqualTo("Bearer token is malformed");
                    });
        }
    }

    /**
     * The hand-written header parser must accept, refuse and ignore exactly what Spring Security's default resolver
     * (and its regex) does: every {@code char} inside the token; and Latin-1/Latin Extended, every 61st {@code char}
     * and the characters with special case folding (dotted/dotless i, long s, Kelvin, Angstrom) as the token, after
     * the padding, in place of each letter of the scheme and of the space; plus edge cases.
     */
    @Test
    void resolveWhenAnyAuthorizationHeaderThenSameOutcomeAsSpringDefaultResolver() {
        DefaultBearerTokenResolver spring = new DefaultBearerTokenResolver();
        List<String> values = new ArrayList<>(List.of("", " ", "Bearer", "Bearer ", "bearer abc", "BEARER abc",
                "BeArEr abc", "Bearer abc==", "Bearer abc=", "Bearer a==b", "Bearer ==", "Bearer abc ", " Bearer abc",
                "Bearer\tabc", "Basic YWxpY2U6c2VjcmV0", "DPoP abc", "Bearerabc", "Bearer abc.def.ghi",
                "Bearer " + "x".repeat(5000)));
        for (char c = 0; c < Character.MAX_VALUE; c++) {
            values.add("Bearer a" + c);
            boolean sampled = c < 0x250 || c % 61 == 0 || "\u0130\u0131\u017f\u212a\u212b".indexOf(c) >= 0;
            if (sampled) {
                values.add("Bearer " + c);
                values.add("Bearer a=" + c);
                values.add("Bearer" + c + "a");
                for (int i = 0; i < 6; i++) {
                    values.add("Bearer".substring(0, i) + c + "Bearer".substring(i + 1) + " a");
                }
            }
        }
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/posts");
        for (String value : values) {
            request.removeHeader(HttpHeaders.AUTHORIZATION);
            request.addHeader(HttpHeaders.AUTHORIZATION, value);
            String expected = outcome(() -> spring.resolve(request));
            String actual = outcome(() -> this.resolver.resolve(request));
            if (!expected.equals(actual)) {
                assertThat(actual).as("Authorization: [%s]", value).isEqualTo(expected);
            }
        }
    }

    private static String outcome(Supplier<String> resolve) {
        try {
            String token = resolve.get();
            return token == null ? "no token" : "token " + token;
        }
        catch (OAuth2AuthenticationException ex) {
            return "error " + ex.getError().getErrorCode() + " " + ex.getError().getDescription();
        }
    }

    private void assertInvalidRequest(MockHttpServletRequest request) {
        assertThatThrownBy(() -> this.resolver.resolve(request))
                .isInstanceOfSatisfying(OAuth2AuthenticationException.class, ex -> {
                    assertThat(ex.getError().getErrorCode()).isEqualTo("invalid_request");
                    assertThat(((BearerTokenError) ex.getError()).getHttpStatus().value()).isEqualTo(400);
                });
    }
}
