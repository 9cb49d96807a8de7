package dev.legacybridge.api.config;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/**
 * Takes the access token from the {@code Authorization: Bearer} header only, and refuses a request that carries an
 * {@code access_token} URI query parameter (any method) or form-body parameter (RFC 6750 §2.2, §2.3) with
 * {@code 400 invalid_request} (RFC 6750 §3.1). Spring Security's default resolver merely ignores those parameters,
 * so the request would go on as anonymous while the token sits in access logs and browser history.
 *
 * <p>The header is parsed exactly as Spring Security's {@link DefaultBearerTokenResolver} (7.0) does with its default
 * settings: a value starting with {@code bearer} (any case) must be {@code Bearer <token>}, the token matching
 * {@code [a-zA-Z0-9-._~+/]+=*} (ASCII, case-insensitive scheme), or it is {@code invalid_token} "Bearer token is
 * malformed"; any other value is no bearer token. But with a character scan instead of the default resolver's
 * {@code CASE_INSENSITIVE} regex, which costs 20-30 µs per request on a 1.3 KB Keycloak token, about as much as the
 * RS256 signature check (JFR, see docs/benchmarks.md). {@code HeaderOnlyBearerTokenResolverTest} compares both on
 * every {@code char}.
 */
final class HeaderOnlyBearerTokenResolver implements BearerTokenResolver {

    static final String ACCESS_TOKEN_PARAMETER = "access_token";
    static final String REFUSAL = "Send the access token in the Authorization header; "
            + "the access_token query and form parameters are not accepted";
    static final String MALFORMED = "Bearer token is malformed";
    private static final String SCHEME = "bearer";

    /** A table rather than a chain of comparisons: the check runs once per character of a 1.3 KB token. */
    private static final boolean[] TOKEN_CHARS = new boolean[128];

    static {
        for (char c = 0; c < TOKEN_CHARS.length; c++) {
            TOKEN_CHARS[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
        }
    }

    @Override
    public @Nullable String resolve(HttpServletRequest request) {
        if (inQuery(request.getQueryString()) || inFormBody(request)) {
            throw new OAuth2AuthenticationException(BearerTokenErrors.invalidRequest(REFUSAL));
        }
        return fromAuthorizationHeader(request.getHeader(HttpHeaders.AUTHORIZATION));
    }

    /**
     * {@code DefaultBearerTokenResolver}'s header rule: not starting with "bearer" (ignoring case) = no token;
     * otherwise exactly {@code "Bearer" SP 1*tokenchar *"="} (scheme case-insensitive) or invalid_token.
     */
    static @Nullable String fromAuthorizationHeader(@Nullable String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return null;
        }
        int length = authorization.length();
        int start = SCHEME.length() + 1;
        if (length <= start || authorization.charAt(SCHEME.length()) != ' '
                || !asciiEqualsIgnoreCase(authorization, SCHEME)) {
            throw malformed();
        }
        int i = start;
        while (i < length && isTokenChar(authorization.charAt(i))) {
            i++;
        }
        if (i == start) {
            throw malformed();
        }
        while (i < length && authorization.charAt(i) == '=') {
            i++;
        }
        if (i != length) {
            throw malformed();
        }
        return authorization.substring(start);
    }

    /** The regex matches the scheme with ASCII-only case folding ({@code CASE_INSENSITIVE} without UNICODE_CASE). */
    private static boolean asciiEqualsIgnoreCase(String value, String lowerCaseScheme) {
        for (int i = 0; i < lowerCaseScheme.length(); i++) {
            char c = value.charAt(i);
            char lower = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
            if (lower != lowerCaseScheme.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** {@code [a-zA-Z0-9-._~+/]}, the b64token characters of RFC 6750 §2.1 except the trailing "=". */
    private static boolean isTokenChar(char c) {
        return c < TOKEN_CHARS.length && TOKEN_CHARS[c];
    }

    private static OAuth2AuthenticationException malformed() {
        return new OAuth2AuthenticationException(BearerTokenErrors.invalidToken(MALFORMED));
    }

    private static boolean inQuery(@Nullable String query) {
        if (query == null || query.isEmpty()) {
            return false;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            if (ACCESS_TOKEN_PARAMETER.equals(decode(name))) {
                return true;
            }
        }
        return false;
    }

    private static String decode(String name) {
        try {
            return URLDecoder.decode(name, StandardCharsets.UTF_8);
        }
        catch (IllegalArgumentException ex) {
            return name;
        }
    }

    /** Reads parameters only of form-encoded bodies, so JSON and other bodies stay unread. */
    private static boolean inFormBody(HttpServletRequest request) {
        String contentType = request.getContentType();
        if (contentType == null) {
            return false;
        }
        try {
            if (!MediaType.APPLICATION_FORM_URLENCODED.isCompatibleWith(MediaType.parseMediaType(contentType))) {
                return false;
            }
        }
        catch (IllegalArgumentException ex) {
            return false;
        }
        return request.getParameter(ACCESS_TOKEN_PARAMETER) != null;
    }
}
