package dev.legacybridge.api.posts;

/** No post with that id; answered with 404. */
public final class PostNotFoundException extends RuntimeException {

    public PostNotFoundException(long id) {
        super("No post with id " + id);
    }
}
