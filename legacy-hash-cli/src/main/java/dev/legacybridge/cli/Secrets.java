package dev.legacybridge.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * A secret (database password, Keycloak password, client secret) given as a literal option, the name of an
 * environment variable, or a file. At most one of the three; none means "no secret". The value is never printed, and
 * no error message quotes it.
 */
final class Secrets {

    /** Longer secret files are refused: someone passed the wrong file. */
    static final int MAX_FILE_BYTES = 65_536;

    private Secrets() {
    }

    /**
     * @param option  the options' common stem for messages, e.g. {@code --password}
     * @param literal value of {@code <option>}
     * @param envVar  value of {@code <option>-env}
     * @param file    value of {@code <option>-file}; its content up to one trailing {@code \n} or {@code \r\n}
     * @return the secret, or {@code null} when none of the three is given
     * @throws UsageException when more than one is given, the variable is not set, or the file cannot be read
     */
    static String resolve(String option, String literal, String envVar, Path file, Map<String, String> environment) {
        int given = (literal != null ? 1 : 0) + (envVar != null ? 1 : 0) + (file != null ? 1 : 0);
        if (given > 1) {
            throw new UsageException("give only one of " + option + ", " + option + "-env and " + option + "-file");
        }
        if (literal != null) {
            return literal;
        }
        if (envVar != null) {
            String value = environment.get(envVar);
            if (value == null) {
                throw new UsageException(option + "-env: environment variable " + envVar + " is not set");
            }
            return value;
        }
        if (file != null) {
            return readFile(option, file);
        }
        return null;
    }

    private static String readFile(String option, Path file) {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_FILE_BYTES + 1);
        } catch (IOException e) {
            throw new UsageException(option + "-file: cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        }
        try {
            if (bytes.length > MAX_FILE_BYTES) {
                throw new UsageException(option + "-file: " + file + " is longer than " + MAX_FILE_BYTES + " bytes");
            }
            int length = bytes.length;
            if (length > 0 && bytes[length - 1] == '\n') {
                length--;
                if (length > 0 && bytes[length - 1] == '\r') {
                    length--;
                }
            }
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, length))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new UsageException(option + "-file: " + file + " is not valid UTF-8");
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }
}
