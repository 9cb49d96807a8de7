package dev.legacybridge.api.web;

import dev.legacybridge.api.config.SecurityConfiguration;
import dev.legacybridge.api.posts.PostsConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** {@code demo-api.posts.capacity} bounds the store; one post too many is 507 with a problem body. */
@WebMvcTest(controllers = PostController.class, properties = "demo-api.posts.capacity=2")
@Import({SecurityConfiguration.class, PostsConfiguration.class})
class PostStoreFullTest {

    private static final String BODY = "{\"title\":\"Hello\",\"body\":\"World\"}";

    @Autowired
    MockMvc mvc;

    @Test
    void createPostWhenStoreFullThenInsufficientStorageUntilOneIsDeleted() throws Exception {
        create().andExpect(status().isCreated());
        create().andExpect(status().isCreated()).andExpect(jsonPath("$.id").value(2));

        create().andExpect(status().isInsufficientStorage())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(507))
                .andExpect(jsonPath("$.title").value("Post store full"))
                .andExpect(jsonPath("$.capacity").value(2))
                .andExpect(jsonPath("$.instance").value("/posts"));

        this.mvc.perform(delete("/posts/1").with(SecurityRulesTest.token("write:posts", "admin")))
                .andExpect(status().isNoContent());
        create().andExpect(status().isCreated());
    }

    private org.springframework.test.web.servlet.ResultActions create() throws Exception {
        return this.mvc.perform(post("/posts").with(SecurityRulesTest.token("write:posts"))
                .contentType(MediaType.APPLICATION_JSON).content(BODY));
    }
}
