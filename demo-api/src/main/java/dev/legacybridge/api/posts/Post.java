package dev.legacybridge.api.posts;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A stored post. JSON: {@code {"id":1,"title":"Hello","body":"...","author":"alice","created_at":"2026-...Z"}}.
 *
 * @param author the {@code preferred_username} (else {@code sub}) of the token that created it
 */
public record Post(long id, String title, String body, String author, @JsonProperty("created_at") Instant createdAt) {
}
