package dev.legacybridge.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads {@code \n}-terminated lines of strict UTF-8 from a byte stream with a bounded buffer: a line longer than the
 * bound is skipped to its end without being stored, so any input is processed in constant memory.
 */
final class LineReader {

    /** A line, or why it could not be read (too long, not UTF-8); exactly one per input line. */
    record Line(long number, String text, String problem) {
    }

    private final InputStream in;
    private final int maxBytes;
    private final byte[] buffer = new byte[8192];
    private int bufferPos;
    private int bufferEnd;
    private long number;

    LineReader(InputStream in, int maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
    }

    /** The next line, or {@code null} at end of input (a final line without {@code \n} still counts). */
    Line next() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        boolean tooLong = false;
        boolean sawAny = false;
        while (true) {
            if (bufferPos == bufferEnd) {
                bufferEnd = in.read(buffer);
                bufferPos = 0;
                if (bufferEnd <= 0) {
                    bufferEnd = 0;
                    if (!sawAny) {
                        return null;
                    }
                    break;
                }
            }
            sawAny = true;
            int start = bufferPos;
            while (bufferPos < bufferEnd && buffer[bufferPos] != '\n') {
                bufferPos++;
            }
            int count = bufferPos - start;
            if (!tooLong) {
                if (line.size() + count > maxBytes) {
                    tooLong = true;
                    line.reset();
                } else {
                    line.write(buffer, start, count);
                }
            }
            if (bufferPos < bufferEnd) {
                bufferPos++; // the '\n'
                break;
            }
        }
        number++;
        if (tooLong) {
            return new Line(number, null, "line longer than " + maxBytes + " bytes");
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(line.toByteArray()))
                    .toString();
            return new Line(number, text, null);
        } catch (CharacterCodingException e) {
            return new Line(number, null, "not valid UTF-8");
        }
    }
}
