package dev.legacybridge.api.web;

import java.util.List;

import dev.legacybridge.api.posts.Post;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /bench/posts}: the unsecured twin of {@code GET /posts}, for the benchmark that compares secured and
 * unsecured throughput. It calls the very same handler method, and {@link BenchmarkTwinSecurityConfiguration} gives it
 * a filter chain without token authentication, so the only difference is the security work. Exists only with
 * {@code demo-api.benchmark-twin.enabled=true}; never enable it outside a benchmark.
 */
@RestController
@ConditionalOnBooleanProperty("demo-api.benchmark-twin.enabled")
@Tag(name = "benchmark", description = "Unsecured twin of GET /posts; exists only for benchmarks")
final class BenchmarkTwinController {

    private final PostController posts;

    BenchmarkTwinController(PostController posts) {
        this.posts = posts;
    }

    @GetMapping("/bench/posts")
    @Operation(summary = "List posts without a token (benchmark only)")
    List<Post> list() {
        return this.posts.list();
    }
}
