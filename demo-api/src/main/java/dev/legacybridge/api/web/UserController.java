package dev.legacybridge.api.web;

import java.util.ArrayList;
import java.util.List;

import dev.legacybridge.api.config.OpenApiConfiguration;
import dev.legacybridge.api.posts.Post;
import dev.legacybridge.api.posts.PostStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The tutorial's user endpoints, answered from the token alone. Any valid access token; no scope. */
@RestController
@RequestMapping("/users/me")
@Tag(name = "users", description = "The caller, from the access token")
@SecurityRequirement(name = OpenApiConfiguration.OAUTH2)
@SecurityRequirement(name = OpenApiConfiguration.BEARER)
final class UserController {

    /** The tutorial's fixed item, owned by whoever asks. */
    static final String TUTORIAL_ITEM = "Foo";

    private final PostStore posts;

    UserController(PostStore posts) {
        this.posts = posts;
    }

    @GetMapping
    @Operation(summary = "Who am I", description = "Username, e-mail, full name, realm roles and scopes from the "
            + "access token. Requires any valid access token; no scope or role.")
    UserProfile me(@AuthenticationPrincipal Jwt jwt) {
        return UserProfile.from(jwt);
    }

    @GetMapping("/items")
    @Operation(summary = "My items", description = "The tutorial's item {\"item_id\": \"Foo\", \"owner\": <username>}, "
            + "followed by one item per post the caller wrote, with item_id \"post-<id>\", oldest first. "
            + "Requires any valid access token; no scope or role.")
    List<Item> items(@AuthenticationPrincipal Jwt jwt) {
        String username = UserProfile.from(jwt).username();
        List<Item> items = new ArrayList<>();
        items.add(new Item(TUTORIAL_ITEM, username));
        for (Post post : this.posts.findByAuthor(username)) {
            items.add(new Item("post-" + post.id(), username));
        }
        return items;
    }
}
