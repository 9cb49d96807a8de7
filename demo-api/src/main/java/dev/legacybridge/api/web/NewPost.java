package dev.legacybridge.api.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /posts}: {@code {"title":"Hello","body":"First post"}}. */
record NewPost(
        @NotBlank @Size(max = 200) String title,
        @NotBlank @Size(max = 10_000) String body) {
}
