package dev.legacybridge.api.web;

import java.util.List;
import java.util.Map;

import dev.legacybridge.api.config.KeycloakJwtAuthenticationConverter;
import dev.legacybridge.api.config.SecurityConfiguration;
import dev.legacybridge.api.posts.PostStore;
import dev.legacybridge.api.posts.PostsConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.JwtRequestPostProcessor;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.head;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Every rule of {@link SecurityConfiguration} with an allowed, a forbidden and an unauthenticated case, the RFC 6750
 * challenges and the RFC 9457 bodies. Tokens come from {@code jwt()} with the app's own authority mapping
 * ({@link KeycloakJwtAuthenticationConverter#authorities}); signature and claim checks on real tokens are in
 * {@code RealTokenSecurityTest}. Rules that need only authentication ({@code /users/me...}) have no 403 case.
 */
@WebMvcTest(controllers = {UserController.class, PostController.class, BenchmarkTwinController.class,
    SecurityRulesTest.FailingController.class})
@Import({SecurityConfiguration.class, PostsConfiguration.class, SecurityRulesTest.FailingController.class})
class SecurityRulesTest {

    static final String NO_TOKEN_CHALLENGE = "Bearer realm=\"demo-api\"";

    @Autowired
    MockMvc mvc;

    @Autowired
    PostStore posts;

    @BeforeEach
    void emptyStore() {
        this.posts.findAll().forEach(post -> this.posts.delete(post.id()));
    }

    static JwtRequestPostProcessor token(String scope, String... roles) {
        return jwt().jwt(jwt -> jwt
                        .subject("0b5f3c1e-9a55-4a6b-8f5e-2d1c3b4a5f60")
                        .claim("preferred_username", "alice")
                        .claim("email", "alice@example.org")
                        .claim("name", "Alice Liddell")
                        .claim("scope", scope)
                        .claim("realm_access", Map.of("roles", List.of(roles))))
                .authorities(KeycloakJwtAuthenticationConverter::authorities);
    }

    static void expectUnauthenticated(ResultActions result) throws Exception {
        result.andExpect(status().isUnauthorized())
                .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, NO_TOKEN_CHALLENGE))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(401))
                .andExpect(jsonPath("$.title").value("Unauthorized"))
                .andExpect(jsonPath("$.detail").value("Not authenticated"));
    }

    static void expectMissingScope(ResultActions result, String scope) throws Exception {
        result.andExpect(status().isForbidden())
                .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"demo-api\", "
                        + "error=\"insufficient_scope\", error_description=\"The request requires scope " + scope
                        + "\", scope=\"" + scope + "\""))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(403))
                .andExpect(jsonPath("$.detail").value("Permission denied"))
                .andExpect(jsonPath("$.error").value("insufficient_scope"))
                .andExpect(jsonPath("$.required_scopes[0]").value(scope));
    }

    // GET /users/me: any token

    @Test
    void meWhenTokenThenProfileFromClaims() throws Exception {
        this.mvc.perform(get("/users/me").with(token("openid read:posts", "admin", "staff")))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.sub").value("0b5f3c1e-9a55-4a6b-8f5e-2d1c3b4a5f60"))
                .andExpect(jsonPath("$.username").value("alice"))
                .andExpect(jsonPath("$.email").value("alice@example.org"))
                .andExpect(jsonPath("$.full_name").value("Alice Liddell"))
                .andExpect(jsonPath("$.roles").value(org.hamcrest.Matchers.contains("admin", "staff")))
                .andExpect(jsonPath("$.scopes").value(org.hamcrest.Matchers.contains("openid", "read:posts")));
    }

    @Test
    void meWhenTokenWithoutScopesThenAllowed() throws Exception {
        this.mvc.perform(get("/users/me").with(token("")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.scopes", hasSize(0)));
    }

    @Test
    void meWhenNoTokenThenUnauthorized() throws Exception {
        expectUnauthenticated(this.mvc.perform(get("/users/me")));
    }

    @Test
    void meWhenNoNameClaimThenFullNameFromGivenAndFamilyName() throws Exception {
        this.mvc.perform(get("/users/me").with(jwt().jwt(jwt -> jwt.claim("preferred_username", "bob")
                        .claim("given_name", "Bob").claim("family_name", "Builder"))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.full_name").value("Bob Builder"))
                .andExpect(jsonPath("$.email").doesNotExist());
    }

    // GET /users/me/items: any token

    @Test
    void itemsWhenTokenThenTutorialItemAndOwnPosts() throws Exception {
        this.posts.add("alice", "mine", "text");
        this.posts.add("bob", "not mine", "text");

        this.mvc.perform(get("/users/me/items").with(token("")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$", hasSize(2)))
                .andExpect(jsonPath("$[0].item_id").value("Foo"))
                .andExpect(jsonPath("$[0].owner").value("alice"))
                .andExpect(jsonPath("$[1].item_id", containsString("post-")))
                .andExpect(jsonPath("$[1].owner").value("alice"));
    }

    @Test
    void itemsWhenNoTokenThenUnauthorized() throws Exception {
        expectUnauthenticated(this.mvc.perform(get("/users/me/items")));
    }

    // GET /posts: SCOPE_read:posts

    @Test
    void listPostsWhenReadScopeThenOk() throws Exception {
        this.posts.add("bob", "Hello", "World");
        this.mvc.perform(get("/posts").with(token("openid read:posts")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].title").value("Hello"))
                .andExpect(jsonPath("$[0].author").value("bob"))
                .andExpect(jsonPath("$[0].created_at").isString());
    }

    @Test
    void listPostsWhenOnlyWriteScopeThenForbiddenWithInsufficientScope() throws Exception {
        expectMissingScope(this.mvc.perform(get("/posts").with(token("openid write:posts", "admin"))), "read:posts");
    }

    @Test
    void listPostsWhenHeadWithoutReadScopeThenForbidden() throws Exception {
        expectMissingScope(this.mvc.perform(head("/posts").with(token("write:posts"))), "read:posts");
        this.mvc.perform(head("/posts").with(token("read:posts"))).andExpect(status().isOk());
    }

    @Test
    void listPostsWhenNoTokenThenUnauthorized() throws Exception {
        expectUnauthenticated(this.mvc.perform(get("/posts")));
    }

    @Test
    void listPostsWhenAcceptHtmlAndNoTokenThenStillProblemJson() throws Exception {
        expectUnauthenticated(this.mvc.perform(get("/posts").accept(MediaType.TEXT_HTML)));
    }

    // GET /posts/{id}: SCOPE_read:posts

    @Test
    void getPostWhenReadScopeThenOk() throws Exception {
        long id = this.posts.add("bob", "Hello", "World").id();
        this.mvc.perform(get("/posts/{id}", id).with(token("read:posts")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(id));
    }

    @Test
    void getPostWhenUnknownIdThenNotFoundProblem() throws Exception {
        this.mvc.perform(get("/posts/424242").with(token("read:posts")))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("No post with id 424242"))
                .andExpect(jsonPath("$.instance").value("/posts/424242"));
    }

    @Test
    void getPostWhenIdNotNumberThenBadRequestProblem() throws Exception {
        this.mvc.perform(get("/posts/abc").with(token("read:posts")))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void getPostWhenNoReadScopeThenForbidden() throws Exception {
        expectMissingScope(this.mvc.perform(get("/posts/1").with(token("openid"))), "read:posts");
    }

    @Test
    void getPostWhenNoTokenThenUnauthorized() throws Exception {
        expectUnauthenticated(this.mvc.perform(get("/posts/1")));
    }

    // POST /posts: SCOPE_write:posts

    @Test
    void createPostWhenWriteScopeThenCreatedWithLocation() throws Exception {
        this.mvc.perform(post("/posts").with(token("write:posts"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"title\":\"Hello\",\"body\":\"First post\"}"))
                .andExpect(status().isCreated())
                .andExpect(header().string(HttpHeaders.LOCATION, org.hamcrest.Matchers.matchesPattern("/posts/\\d+")))
                .andExpect(jsonPath("$.title").value("Hello"))
                .andExpect(jsonPath("$.author").value("alice"));
    }

    @Test
    void createPostWhenOnlyReadScopeThenForbidden() throws Exception {
        expectMissingScope(this.mvc.perform(post("/posts").with(token("read:posts", "admin"))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"title\":\"Hello\",\"body\":\"First post\"}")), "write:posts");
    }

    @Test
    void createPostWhenNoTokenThenUnauthorized() throws Exception {
        expectUnauthenticated(this.mvc.perform(post("/posts").contentType(MediaType.APPLICATION_JSON)
                .content("{\"title\":\"Hello\",\"body\":\"First post\"}")));
    }

    @Test
    void createPostWhenFieldsInvalidThenBadRequestWithFieldErrors() throws Exception {
        this.mvc.perform(post("/posts").with(token("write:posts"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"title\":\"\",\"body\":\"" + "x".repeat(10_001) + "\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.instance").value("/posts"))
                .andExpect(jsonPath("$.errors", hasSize(2)))
                .andExpect(jsonPath("$.errors[0].field").value("body"))
                .andExpect(jsonPath("$.errors[0].message").value("size must be between 0 and 10000"))
                .andExpect(jsonPath("$.errors[1].field").value("title"))
                .andExpect(jsonPath("$.errors[1].message").value("must not be blank"));
    }

    @Test
    void createPostWhenFieldsMissingThenBadRequestWithFieldErrors() throws Exception {
        this.mvc.perform(post("/posts").with(token("write:posts"))
                        .contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.contains("body", "title")));
    }

    @Test
    void createPostWhenBodyNotJsonThenBadRequestProblem() throws Exception {
        this.mvc.perform(post("/posts").with(token("write:posts"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"title\":"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("Failed to read request"))
                .andExpect(content().string(not(containsString("Exception"))));
    }

    @Test
    void createPostWhenContentTypeUnsupportedThenUnsupportedMediaTypeProblem() throws Exception {
        this.mvc.perform(post("/posts").with(token("write:posts"))
                        .contentType(MediaType.TEXT_PLAIN).content("hello"))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }

    // DELETE /posts/{id}: SCOPE_write:posts and ROLE_admin

    @Test
    void deletePostWhenWriteScopeAndAdminRoleThenNoContent() throws Exception {
        long id = this.posts.add("bob", "Hello", "World").id();
        this.mvc.perform(delete("/posts/{id}", id).with(token("write:posts", "admin")))
                .andExpect(status().isNoContent());
        this.mvc.perform(delete("/posts/{id}", id).with(token("write:posts", "admin")))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void deletePostWhenWriteScopeWithoutAdminRoleThenForbiddenNamingRole() throws Exception {
        this.mvc.perform(delete("/posts/1").with(token("write:posts", "staff")))
                .andExpect(status().isForbidden())
                .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"demo-api\", "
                        + "error=\"insufficient_scope\", error_description=\"The request requires realm role admin\""))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("Permission denied"))
                .andExpect(jsonPath("$.required_roles[0]").value("admin"))
                .andExpect(jsonPath("$.required_scopes").doesNotExist());
    }

    @Test
    void deletePostWhenAdminRoleWithoutWriteScopeThenForbiddenNamingScope() throws Exception {
        expectMissingScope(this.mvc.perform(delete("/posts/1").with(token("read:posts", "admin"))), "write:posts");
    }

    @Test
    void deletePostWhenNeitherScopeNorRoleThenForbiddenNamingBoth() throws Exception {
        this.mvc.perform(delete("/posts/1").with(token("read:posts", "staff")))
                .andExpect(status().isForbidden())
                .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"demo-api\", "
                        + "error=\"insufficient_scope\", error_description=\"The request requires scope write:posts "
                        + "and realm role admin\", scope=\"write:posts\""))
                .andExpect(jsonPath("$.required_scopes[0]").value("write:posts"))
                .andExpect(jsonPath("$.required_roles[0]").value("admin"));
    }

    @Test
    void deletePostWhenNoTokenThenUnauthorized() throws Exception {
        expectUnauthenticated(this.mvc.perform(delete("/posts/1")));
    }

    // GET /bench/posts: absent unless demo-api.benchmark-twin.enabled=true

    @Test
    void benchmarkTwinWhenDisabledThenNotPublic() throws Exception {
        expectUnauthenticated(this.mvc.perform(get("/bench/posts")));
    }

    @Test
    void benchmarkTwinWhenDisabledThenNotFoundEvenWithToken() throws Exception {
        this.mvc.perform(get("/bench/posts").with(token("read:posts")))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }

    // Tokens outside the Authorization header are refused, not ignored

    @Test
    void requestWhenAccessTokenInQueryThenBadRequestInvalidRequest() throws Exception {
        this.mvc.perform(get("/users/me").queryParam("access_token", "eyJhbGciOiJSUzI1NiJ9.e30.c2ln"))
                .andExpect(status().isBadRequest())
                .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"demo-api\", "
                        + "error=\"invalid_request\", error_description=\"Send the access token in the Authorization "
                        + "header; the access_token query and form parameters are not accepted\""))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.error").value("invalid_request"));
    }

    @Test
    void requestWhenAccessTokenInQueryNextToHeaderTokenThenStillBadRequest() throws Exception {
        this.mvc.perform(get("/posts?access_token=abc").with(token("read:posts")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value("invalid_request"));
    }

    @Test
    void requestWhenAccessTokenInFormBodyThenBadRequestInvalidRequest() throws Exception {
        this.mvc.perform(post("/posts").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .content("access_token=abc&title=x"))
                .andExpect(status().isBadRequest())
                .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, containsString("error=\"invalid_request\"")))
                .andExpect(jsonPath("$.error").value("invalid_request"));
    }

    @Test
    void requestWhenAccessTokenInPublicEndpointQueryThenBadRequest() throws Exception {
        this.mvc.perform(get("/actuator/health?access_token=abc"))
                .andExpect(status().isBadRequest());
    }

    // Other errors are problem details too

    @Test
    void requestWhenUnknownPathWithTokenThenNotFoundProblem() throws Exception {
        this.mvc.perform(get("/nowhere").with(token("read:posts")).accept(MediaType.TEXT_HTML))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(404));
    }

    @Test
    void requestWhenMethodNotAllowedThenMethodNotAllowedProblem() throws Exception {
        this.mvc.perform(put("/posts").with(token("write:posts")).contentType(MediaType.APPLICATION_JSON)
                        .content("{}"))
                .andExpect(status().isMethodNotAllowed())
                .andExpect(header().exists(HttpHeaders.ALLOW))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(405));
    }

    @Test
    void requestWhenHandlerFailsThenInternalServerErrorProblemWithoutStackTrace() throws Exception {
        this.mvc.perform(get("/test/failure").with(token("")))
                .andExpect(status().isInternalServerError())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("An unexpected error occurred"))
                .andExpect(content().string(not(containsString("secret detail"))))
                .andExpect(content().string(not(containsString("IllegalStateException"))));
    }

    /** A handler that fails, imported only here ({@code @TestComponent} keeps it out of component scanning). */
    @TestComponent
    @RestController
    static class FailingController {

        @GetMapping("/test/failure")
        String fail() {
            throw new IllegalStateException("secret detail");
        }
    }
}
