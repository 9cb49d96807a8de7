package dev.legacybridge.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads a candidate password from standard input: all bytes up to end of input, minus one trailing {@code \n} if
 * present (so {@code printf '%s\n' "$pw"} and {@code echo "$pw"} work), decoded as strict UTF-8. Nothing else is
 * touched: no other whitespace is trimmed, {@code \r} is kept, and there is no Unicode normalisation.
 */
final class StdinPassword {

    /** More than any verifier or encoder will hash (4096 bytes); more is refused without buffering it all. */
    static final int MAX_BYTES = 65_536;

    private StdinPassword() {
    }

    static String read(InputStream in) {
        byte[] bytes;
        try {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read standard input", e);
        }
        if (bytes.length > MAX_BYTES) {
            throw new UsageException("the password on standard input is longer than " + MAX_BYTES + " bytes");
        }
        int length = bytes.length;
        if (length > 0 && bytes[length - 1] == '\n') {
            length--;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, length))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new UsageException("standard input is not valid UTF-8");
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }
}
