package dev.legacybridge.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Stopping a process with everything it started: SIGTERM first, SIGKILL for what ignores it. */
class ProcessTreeTest {

    private final List<ProcessHandle> started = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        for (ProcessHandle p : started) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    /** {@code sh -c script}, once it has {@code children} child processes. */
    private ProcessHandle shell(String script, int children) throws Exception {
        Process p = new ProcessBuilder("/bin/sh", "-c", script).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        ProcessHandle handle = p.toHandle();
        started.add(handle);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (handle.descendants().count() < children) {
            assertThat(System.nanoTime()).as("children of " + script + " started").isLessThan(deadline);
            Thread.sleep(10);
        }
        return handle;
    }

    @Test
    void terminateWhenEveryProcessObeysSigtermThenAllAreGoneAndGraceful() throws Exception {
        // like kc.sh: forwards TERM to its children, waits for them, then exits
        ProcessHandle root = shell("trap 'kill $a $b; wait; exit 0' TERM; sleep 60 & a=$!; sleep 60 & b=$!; wait", 2);
        List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
        tree.add(root);

        assertThat(ProcessTree.terminate(root, Duration.ofSeconds(20))).isTrue();

        assertThat(tree).noneMatch(ProcessHandle::isAlive);
    }

    @Test
    void terminateWhenTheTreeIgnoresSigtermThenKilledAfterTheGraceAndNotGraceful() throws Exception {
        ProcessHandle root = shell("trap '' TERM; sleep 60 & wait", 1);
        List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
        tree.add(root);

        long start = System.nanoTime();
        assertThat(ProcessTree.terminate(root, Duration.ofMillis(300))).isFalse();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(tree).noneMatch(ProcessHandle::isAlive);
    }
}
