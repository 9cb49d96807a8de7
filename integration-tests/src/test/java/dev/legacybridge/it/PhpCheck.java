package dev.legacybridge.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code php} (when it is on the PATH; CI has none) over {@code php/check-written-hashes.php}: the checks the PHP
 * applications make at login (WordPress's {@code wp_check_password}, Drupal 7's {@code user_check_password}, Laravel's
 * {@code Hash::check}, Devise's bcrypt over password and pepper, ASP.NET Identity's v3 layout), for hashes that
 * WRITABLE mode wrote into their tables.
 */
final class PhpCheck {

    /**
     * One check.
     *
     * @param kind     {@code php_bcrypt}, {@code wordpress}, {@code drupal7}, {@code devise} or {@code aspnet_v3}
     * @param pepper   Devise's pepper, or empty
     */
    record Check(String kind, String password, String pepper, String hash) {
        @Override
        public String toString() {
            return kind + " check"; // never the password or the hash
        }
    }

    private PhpCheck() {
    }

    /** Whether an executable {@code php} is on the PATH. */
    static boolean available() {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path php = Path.of(dir.isEmpty() ? "." : dir, "php");
            if (Files.isRegularFile(php) && Files.isExecutable(php)) {
                return true;
            }
        }
        return false;
    }

    /** Whether each application accepts each password: one answer per check, in order. */
    static List<Boolean> accepts(List<Check> checks) {
        StringBuilder input = new StringBuilder();
        Base64.Encoder b64 = Base64.getEncoder();
        for (Check c : checks) {
            input.append(c.kind()).append('\t')
                    .append(b64.encodeToString(c.password().getBytes(StandardCharsets.UTF_8))).append('\t')
                    .append(b64.encodeToString(c.pepper().getBytes(StandardCharsets.UTF_8))).append('\t')
                    .append(c.hash()).append('\n');
        }
        try {
            Path script = Path.of(PhpCheck.class.getResource("/php/check-written-hashes.php").toURI());
            Process php = new ProcessBuilder("php", script.toString()).redirectError(ProcessBuilder.Redirect.PIPE)
                    .start();
            php.getOutputStream().write(input.toString().getBytes(StandardCharsets.UTF_8));
            php.getOutputStream().close();
            if (!php.waitFor(60, TimeUnit.SECONDS)) {
                php.destroyForcibly();
                throw new IllegalStateException("php did not finish in 60 s");
            }
            String out = new String(php.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(php.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (php.exitValue() != 0) {
                throw new IllegalStateException("php exited with " + php.exitValue() + ": " + err);
            }
            List<Boolean> answers = new ArrayList<>();
            out.lines().forEach(line -> answers.add(line.equals("1")));
            if (answers.size() != checks.size()) {
                throw new IllegalStateException("php answered " + answers.size() + " of " + checks.size() + " checks: "
                        + err);
            }
            return answers;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
