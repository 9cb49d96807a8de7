package dev.legacybridge.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** Loopback ports: what the stack checks before it starts, and what the tests pick. */
class FreePortsTest {

    @Test
    void nextWhenCalledThenALoopbackPortThatCanBeBound() throws Exception {
        int port = FreePorts.next();

        assertThat(port).isBetween(1, 65535);
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThat(s.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    void isFreeWhenSomethingListensThenFalseAndAfterItClosedThenTrue() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
            assertThat(FreePorts.isFree(port)).isFalse();
        }
        assertThat(FreePorts.isFree(port)).isTrue();
    }
}
