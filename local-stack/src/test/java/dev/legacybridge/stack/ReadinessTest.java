package dev.legacybridge.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Waiting for a health URL while watching the process behind it, and the log tail shown when it fails. */
class ReadinessTest {

    @TempDir
    Path dir;

    private final AtomicInteger requests = new AtomicInteger();
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** A loopback health endpoint that answers 503 {@code notReadyFor} times, then 200. */
    private URI health(int notReadyFor) throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/health/ready", exchange -> {
            int n = requests.incrementAndGet();
            exchange.sendResponseHeaders(n > notReadyFor ? 200 : 503, -1);
            exchange.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/health/ready");
    }

    @Test
    void awaitWhenHealthTurns200ThenReady() throws Exception {
        URI url = health(2);

        assertThat(Readiness.await(url, new FakeProcess(true), Duration.ofSeconds(30), "test server",
                dir.resolve("log"))).isEqualTo(Readiness.Outcome.READY);
        assertThat(requests).hasValue(3);
    }

    @Test
    void awaitWhenTheProcessHasExitedThenProcessExitedWithoutAsking() throws Exception {
        URI url = health(0);

        assertThat(Readiness.await(url, new FakeProcess(false), Duration.ofSeconds(30), "test server",
                dir.resolve("log"))).isEqualTo(Readiness.Outcome.PROCESS_EXITED);
        assertThat(requests).hasValue(0);
    }

    @Test
    void awaitWhenNeverReadyThenTimeoutNamingTheUrlWithTheLogTail() throws Exception {
        URI url = health(Integer.MAX_VALUE);
        Path log = dir.resolve("server.log");
        Files.write(log, IntStream.rangeClosed(1, 50).mapToObj(i -> "line " + i).toList());

        assertThatThrownBy(() -> Readiness.await(url, new FakeProcess(true), Duration.ofMillis(300), "test server", log))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("test server not ready at " + url)
                .hasMessageContaining("line 11\n")
                .hasMessageEndingWith("line 50")
                .hasMessageNotContaining("line 10\n");
    }

    @Test
    void tailWhenTheFileIsShorterThanAskedThenEveryLine() throws Exception {
        Path log = Files.writeString(dir.resolve("log"), "one\ntwo\n");

        assertThat(Readiness.tail(log, 40)).isEqualTo("one\ntwo");
        assertThat(Readiness.tail(log, 1)).isEqualTo("two");
    }

    @Test
    void tailWhenTheFileIsMissingThenAPlaceholderInsteadOfAnException() {
        assertThat(Readiness.tail(dir.resolve("missing.log"), 10)).startsWith("(log not readable");
    }

    @Test
    void tailWhenTheLogHoldsBytesThatAreNotUtf8ThenTheLinesAreStillShown() throws Exception {
        Path log = dir.resolve("log");
        List<byte[]> parts = new ArrayList<>();
        parts.add("starting\n".getBytes(StandardCharsets.UTF_8));
        parts.add(new byte[] {(byte) 0xC3, (byte) 0x28, '\n'}); // invalid UTF-8, e.g. from a native library
        parts.add("ERROR: port 8080 in use\n".getBytes(StandardCharsets.UTF_8));
        try (OutputStream out = Files.newOutputStream(log)) {
            for (byte[] part : parts) {
                out.write(part);
            }
        }

        assertThat(Readiness.tail(log, 2)).endsWith("ERROR: port 8080 in use").doesNotContain("not readable");
    }

    /** A process that is alive or not, as told. */
    private static final class FakeProcess extends Process {
        private final boolean alive;

        FakeProcess(boolean alive) {
            this.alive = alive;
        }

        @Override
        public OutputStream getOutputStream() {
            return OutputStream.nullOutputStream();
        }

        @Override
        public InputStream getInputStream() {
            return InputStream.nullInputStream();
        }

        @Override
        public InputStream getErrorStream() {
            return InputStream.nullInputStream();
        }

        @Override
        public int waitFor() {
            return 0;
        }

        @Override
        public int exitValue() {
            if (alive) {
                throw new IllegalThreadStateException("still running");
            }
            return 0;
        }

        @Override
        public void destroy() {
        }

        @Override
        public boolean isAlive() {
            return alive;
        }
    }
}
