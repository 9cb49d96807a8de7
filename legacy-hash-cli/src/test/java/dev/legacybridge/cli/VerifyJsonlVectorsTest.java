package dev.legacybridge.cli;

import dev.legacybridge.hash.SchemeIds;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every case of both shared vector files through {@code legacy-hash verify --jsonl}, one JSON line per case with its
 * {@code params} object as the file has it, under every scheme ({@code --allow-weak}) and the default caps: a
 * well-formed case gives the reference software's answer, a malformed one anything but a match, an absurd cost
 * {@code not_allowed}; the scheme is the stored format (see {@link #expectedScheme}).
 */
class VerifyJsonlVectorsTest {

    @ParameterizedTest
    @ValueSource(strings = {"vectors/password-hashes.json", "vectors/more-password-hashes.json"})
    @SuppressWarnings("unchecked")
    void verifyJsonlWhenSharedVectorFileThenEveryCaseGivesTheReferenceAnswer(String resource) throws Exception {
        List<Object> cases = (List<Object>) Json.parse(read(resource));
        StringBuilder input = new StringBuilder();
        for (Object c : cases) {
            Map<String, Object> v = (Map<String, Object>) c;
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("password", v.get("password"));
            line.put("hash", v.get("hash"));
            if (v.containsKey("params")) {
                line.put("params", v.get("params"));
            }
            input.append(Json.writeCompact(line)).append('\n');
        }

        CliRun run = CliRun.run(input.toString(), "verify", "--jsonl", "--allow-weak");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        String[] out = run.outLines();
        assertThat(out).hasSize(cases.size());
        for (int i = 0; i < out.length; i++) {
            Map<String, Object> v = (Map<String, Object>) cases.get(i);
            Map<String, Object> result = Json.parseObject(out[i]);
            String id = (String) v.get("id");
            assertThat(result).as(id).doesNotContainKey("error");
            assertThat(result.get("scheme")).as(id).isEqualTo(expectedScheme((String) v.get("scheme"),
                    (String) v.get("hash")));
            if (Boolean.TRUE.equals(v.get("malformed"))) {
                assertThat(result.get("result")).as(id).isNotEqualTo("match");
                if (((String) v.get("note")).contains("ABSURD COST")) {
                    assertThat(result.get("result")).as(id).isEqualTo("not_allowed");
                }
            } else {
                assertThat(result.get("result")).as("%s: %s", id, result.get("reason"))
                        .isEqualTo(Boolean.TRUE.equals(v.get("matches")) ? "match" : "mismatch");
            }
            String hash = (String) v.get("hash");
            if (hash.length() >= 6) {
                assertThat(out[i]).doesNotContain(hash);
            }
        }
    }

    /** As the hashing module's MoreVectorTest: the file names application families, the verifier stored formats. */
    private static String expectedScheme(String family, String hash) {
        return switch (family) {
            case "php_password_hash" -> hash.startsWith("$2y$") ? SchemeIds.BCRYPT
                    : hash.startsWith("$argon2") ? SchemeIds.ARGON2
                    : hash.startsWith("$1$") ? SchemeIds.MD5_CRYPT
                    : hash.startsWith("$apr1$") ? SchemeIds.APR_MD5_CRYPT : SchemeIds.LDAP_SHA1;
            case "spring_delegating" -> List.of("{noop}", "{MD5}", "{MD4}", "{SHA-1}", "{SHA-256}", "{sha256}", "{ldap}")
                    .stream().anyMatch(hash::startsWith) ? SchemeIds.SPRING_DELEGATING_WEAK : SchemeIds.SPRING_DELEGATING;
            default -> family;
        };
    }

    private static String read(String resource) throws IOException {
        try (InputStream in = VerifyJsonlVectorsTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
