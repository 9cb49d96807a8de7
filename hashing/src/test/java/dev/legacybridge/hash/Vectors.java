package dev.legacybridge.hash;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Loads the known-answer vectors from the test classpath: {@code vectors/password-hashes.json} and
 * {@code vectors/more-password-hashes.json} (the shared files, copied verbatim from {@code shared/vectors}) and
 * {@code vectors/extra-hashes.json} (made by {@code scripts/generate-extra-vectors.py} with the reference libraries,
 * for formats the first shared file lacks).
 */
final class Vectors {

    static final String SHARED = "vectors/password-hashes.json";
    static final String EXTRA = "vectors/extra-hashes.json";
    /** The second shared file (copied verbatim from {@code shared/vectors}): PHP, WordPress, Drupal, Spring... */
    static final String MORE = "vectors/more-password-hashes.json";

    /** One case; see {@code vectors/README.md} for the schema. */
    record Vector(String id, String scheme, String source, String password, String hash, boolean matches,
                  boolean malformed, String note, Map<String, Object> params) {

        boolean absurdCost() {
            return note != null && note.contains("ABSURD COST");
        }

        /** The {@code params} object with every value as text (numbers as their digits); empty when absent. */
        Map<String, String> textParams() {
            Map<String, String> out = new java.util.LinkedHashMap<>();
            if (params != null) {
                params.forEach((k, v) -> out.put(k, String.valueOf(v)));
            }
            return out;
        }

        @Override
        public String toString() {
            return id;
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    private Vectors() {
    }

    static List<Vector> load(String resource) {
        try (InputStream in = Vectors.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the test classpath");
            }
            return List.of(MAPPER.readValue(in, Vector[].class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Vector> all() {
        List<Vector> all = new ArrayList<>(load(SHARED));
        all.addAll(load(EXTRA));
        all.addAll(load(MORE));
        return all;
    }
}
