package dev.legacybridge.hash.ldap;

import dev.legacybridge.hash.HashCost;
import dev.legacybridge.hash.MalformedHashException;
import dev.legacybridge.hash.PasswordScheme;
import dev.legacybridge.hash.SchemeIds;
import dev.legacybridge.hash.SchemeInfo;
import dev.legacybridge.hash.StoredHash;
import dev.legacybridge.hash.codec.Radix64;
import dev.legacybridge.hash.kdf.Digests;
import dev.legacybridge.hash.kdf.Pbkdf2;

import java.util.Arrays;

/**
 * Atlassian's {@code {PKCS5S2}} ({@value SchemeIds#ATLASSIAN_PBKDF2_SHA1}): Crowd, Jira and Confluence user tables
 * (Atlassian's {@code DefaultPasswordEncoder}), also passlib's {@code atlassian_pbkdf2_sha1}.
 *
 * <pre>
 * {PKCS5S2}aa3VGkMI4TwnREipNcbY26kjY5z2y5twDsR0h7UMJltWSaHOxzFLgi5gsSJap0pe
 *          standard base64 (padded) of a 16-byte salt followed by 32 bytes of PBKDF2-HMAC-SHA1, 10,000 iterations
 * </pre>
 */
public final class AtlassianPbkdf2Scheme implements PasswordScheme {

    private static final String PREFIX = "{PKCS5S2}";
    private static final int SALT_BYTES = 16;
    private static final int KEY_BYTES = 32;
    private static final int ITERATIONS = 10_000;
    private static final SchemeInfo INFO = new SchemeInfo(SchemeIds.ATLASSIAN_PBKDF2_SHA1, PREFIX, false, false,
            "Atlassian Crowd/Jira/Confluence PBKDF2-HMAC-SHA1, 10000 iterations (passlib atlassian_pbkdf2_sha1)");

    @Override
    public SchemeInfo info() {
        return INFO;
    }

    @Override
    public boolean claims(String stored) {
        return stored.startsWith(PREFIX);
    }

    @Override
    public StoredHash parse(String stored) throws MalformedHashException {
        byte[] decoded;
        try {
            decoded = Radix64.STANDARD.decode(stored, PREFIX.length(), stored.length());
        } catch (IllegalArgumentException e) {
            throw new MalformedHashException(INFO.id() + ": " + e.getMessage());
        }
        if (decoded.length != SALT_BYTES + KEY_BYTES) {
            throw new MalformedHashException(INFO.id() + " must hold a 16-byte salt and a 32-byte key");
        }
        byte[] salt = Arrays.copyOf(decoded, SALT_BYTES);
        byte[] expected = Arrays.copyOfRange(decoded, SALT_BYTES, decoded.length);
        return new StoredHash() {
            @Override
            public HashCost cost() {
                return new HashCost.Pbkdf2(ITERATIONS);
            }

            @Override
            public boolean matches(byte[] password) {
                return Digests.constantTimeEquals(expected,
                        Pbkdf2.derive(Pbkdf2.Prf.SHA1, password, salt, ITERATIONS, KEY_BYTES));
            }
        };
    }
}
