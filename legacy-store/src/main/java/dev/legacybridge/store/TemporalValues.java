package dev.legacybridge.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;

/**
 * Reads timestamps the way the supported drivers hand them over. PostgreSQL and MySQL give {@link Timestamp} or
 * {@code java.time} values; SQLite has no date type, and Django stores {@code date_joined} there as text such as
 * {@code 2024-01-31 09:15:00.123456} (UTC, since {@code USE_TZ=True} is Django's default), sometimes with an offset.
 * Timestamps without a zone are taken as UTC.
 */
final class TemporalValues {

    private static final DateTimeFormatter SQL_TEXT = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd[ ]['T']HH:mm[:ss]")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HH", "Z").optionalEnd()
            .toFormatter();

    private TemporalValues() {
    }

    /** The instant a column value stands for, or {@code null} when it is null or not a recognisable time. */
    static Instant toInstant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Timestamp t) {
            return t.toLocalDateTime().toInstant(ZoneOffset.UTC);
        }
        if (value instanceof java.sql.Date d) {
            return d.toLocalDate().atStartOfDay().toInstant(ZoneOffset.UTC);
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof ZonedDateTime z) {
            return z.toInstant();
        }
        if (value instanceof LocalDateTime l) {
            return l.toInstant(ZoneOffset.UTC);
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof Number n) {
            // Unix time in an integer column: seconds in PHP apps (Drupal's users.created, WordPress plugins),
            // milliseconds in sqlite-jdbc's INTEGER date class and JavaScript apps. Below 10^11 it is seconds
            // (10^11 s is the year 5138; 10^11 ms is March 1973, before any of these apps existed).
            long number = n.longValue();
            return Math.abs(number) < 100_000_000_000L ? Instant.ofEpochSecond(number) : Instant.ofEpochMilli(number);
        }
        String text = value.toString().trim();
        try {
            var parsed = SQL_TEXT.parseBest(text, OffsetDateTime::from, LocalDateTime::from);
            return parsed instanceof OffsetDateTime o ? o.toInstant() : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** A column value as attribute text: timestamps as ISO-8601 instants, everything else via {@code toString}. */
    static String asText(Object value) {
        if (value instanceof Timestamp || value instanceof OffsetDateTime || value instanceof LocalDateTime
                || value instanceof ZonedDateTime) {
            Instant instant = toInstant(value);
            return instant == null ? value.toString() : instant.toString();
        }
        if (value instanceof byte[]) {
            return null;
        }
        return value.toString();
    }
}
