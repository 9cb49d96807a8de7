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

/**
 * Where this API takes the access token from, and what it accepts as one, decided before any decoding:
 * <pre>
 * Authorization: Bearer &lt;compact JWS&gt;        the token (scheme case-insensitive, one space, canonical base64url)
 * Authorization: Bearer &lt;anything else&gt;      401 invalid_token "Bearer token is malformed..."
 * Authorization: DPoP ...                    401 invalid_token "The DPoP authorization scheme is not supported..."
 * Authorization: Basic ... (other schemes)   no token: 401 with the bare Bearer challenge where one is needed
 * ?access_token=... or a form parameter      400 invalid_request, even next to a header token
 * </pre>
 * <ul>
 * <li><b>Header only</b> (RFC 6750 §2.1). A token in the URI query (any method) or a form body (§2.2, §2.3) is refused
 * with {@code invalid_request} (§3.1) rather than ignored: Spring Security's default resolver would ignore it and go on
 * anonymously, while the token sits in access logs and browser history.</li>
 * <li><b>One spelling per token.</b> Only a JWS compact serialization in canonical base64url passes
 * ({@link CompactJws}): padding, standard-base64 characters and non-canonical last characters are refused here,
 * before any cache lookup or signature check.</li>
 * <li><b>No DPoP.</b> Spring Security 7 handles {@code Authorization: DPoP} in its own filter, outside this API's error
 * handling (empty body, a DPoP challenge), and Keycloak's DPoP-bound tokens carry {@code "typ": "DPoP"}, which the
 * access-token check ({@code typ} = {@code Bearer}) refuses anyway. This resolver runs first, so such a request is
 * answered like any other unusable token, with this API's problem body and Bearer challenge.</li>
 * </ul>
 */
final class HeaderOnlyBearerTokenResolver implements BearerTokenResolver {

    static final String ACCESS_TOKEN_PARAMETER = "access_token";
    static final String REFUSAL = "Send the access token in the Authorization header; "
            + "the access_token query and form parameters are not accepted";
    static final String MALFORMED = "Bearer token is malformed";
    static final String NOT_COMPACT_JWS = MALFORMED + ": not a signed JWT in canonical base64url (RFC 7515)";
    static final String DPOP_NOT_SUPPORTED = "The DPoP authorization scheme is not supported: "
            + "send the access token as Authorization: Bearer";
    private static final String BEARER = "Bearer";
    private static final String DPOP = "DPoP";

    @Override
    public @Nullable String resolve(HttpServletRequest request) {
        if (inQuery(request.getQueryString()) || inFormBody(request)) {
            throw new OAuth2AuthenticationException(BearerTokenErrors.invalidRequest(REFUSAL));
        }
        return fromAuthorizationHeader(request.getHeader(HttpHeaders.AUTHORIZATION));
    }

    /** The token of an {@code Authorization} header value; null for schemes other than Bearer and DPoP. */
    static @Nullable String fromAuthorizationHeader(@Nullable String authorization) {
        if (authorization == null) {
            return null;
        }
        if (hasScheme(authorization, DPOP)) {
            throw invalidToken(DPOP_NOT_SUPPORTED);
        }
        if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        int start = BEARER.length() + 1;
        if (authorization.length() <= start || authorization.charAt(BEARER.length()) != ' ') {
            throw invalidToken(MALFORMED);
        }
        if (!CompactJws.isCanonical(authorization, start, authorization.length())) {
            throw invalidToken(NOT_COMPACT_JWS);
        }
        return authorization.substring(start);
    }

    /** {@code scheme} (ignoring case), alone or followed by a space: "DPoP" yes, "DPoPx" no. */
    private static boolean hasScheme(String authorization, String scheme) {
        return authorization.regionMatches(true, 0, scheme, 0, scheme.length())
                && (authorization.length() == scheme.length() || authorization.charAt(scheme.length()) == ' ');
    }

    private static OAuth2AuthenticationException invalidToken(String description) {
        return new OAuth2AuthenticationException(BearerTokenErrors.invalidToken(description));
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
