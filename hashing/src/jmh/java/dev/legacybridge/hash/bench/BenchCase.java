package dev.legacybridge.hash.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * One row of {@code bench-cases.tsv}: the hashes both the JMH benchmarks and the native references in
 * {@code scripts/bench-hashing.sh} verify, so the two sides time exactly the same work. Formats configured outside
 * the stored value (Firebase scrypt) carry their settings in an optional sixth column, {@code key=value;...} with the
 * keys of {@code SchemeParameters}.
 */
record BenchCase(String id, String nativeReference, String parameters, String password, String hash,
                 java.util.Map<String, String> params) {

    static BenchCase load(String id) {
        try (InputStream in = BenchCase.class.getResourceAsStream("/bench-cases.tsv")) {
            if (in == null) {
                throw new IllegalStateException("bench-cases.tsv is not on the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] f = line.split("\t", -1);
                if (!line.startsWith("#") && f.length >= 5 && f[0].equals(id)) {
                    java.util.Map<String, String> params = new java.util.LinkedHashMap<>();
                    if (f.length > 5) {
                        for (String pair : f[5].split(";")) {
                            int eq = pair.indexOf('=');
                            params.put(pair.substring(0, eq), pair.substring(eq + 1));
                        }
                    }
                    return new BenchCase(f[0], f[1], f[2], f[3], f[4], params);
                }
            }
            throw new IllegalArgumentException("no bench case " + id);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
