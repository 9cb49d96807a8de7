package dev.legacybridge.keycloak.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * The log lines one class writes during a test. JBoss Logging, which the provider logs through, uses
 * {@code java.util.logging} when no other backend is on the classpath, as in these unit tests.
 */
public final class LogCapture extends Handler implements AutoCloseable {

    /** One captured line. */
    public record Line(Level level, String message) {
    }

    private final Logger logger;
    private final List<Line> lines = new CopyOnWriteArrayList<>();
    private final SimpleFormatter formatter = new SimpleFormatter();

    private LogCapture(Logger logger) {
        this.logger = logger;
        logger.addHandler(this);
    }

    public static LogCapture of(Class<?> type) {
        return new LogCapture(Logger.getLogger(type.getName()));
    }

    @Override
    public void publish(LogRecord record) {
        lines.add(new Line(record.getLevel(), formatter.formatMessage(record)));
    }

    public List<Line> lines() {
        return List.copyOf(lines);
    }

    /** Warning lines (JBoss Logging's WARN is its own {@link Level} instance with WARNING's value). */
    public List<String> warnings() {
        return lines.stream().filter(l -> l.level().intValue() == Level.WARNING.intValue()).map(Line::message)
                .toList();
    }

    /** Everything captured, one line each, to check that a secret appears nowhere. */
    public String all() {
        StringBuilder sb = new StringBuilder();
        lines.forEach(l -> sb.append(l.level()).append(' ').append(l.message()).append('\n'));
        return sb.toString();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
