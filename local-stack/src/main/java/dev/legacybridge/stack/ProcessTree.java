package dev.legacybridge.stack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Stops a process and everything it started: SIGTERM to the whole tree, then SIGKILL to whatever is still alive after
 * the grace period.
 *
 * <p>Why the whole tree: {@code bin/kc.sh} runs the server JVM as its child (and forwards TERM to it), except after an
 * implicit re-augmentation, where it {@code exec}s the JVM so that the server PID is the script PID. Signalling every
 * descendant covers both cases and never leaves an orphan JVM holding the ports.
 */
final class ProcessTree {

    private static final System.Logger LOG = System.getLogger(ProcessTree.class.getName());

    private ProcessTree() {
    }

    /**
     * Terminates {@code root} and its descendants; returns once all of them are gone.
     *
     * @return {@code true} if everything ended within {@code grace} after SIGTERM, {@code false} if SIGKILL was needed
     */
    static boolean terminate(ProcessHandle root, Duration grace) {
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(root);
        root.descendants().forEach(tree::add);
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        boolean graceful = true;
        for (ProcessHandle p : tree) {
            if (!awaitExit(p, deadline)) {
                graceful = false;
            }
        }
        if (!graceful) {
            // Descendants started meanwhile (unlikely) are picked up again here.
            List<ProcessHandle> alive = new ArrayList<>();
            tree.stream().filter(ProcessHandle::isAlive).forEach(alive::add);
            root.descendants().filter(ProcessHandle::isAlive).forEach(alive::add);
            for (ProcessHandle p : alive) {
                LOG.log(System.Logger.Level.WARNING, "Process [{0}] ignored SIGTERM for {1}; sending SIGKILL", p.pid(), grace);
                p.destroyForcibly();
            }
            for (ProcessHandle p : alive) {
                awaitExit(p, System.nanoTime() + TimeUnit.SECONDS.toNanos(10));
            }
        }
        return graceful;
    }

    private static boolean awaitExit(ProcessHandle p, long deadlineNanos) {
        long left = deadlineNanos - System.nanoTime();
        if (!p.isAlive()) {
            return true;
        }
        if (left <= 0) {
            return false;
        }
        try {
            p.onExit().get(left, TimeUnit.NANOSECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !p.isAlive();
        } catch (Exception e) {
            return !p.isAlive();
        }
    }
}
