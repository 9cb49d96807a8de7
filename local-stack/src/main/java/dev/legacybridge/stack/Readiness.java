package dev.legacybridge.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Polls an HTTP health URL until it answers 200, while watching the process that should serve it. */
final class Readiness {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private Readiness() {
    }

    /** What ended the wait. */
    enum Outcome { READY, PROCESS_EXITED }

    /**
     * Waits until {@code url} returns HTTP 200 or {@code process} exits.
     *
     * @throws IllegalStateException on timeout (the caller decides whether to stop the process)
     */
    static Outcome await(URI url, Process process, Duration timeout, String what, Path logFile) {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(3)).GET().build();
        while (true) {
            if (!process.isAlive()) {
                return Outcome.PROCESS_EXITED;
            }
            try {
                HttpResponse<Void> response = HTTP.send(request, HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return Outcome.READY;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + what, e);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + " not ready at " + url + " within " + timeout.toSeconds()
                        + " s; log " + logFile + ":\n" + tail(logFile, 40));
            }
            try {
                Thread.sleep(POLL_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + what, e);
            }
        }
    }

    /**
     * The last {@code lines} lines of a log file, for error messages. Bytes that are not UTF-8 (a native library's
     * output) are shown as replacement characters instead of losing the whole tail.
     */
    static String tail(Path file, int lines) {
        try {
            List<String> all = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | RuntimeException e) {
            return "(log not readable: " + e + ")";
        }
    }
}
