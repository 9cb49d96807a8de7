package dev.legacybridge.perf;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Progress lines on stderr, prefixed with the time of day. */
final class Log {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    private Log() {
    }

    static void say(String format, Object... args) {
        System.err.printf(Locale.ROOT, "[perf %s] %s%n", LocalTime.now().format(TIME),
                String.format(Locale.ROOT, format, args));
        System.err.flush();
    }
}
