package dev.legacybridge.hash;

import dev.legacybridge.hash.Vectors.Vector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Captures every log record (java.util.logging, which backs {@link System.Logger} here) at ALL levels while every
 * vector, malformed or not, is verified and inspected, and asserts that no password, stored hash, salt or digest field
 * appears in any of them, and that nothing is logged above DEBUG (FINE).
 */
class LoggingTest {

    private final List<LogRecord> records = new ArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            synchronized (records) {
                records.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Logger root;
    private Logger hashLogger; // strong reference: JUL holds loggers weakly
    private Level previousRootLevel;

    @BeforeEach
    void captureEverything() {
        root = Logger.getLogger("");
        previousRootLevel = root.getLevel();
        hashLogger = Logger.getLogger("dev.legacybridge.hash");
        hashLogger.setLevel(Level.ALL);
        handler.setLevel(Level.ALL);
        root.addHandler(handler);
    }

    @AfterEach
    void restore() {
        root.removeHandler(handler);
        root.setLevel(previousRootLevel);
        hashLogger.setLevel(null);
    }

    @Test
    void verifyWhenEveryVectorAtAllLogLevelsThenNoSecretInAnyRecord() {
        // The strict verifier refuses weak schemes and, with the lowest caps, nearly every cost before hashing: it
        // produces the NOT_ALLOWED records without hashing every vector twice.
        LegacyPasswordVerifier strict = new LegacyPasswordVerifier(HashPolicy.defaults()
                .withLimits(new CostLimits(1, 4, 8, 1, 1, 2, 1000, 7, 7)));
        List<String> secrets = new ArrayList<>();
        for (Vector v : Vectors.all()) {
            SchemeParameters.Parsed params = SchemeParameters.parse(v.textParams(), v.hash());
            StoredPassword stored = new StoredPassword(v.hash(), params.salt());
            new LegacyPasswordVerifier(HashPolicy.allowingAll(), params.configuration()).verify(v.password(), stored);
            strict.verify(v.password(), v.hash());
            strict.inspect(v.hash());
            secrets.addAll(secretsOf(v));
        }

        SimpleFormatter formatter = new SimpleFormatter();
        assertThat(records).as("malformed and refused vectors are logged at DEBUG").isNotEmpty();
        for (LogRecord record : records) {
            // The message with its parameters: what the code logs (the source class name is not input).
            String text = formatter.formatMessage(record);
            assertThat(record.getLevel().intValue()).as(text).isLessThanOrEqualTo(Level.FINE.intValue());
            assertThat(record.getThrown()).isNull();
            for (String secret : secrets) {
                assertThat(text).doesNotContain(secret);
            }
        }
    }

    /**
     * The whole stored value, every field of it that could carry a salt or a digest (any token of 6+ characters that
     * is not a plain number or a format keyword), and the password when it is 6+ characters (shorter candidates such
     * as "hash" are ordinary words that a log line may legitimately contain).
     */
    private static List<String> secretsOf(Vector v) {
        List<String> secrets = new ArrayList<>();
        if (!v.hash().isEmpty()) {
            secrets.add(v.hash());
        }
        if (v.password().length() >= 6) {
            secrets.add(v.password());
        }
        Arrays.stream(v.hash().split("[$:,{}=]"))
                .filter(token -> token.length() >= 6)
                .filter(token -> !token.chars().allMatch(Character::isDigit))
                .filter(token -> !List.of("argon2id", "argon2i", "argon2d", "pbkdf2_sha256", "pbkdf2_sha1", "sha256",
                        "sha512", "bcrypt_sha256", "rounds", "pbkdf2-sha256", "pbkdf2-sha512", "bcrypt-sha256",
                        "scrypt", "argon2", "bcrypt", "pbkdf2", "pbkdf3_sha256", "SSHA256", "SSHA512", "PKCS5S2",
                        "PBKDF2-SHA512", "pbkdf2@SpringSecurity_v5_8", "scrypt@SpringSecurity_v5_8", "SHA-256")
                        .contains(token))
                .forEach(secrets::add);
        // Firebase's signer key and the row's salt are secrets too.
        v.textParams().forEach((key, value) -> {
            if (key.startsWith("base64_") && value.length() >= 6) {
                secrets.add(value);
            }
        });
        return secrets;
    }
}
