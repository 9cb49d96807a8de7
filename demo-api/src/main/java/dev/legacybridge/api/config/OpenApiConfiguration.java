package dev.legacybridge.api.config;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.OAuthFlow;
import io.swagger.v3.oas.models.security.OAuthFlows;
import io.swagger.v3.oas.models.security.Scopes;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

/**
 * The OpenAPI document and what Swagger UI's Authorize button offers. Two schemes:
 * <ul>
 * <li>{@value #OAUTH2}: OAuth2 with the password flow (as in the tutorial) and the authorization code flow (with PKCE,
 * switched on by {@code springdoc.swagger-ui.oauth.use-pkce-with-authorization-code-grant}), both against the realm's
 * endpoints {@code <issuer>/protocol/openid-connect/auth} and {@code /token}, where {@code <issuer>} is the realm URL
 * as the <em>browser</em> sees it ({@code demo-api.openapi.issuer-uri}, default: the resource server's
 * {@code issuer-uri}); the client is {@code springdoc.swagger-ui.oauth.client-id} ({@code swagger-ui}).</li>
 * <li>{@value #BEARER}: paste an access token obtained elsewhere (e.g. with curl and {@code demo-cli}).</li>
 * </ul>
 * Every operation that names a scheme also gets a 401 response with the {@value #PROBLEM_SCHEMA} schema.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({DemoApiProperties.class, OAuth2ResourceServerProperties.class})
public class OpenApiConfiguration {

    public static final String OAUTH2 = "keycloak";
    public static final String BEARER = "bearer";
    public static final String PROBLEM_SCHEMA = "ProblemDetail";
    public static final String PROBLEM_SCHEMA_REF = "#/components/schemas/" + PROBLEM_SCHEMA;
    public static final String PROBLEM_JSON = "application/problem+json";

    @Bean
    OpenAPI demoApiOpenApi(DemoApiProperties properties, OAuth2ResourceServerProperties resourceServer) {
        String issuer = StringUtils.hasText(properties.openapi().issuerUri())
                ? properties.openapi().issuerUri()
                : resourceServer.getJwt().getIssuerUri();
        String realm = issuer == null ? "" : issuer.replaceAll("/+$", "");
        String tokenUrl = realm + "/protocol/openid-connect/token";
        Scopes scopes = new Scopes()
                .addString("openid", "OpenID Connect sign-in (adds an ID token; not needed by this API)")
                .addString(Authorities.READ_POSTS, "Read posts")
                .addString(Authorities.WRITE_POSTS, "Create posts; deleting also needs the realm role admin");
        OAuthFlows flows = new OAuthFlows()
                .password(new OAuthFlow().tokenUrl(tokenUrl).refreshUrl(tokenUrl).scopes(scopes))
                .authorizationCode(new OAuthFlow()
                        .authorizationUrl(realm + "/protocol/openid-connect/auth")
                        .tokenUrl(tokenUrl)
                        .refreshUrl(tokenUrl)
                        .scopes(scopes));
        return new OpenAPI()
                .info(new Info()
                        .title("Legacy Bridge demo API")
                        .version("1.0.0")
                        .description("Resource server for access tokens of the Keycloak realm at " + realm
                                + ". Scopes become SCOPE_ authorities, realm roles ROLE_ authorities. "
                                + "Errors are RFC 9457 problem details; 401 and 403 carry an RFC 6750 "
                                + "WWW-Authenticate challenge."))
                .components(new Components()
                        .addSecuritySchemes(OAUTH2, new SecurityScheme()
                                .type(SecurityScheme.Type.OAUTH2)
                                .description("Keycloak realm " + realm + " (client "
                                        + properties.openapi().clientId() + ")")
                                .flows(flows))
                        .addSecuritySchemes(BEARER, new SecurityScheme()
                                .type(SecurityScheme.Type.HTTP)
                                .scheme("bearer")
                                .bearerFormat("JWT")
                                .description("An access token of the realm, sent as Authorization: Bearer <token>"))
                        .addSchemas(PROBLEM_SCHEMA, problemSchema()));
    }

    /** Adds the 401 response to every operation that requires a token, so no controller has to repeat it. */
    @Bean
    OperationCustomizer unauthorizedResponse() {
        return (operation, handlerMethod) -> {
            if (operation.getSecurity() == null || operation.getSecurity().isEmpty()) {
                return operation;
            }
            if (operation.getResponses() == null) {
                operation.setResponses(new ApiResponses());
            }
            operation.getResponses().computeIfAbsent("401", code -> new ApiResponse()
                    .description("No token, or an invalid, expired or foreign one; WWW-Authenticate: "
                            + "Bearer realm=..., with error=\"invalid_token\" when a bad token was sent")
                    .content(problemContent()));
            return operation;
        };
    }

    static Content problemContent() {
        return new Content().addMediaType(PROBLEM_JSON,
                new MediaType().schema(new Schema<>().$ref(PROBLEM_SCHEMA_REF)));
    }

    /** RFC 9457 members plus the extension members this API adds. */
    @SuppressWarnings("rawtypes")
    private static Schema<?> problemSchema() {
        ObjectSchema fieldError = new ObjectSchema();
        fieldError.setProperties(Map.<String, Schema>of(
                "field", new StringSchema(),
                "message", new StringSchema()));
        Schema<?> problem = new ObjectSchema()
                .description("RFC 9457 problem details")
                .addProperty("type", new StringSchema().format("uri").example("about:blank"))
                .addProperty("title", new StringSchema().example("Forbidden"))
                .addProperty("status", new IntegerSchema().example(403))
                .addProperty("detail", new StringSchema().example("Permission denied"))
                .addProperty("instance", new StringSchema().format("uri").example("/posts"))
                .addProperty("error", new StringSchema()
                        .description("RFC 6750 error code on 400/401/403 from token checks")
                        .example("insufficient_scope"))
                .addProperty("error_description", new StringSchema())
                .addProperty("required_scopes", new ArraySchema().items(new StringSchema()))
                .addProperty("required_roles", new ArraySchema().items(new StringSchema()))
                .addProperty("errors", new ArraySchema().items(fieldError)
                        .description("Field errors of an invalid request body"));
        problem.setRequired(List.of("title", "status"));
        return problem;
    }
}
