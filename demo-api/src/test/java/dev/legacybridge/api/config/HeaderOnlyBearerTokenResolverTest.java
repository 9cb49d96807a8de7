package dev.legacybridge.api.config;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenError;

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

    private void assertInvalidRequest(MockHttpServletRequest request) {
        assertThatThrownBy(() -> this.resolver.resolve(request))
                .isInstanceOfSatisfying(OAuth2AuthenticationException.class, ex -> {
                    assertThat(ex.getError().getErrorCode()).isEqualTo("invalid_request");
                    assertThat(((BearerTokenError) ex.getError()).getHttpStatus().value()).isEqualTo(400);
                });
    }
}
