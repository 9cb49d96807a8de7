package dev.legacybridge.api.posts;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PostStoreTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    @Test
    void addWhenRoomThenStoredWithIdAuthorAndTime() {
        PostStore store = new PostStore(10, CLOCK);

        Post post = store.add("alice", "Hello", "World");

        assertThat(post).isEqualTo(new Post(1, "Hello", "World", "alice", CLOCK.instant()));
        assertThat(store.findById(1)).contains(post);
        assertThat(store.findAll()).containsExactly(post);
    }

    @Test
    void addWhenFullThenThrowsAndDeleteFreesASlot() {
        PostStore store = new PostStore(2, CLOCK);
        store.add("alice", "1", "x");
        Post second = store.add("alice", "2", "x");

        assertThatThrownBy(() -> store.add("alice", "3", "x"))
                .isInstanceOf(PostStoreFullException.class)
                .hasMessageContaining("2 posts");
        assertThat(store.delete(second.id())).isTrue();
        assertThat(store.add("alice", "3", "x").id()).isEqualTo(3);
        assertThat(store.size()).isEqualTo(2);
    }

    @Test
    void deleteWhenUnknownThenFalseAndCapacityUnchanged() {
        PostStore store = new PostStore(1, CLOCK);

        assertThat(store.delete(99)).isFalse();
        store.add("alice", "1", "x");
        assertThatThrownBy(() -> store.add("alice", "2", "x")).isInstanceOf(PostStoreFullException.class);
    }

    @Test
    void findByAuthorWhenSeveralAuthorsThenOnlyTheirsOldestFirst() {
        PostStore store = new PostStore(10, CLOCK);
        store.add("alice", "a1", "x");
        store.add("bob", "b1", "x");
        store.add("alice", "a2", "x");

        assertThat(store.findByAuthor("alice")).extracting(Post::title).containsExactly("a1", "a2");
    }

    @Test
    void addWhenManyConcurrentWritersThenBoundHoldsAndIdsUnique() throws Exception {
        PostStore store = new PostStore(50, CLOCK);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> writers = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                writers.add(() -> {
                    try {
                        store.add("alice", "t", "b");
                        return true;
                    }
                    catch (PostStoreFullException ex) {
                        return false;
                    }
                });
            }
            int stored = 0;
            for (Future<Boolean> result : pool.invokeAll(writers)) {
                stored += result.get() ? 1 : 0;
            }

            assertThat(stored).isEqualTo(50);
            assertThat(store.size()).isEqualTo(50);
            Set<Long> ids = new HashSet<>();
            store.findAll().forEach(post -> ids.add(post.id()));
            assertThat(ids).hasSize(50);
        }
        finally {
            pool.shutdownNow();
        }
    }

    @Test
    void constructorWhenCapacityNotPositiveThenRejected() {
        assertThatThrownBy(() -> new PostStore(0, CLOCK)).isInstanceOf(IllegalArgumentException.class);
    }
}
