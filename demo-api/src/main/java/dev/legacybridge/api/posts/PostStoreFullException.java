package dev.legacybridge.api.posts;

/** The store holds {@code capacity} posts; answered with 507 Insufficient Storage. */
public final class PostStoreFullException extends RuntimeException {

    private final int capacity;

    public PostStoreFullException(int capacity) {
        super("The post store is full (" + capacity + " posts); delete posts before adding more");
        this.capacity = capacity;
    }

    public int capacity() {
        return this.capacity;
    }
}
