package dev.legacybridge.api.posts;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The in-memory post store: thread-safe, ordered by id, and bounded. A {@link Semaphore} holds one permit per free
 * slot, so "check capacity, then insert" is a single atomic {@code tryAcquire} and the bound holds under any number of
 * concurrent writers; reads never lock. Lost on restart, by design.
 */
public final class PostStore {

    private final ConcurrentSkipListMap<Long, Post> posts = new ConcurrentSkipListMap<>();
    private final AtomicLong lastId = new AtomicLong();
    private final Semaphore freeSlots;
    private final int capacity;
    private final Clock clock;

    public PostStore(int capacity, Clock clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
        this.freeSlots = new Semaphore(capacity);
        this.clock = clock;
    }

    /** Stores a new post; throws {@link PostStoreFullException} when {@link #capacity()} posts are stored. */
    public Post add(String author, String title, String body) {
        if (!this.freeSlots.tryAcquire()) {
            throw new PostStoreFullException(this.capacity);
        }
        Post post = new Post(this.lastId.incrementAndGet(), title, body, author, this.clock.instant());
        this.posts.put(post.id(), post);
        return post;
    }

    /** All posts, oldest first; a snapshot. */
    public List<Post> findAll() {
        return List.copyOf(this.posts.values());
    }

    public Optional<Post> findById(long id) {
        return Optional.ofNullable(this.posts.get(id));
    }

    /** The posts of one author, oldest first. */
    public List<Post> findByAuthor(String author) {
        return this.posts.values().stream().filter(post -> post.author().equals(author)).toList();
    }

    /** Removes a post; false if there was none with that id. */
    public boolean delete(long id) {
        if (this.posts.remove(id) == null) {
            return false;
        }
        this.freeSlots.release();
        return true;
    }

    public int capacity() {
        return this.capacity;
    }

    public int size() {
        return this.posts.size();
    }
}
