package dev.legacybridge.api.web;

import java.net.URI;
import java.util.List;

import dev.legacybridge.api.config.Authorities;
import dev.legacybridge.api.config.OpenApiConfiguration;
import dev.legacybridge.api.posts.Post;
import dev.legacybridge.api.posts.PostNotFoundException;
import dev.legacybridge.api.posts.PostStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The post store over HTTP. Which token may call what is decided by {@code SecurityConfiguration}, not here; the
 * annotations only document it.
 */
@RestController
@RequestMapping("/posts")
@Tag(name = "posts", description = "In-memory posts, guarded by the read:posts and write:posts scopes")
final class PostController {

    private final PostStore posts;

    PostController(PostStore posts) {
        this.posts = posts;
    }

    @GetMapping
    @Operation(summary = "List posts", description = "All posts, oldest first. Requires scope read:posts.",
            security = {
                @SecurityRequirement(name = OpenApiConfiguration.OAUTH2, scopes = Authorities.READ_POSTS),
                @SecurityRequirement(name = OpenApiConfiguration.BEARER)})
    @ApiResponse(responseCode = "200", description = "The posts")
    @ApiResponse(responseCode = "403", description = "The token lacks scope read:posts",
            content = @Content(mediaType = OpenApiConfiguration.PROBLEM_JSON,
                    schema = @Schema(ref = OpenApiConfiguration.PROBLEM_SCHEMA_REF)))
    List<Post> list() {
        return this.posts.findAll();
    }

    @GetMapping("/{id}")
    @Operation(summary = "Get one post", description = "Requires scope read:posts.",
            security = {
                @SecurityRequirement(name = OpenApiConfiguration.OAUTH2, scopes = Authorities.READ_POSTS),
                @SecurityRequirement(name = OpenApiConfiguration.BEARER)})
    @ApiResponse(responseCode = "200", description = "The post")
    @ApiResponse(responseCode = "403", description = "The token lacks scope read:posts",
            content = @Content(mediaType = OpenApiConfiguration.PROBLEM_JSON,
                    schema = @Schema(ref = OpenApiConfiguration.PROBLEM_SCHEMA_REF)))
    @ApiResponse(responseCode = "404", description = "No post with that id",
            content = @Content(mediaType = OpenApiConfiguration.PROBLEM_JSON,
                    schema = @Schema(ref = OpenApiConfiguration.PROBLEM_SCHEMA_REF)))
    Post get(@PathVariable long id) {
        return this.posts.findById(id).orElseThrow(() -> new PostNotFoundException(id));
    }

    @PostMapping
    @Operation(summary = "Create a post", description = "The author is the caller's username. "
            + "Requires scope write:posts.",
            security = {
                @SecurityRequirement(name = OpenApiConfiguration.OAUTH2, scopes = Authorities.WRITE_POSTS),
                @SecurityRequirement(name = OpenApiConfiguration.BEARER)})
    @ApiResponse(responseCode = "201", description = "Created; Location names the new post")
    @ApiResponse(responseCode = "400", description = "Invalid body; errors lists each field",
            content = @Content(mediaType = OpenApiConfiguration.PROBLEM_JSON,
                    schema = @Schema(ref = OpenApiConfiguration.PROBLEM_SCHEMA_REF)))
    @ApiResponse(responseCode = "403", description = "The token lacks scope write:posts",
            content = @Content(mediaType = OpenApiConfiguration.PROBLEM_JSON,
                    schema = @Schema(ref = OpenApiConfiguration.PROBLEM_SCHEMA_REF)))
    @ApiResponse(responseCode = "507", description = "The store is full (demo-api.posts.capacity)",
            content = @Content(mediaType = OpenApiConfiguration.PROBLEM_JSON,
                    schema = @Schema(ref = OpenApiConfiguration.PROBLEM_SCHEMA_REF)))
    ResponseEntity<Post> create(@AuthenticationPrincipal Jwt jwt, @Valid @RequestBody NewPost post) {
        Post created = this.posts.add(UserProfile.from(jwt).username(), post.title(), post.body());
        return ResponseEntity.created(URI.create("/posts/" + created.id())).body(created);
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Delete a post", description = "Requires scope write:posts and realm role admin.",
            security = {
                @SecurityRequirement(name = OpenApiConfiguration.OAUTH2, scopes = Authorities.WRITE_POSTS),
                @SecurityRequirement(name = OpenApiConfiguration.BEARER)})
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "403", description = "The token lacks scope write:posts or realm role admin",
            content = @Content(mediaType = OpenApiConfiguration.PROBLEM_JSON,
                    schema = @Schema(ref = OpenApiConfiguration.PROBLEM_SCHEMA_REF)))
    @ApiResponse(responseCode = "404", description = "No post with that id",
            content = @Content(mediaType = OpenApiConfiguration.PROBLEM_JSON,
                    schema = @Schema(ref = OpenApiConfiguration.PROBLEM_SCHEMA_REF)))
    ResponseEntity<Void> delete(@PathVariable long id) {
        if (!this.posts.delete(id)) {
            throw new PostNotFoundException(id);
        }
        return ResponseEntity.noContent().build();
    }
}
