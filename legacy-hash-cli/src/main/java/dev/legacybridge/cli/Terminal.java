package dev.legacybridge.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether standard error is a terminal, which decides whether a progress bar is drawn by default. */
final class Terminal {

    private Terminal() {
    }

    /**
     * On Linux, where {@code /proc/self/fd/2} points ({@code /dev/pts/N}, {@code /dev/ttyN}); elsewhere the JDK's
     * {@link System#console()}, which needs standard input and output to be terminals too.
     */
    static boolean stderrIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }
}
