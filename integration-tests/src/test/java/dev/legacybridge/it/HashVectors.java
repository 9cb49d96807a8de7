package dev.legacybridge.it;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shared vector files ({@code vectors/password-hashes.json}, {@code vectors/more-password-hashes.json}: the hashing
 * module's verbatim copies, put on this module's test classpath by its pom), read as the hashing module's tests read
 * them. Every case was made by the reference software; see the README beside the files.
 */
final class HashVectors {

    static final String FIRST = "vectors/password-hashes.json";
    static final String MORE = "vectors/more-password-hashes.json";

    private HashVectors() {
    }

    /**
     * One case.
     *
     * @param params settings kept outside the stored value (Firebase project parameters and the user's salt, Spring
     *               encoder settings); empty when the value carries everything
     */
    record Case(String file, String id, String scheme, String password, String hash, boolean matches,
                boolean malformed, String note, Map<String, String> params) {

        @Override
        public String toString() {
            return id;
        }
    }

    static List<Case> load(String resource) {
        try (InputStream in = HashVectors.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the test classpath");
            }
            List<Map<String, Object>> raw = Http.JSON.readValue(in, new TypeReference<>() { });
            return raw.stream().map(c -> new Case(resource, (String) c.get("id"), (String) c.get("scheme"),
                    (String) c.get("password"), (String) c.get("hash"), Boolean.TRUE.equals(c.get("matches")),
                    Boolean.TRUE.equals(c.get("malformed")), (String) c.get("note"), textParams(c.get("params"))))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One case of a file by its id. */
    static Case byId(String resource, String id) {
        return load(resource).stream().filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no case " + id + " in " + resource));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> textParams(Object params) {
        Map<String, String> out = new LinkedHashMap<>();
        if (params instanceof Map<?, ?> map) {
            ((Map<String, Object>) map).forEach((k, v) -> out.put(k, String.valueOf(v)));
        }
        return out;
    }
}
