package dev.legacybridge.api.web;

import dev.legacybridge.api.config.SecurityConfiguration;
import dev.legacybridge.api.posts.PostStore;
import dev.legacybridge.api.posts.PostsConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * With {@code demo-api.benchmark-twin.enabled=true}: {@code GET /bench/posts} is public, mirrors {@code /posts}, and
 * does no token work at all, whatever {@code Authorization} header it receives (the benchmark sends it the same one
 * as the secured endpoint).
 */
@WebMvcTest(controllers = {PostController.class, BenchmarkTwinController.class},
        properties = "demo-api.benchmark-twin.enabled=true")
@Import({SecurityConfiguration.class, BenchmarkTwinSecurityConfiguration.class, PostsConfiguration.class})
class BenchmarkTwinEnabledTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    PostStore posts;

    @Test
    void benchmarkTwinWhenEnabledThenPublicAndSameBodyAsSecuredList() throws Exception {
        this.posts.add("alice", "Hello", "World");

        MvcResult twin = this.mvc.perform(get("/bench/posts"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].title").value("Hello"))
                .andReturn();
        MvcResult secured = this.mvc.perform(get("/posts").with(SecurityRulesTest.token("read:posts")))
                .andExpect(status().isOk())
                .andReturn();

        assertThat(twin.getResponse().getContentAsString()).isEqualTo(secured.getResponse().getContentAsString());
    }

    @Test
    void benchmarkTwinWhenAuthorizationHeaderSentThenIgnoredNotVerified() throws Exception {
        for (String authorization : new String[] {"Bearer not-even-a-jwt", "Bearer a.b.c", "DPoP x"}) {
            this.mvc.perform(get("/bench/posts").header(HttpHeaders.AUTHORIZATION, authorization))
                    .andExpect(status().isOk());
        }
    }

    @Test
    void benchmarkTwinWhenEnabledThenOnlyGetIsOpen() throws Exception {
        SecurityRulesTest.expectUnauthenticated(this.mvc.perform(post("/bench/posts")));
        SecurityRulesTest.expectUnauthenticated(this.mvc.perform(get("/posts")));
    }
}
