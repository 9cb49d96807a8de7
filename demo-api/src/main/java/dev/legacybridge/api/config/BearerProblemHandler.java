package dev.legacybridge.api.config;

import java.io.IOException;
import java.net.URI;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authorization.AuthorityAuthorizationDecision;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.server.resource.BearerTokenError;
import org.springframework.security.oauth2.server.resource.BearerTokenErrorCodes;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.util.StringUtils;

/**
 * Answers every authentication and authorization failure of the filter chain with an RFC 6750 challenge and an
 * RFC 9457 {@code application/problem+json} body. The cases (challenge, then body members):
 * <pre>
 * no token                     401 Bearer realm="demo-api"
 *                                  "detail":"Not authenticated"
 * bad, expired, foreign token  401 Bearer realm="demo-api", error="invalid_token", error_description="Jwt expired ..."
 *                                  "detail":"Could not validate credentials", "error", "error_description"
 * token in query or form       400 Bearer realm="demo-api", error="invalid_request", error_description="Send the ..."
 *                                  "detail":"Send the access token ...", "error":"invalid_request"
 * scope missing                403 Bearer realm="demo-api", error="insufficient_scope",
 *                                  error_description="The request requires scope read:posts", scope="read:posts"
 *                                  "detail":"Permission denied", "error", "required_scopes":["read:posts"]
 * role missing (scope present) 403 Bearer realm="demo-api", error="insufficient_scope",
 *                                  error_description="The request requires realm role admin"
 *                                  "detail":"Permission denied", "error", "required_roles":["admin"]
 * keys unreachable             503 (no challenge) "detail":"The access token could not be verified: ..."
 * </pre>
 * A missing role is reported as {@code insufficient_scope} too (RFC 6750 has no other code for "token valid but not
 * enough"), without a {@code scope} attribute since no scope would help; the role is named in
 * {@code error_description} and in {@code required_roles}. The required authorities come from the denied decision
 * of the rule ({@code AllAuthoritiesAuthorizationManager} reports the missing ones).
 */
final class BearerProblemHandler
        implements AuthenticationEntryPoint, AccessDeniedHandler, AuthenticationFailureHandler {

    private static final Logger log = LoggerFactory.getLogger(BearerProblemHandler.class);
    private static final JacksonJsonHttpMessageConverter JSON = new JacksonJsonHttpMessageConverter();

    private final String realmName;

    BearerProblemHandler(String realmName) {
        this.realmName = realmName;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException exception) throws IOException {
        Map<String, String> challenge = challenge();
        if (exception instanceof OAuth2AuthenticationException oauth2) {
            OAuth2Error error = oauth2.getError();
            HttpStatus status = error instanceof BearerTokenError bearer ? bearer.getHttpStatus()
                    : HttpStatus.UNAUTHORIZED;
            challenge.put("error", error.getErrorCode());
            String description = error.getDescription();
            if (StringUtils.hasText(description)) {
                challenge.put("error_description", description);
            }
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(status,
                    status == HttpStatus.UNAUTHORIZED ? "Could not validate credentials" : description);
            problem.setProperty("error", error.getErrorCode());
            if (StringUtils.hasText(description)) {
                problem.setProperty("error_description", description);
            }
            write(request, response, challenge, problem);
            return;
        }
        write(request, response, challenge, ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
                "Not authenticated"));
    }

    /**
     * Failure of a sent token. {@link AuthenticationServiceException} means the token could not be checked at all
     * (JWKS or discovery unreachable, Keycloak down): 503, since the token may well be valid. Spring Security's own
     * failure handler rethrows those into the servlet container, which logs a stack trace per request and answers
     * 500; everything else is a bad token and goes to {@link #commence}.
     */
    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException exception) throws IOException {
        if (exception instanceof AuthenticationServiceException) {
            log.warn("Token verification unavailable: {}", exception.getMessage());
            write(request, response, Map.of(), ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                    "The access token could not be verified: the realm's signing keys are unavailable. "
                            + "Try again later."));
            return;
        }
        commence(request, response, exception);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response,
            AccessDeniedException exception) throws IOException {
        List<String> missing = missingAuthorities(exception);
        List<String> scopes = stripped(missing, Authorities.SCOPE_PREFIX);
        List<String> roles = stripped(missing, Authorities.ROLE_PREFIX);
        Map<String, String> challenge = challenge();
        challenge.put("error", BearerTokenErrorCodes.INSUFFICIENT_SCOPE);
        challenge.put("error_description", describe(scopes, roles));
        if (!scopes.isEmpty()) {
            challenge.put("scope", String.join(" ", scopes));
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, "Permission denied");
        problem.setProperty("error", BearerTokenErrorCodes.INSUFFICIENT_SCOPE);
        if (!scopes.isEmpty()) {
            problem.setProperty("required_scopes", scopes);
        }
        if (!roles.isEmpty()) {
            problem.setProperty("required_roles", roles);
        }
        write(request, response, challenge, problem);
    }

    private Map<String, String> challenge() {
        Map<String, String> challenge = new LinkedHashMap<>();
        challenge.put("realm", this.realmName);
        return challenge;
    }

    private static List<String> missingAuthorities(AccessDeniedException exception) {
        if (exception instanceof AuthorizationDeniedException denied
                && denied.getAuthorizationResult() instanceof AuthorityAuthorizationDecision decision) {
            Collection<GrantedAuthority> authorities = decision.getAuthorities();
            return authorities.stream().map(GrantedAuthority::getAuthority).toList();
        }
        return List.of();
    }

    private static List<String> stripped(List<String> authorities, String prefix) {
        return authorities.stream()
                .filter(authority -> authority.startsWith(prefix))
                .map(authority -> authority.substring(prefix.length()))
                .toList();
    }

    private static String describe(List<String> scopes, List<String> roles) {
        if (scopes.isEmpty() && roles.isEmpty()) {
            return "The request requires higher privileges than provided by the access token";
        }
        StringBuilder description = new StringBuilder("The request requires");
        if (!scopes.isEmpty()) {
            description.append(scopes.size() == 1 ? " scope " : " scopes ").append(String.join(", ", scopes));
        }
        if (!roles.isEmpty()) {
            description.append(scopes.isEmpty() ? "" : " and")
                    .append(roles.size() == 1 ? " realm role " : " realm roles ").append(String.join(", ", roles));
        }
        return description.toString();
    }

    private static void write(HttpServletRequest request, HttpServletResponse response, Map<String, String> challenge,
            ProblemDetail problem) throws IOException {
        try {
            problem.setInstance(URI.create(request.getRequestURI()));
        }
        catch (IllegalArgumentException ex) {
            // leave instance out rather than fail the error response
        }
        response.setStatus(problem.getStatus());
        if (!challenge.isEmpty()) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer " + challenge.entrySet().stream()
                    .map(entry -> entry.getKey() + "=\"" + quotable(entry.getValue()) + "\"")
                    .collect(Collectors.joining(", ")));
        }
        JSON.write(problem, MediaType.APPLICATION_PROBLEM_JSON, new ServletServerHttpResponse(response));
    }

    /** RFC 6750 §3: attribute values are limited to %x20-21 / %x23-5B / %x5D-7E; anything else becomes '?'. */
    static String quotable(String value) {
        StringBuilder quotable = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            quotable.append(c >= 0x20 && c <= 0x7E && c != '"' && c != '\\' ? c : '?');
        }
        return quotable.toString();
    }
}
