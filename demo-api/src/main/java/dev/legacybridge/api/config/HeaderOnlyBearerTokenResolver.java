package dev.legacybridge.api.config;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
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
 */
final class HeaderOnlyBearerTokenResolver implements BearerTokenResolver {

    static final String ACCESS_TOKEN_PARAMETER = "access_token";
    static final String REFUSAL = "Send the access token in the Authorization header; "
            + "the access_token query and form parameters are not accepted";

    private final DefaultBearerTokenResolver headerResolver = new DefaultBearerTokenResolver();

    @Override
    public @Nullable String resolve(HttpServletRequest request) {
        if (inQuery(request.getQueryString()) || inFormBody(request)) {
            throw new OAuth2AuthenticationException(BearerTokenErrors.invalidRequest(REFUSAL));
        }
        return this.headerResolver.resolve(request);
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
