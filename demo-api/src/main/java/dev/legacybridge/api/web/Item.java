package dev.legacybridge.api.web;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One entry of {@code GET /users/me/items}: {@code {"item_id":"Foo","owner":"alice"}}, as in the tutorial. */
record Item(@JsonProperty("item_id") String itemId, String owner) {
}
