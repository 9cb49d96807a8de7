package dev.legacybridge.api.web;

import dev.legacybridge.api.config.SecurityConfiguration;
import dev.legacybridge.api.posts.PostStore;
import dev.legacybridge.api.posts.PostsConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** With {@code demo-api.benchmark-twin.enabled=true}: {@code GET /bench/posts} is public and mirrors {@code /posts}. */
@WebMvcTest(controllers = {PostController.class, BenchmarkTwinController.class},
        properties = "demo-api.benchmark-twin.enabled=true")
@Import({SecurityConfiguration.class, PostsConfiguration.class})
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
    void benchmarkTwinWhenEnabledThenOnlyGetIsOpen() throws Exception {
        SecurityRulesTest.expectUnauthenticated(this.mvc.perform(post("/bench/posts")));
        SecurityRulesTest.expectUnauthenticated(this.mvc.perform(get("/posts")));
    }
}
