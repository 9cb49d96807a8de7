package dev.legacybridge.hash.spring;

import dev.legacybridge.hash.HashPolicy;
import dev.legacybridge.hash.LegacyPasswordVerifier;
import dev.legacybridge.hash.Outcome;
import dev.legacybridge.hash.PasswordScheme;
import dev.legacybridge.hash.PasswordSchemeContract;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Spring's weak encoders: {@code {MD5}}, {@code {SHA-1}}, {@code {SHA-256}}, {@code {MD4}}, {@code {sha256}}, {@code {ldap}}, {@code {noop}}. */
class SpringDelegatingWeakSchemeTest extends PasswordSchemeContract {

    private static final String SALT = "{4PDuuBr9hU/H3svIw0gNo+T2mI2gL3ydMucQ36cxFLE=}";
    private static final String DIGEST = "c0312b84302d4e3c52d50ddb9758d37c";

    @Override
    protected PasswordScheme scheme() {
        return SpringDelegatingScheme.weakEncoders();
    }

    @Override
    protected String validHash() {
        return "{MD5}" + SALT + DIGEST; // vector spring-delegating-md5-cjk
    }

    @Override
    protected String validPassword() {
        return "\u5bc6\u7801\u30d1\u30b9\u30ef\u30fc\u30c9\ube44\ubc00\ubc88\ud638";
    }

    @Override
    protected List<String> secretFields() {
        return List.of("4PDuuBr9hU/H3svIw0gNo", DIGEST);
    }

    @Override
    protected List<String> malformedForms() {
        return List.of(
                "{MD5}" + SALT + DIGEST.toUpperCase(),
                "{MD5}{4PDuuBr9hU" + DIGEST,
                "{SHA-1}" + DIGEST,
                "{sha256}" + "3e22e58bf0c5a61ce203bb3b227c38d44450284c329dcc43e3408e3a724acc09",
                "{ldap}{SSHA}!UcecfW2hZkPgepTgDEmJpnKQlLlK4RBFEaQmQ==",
                "{ldap}{XSHA}wUcecfW2hZkPgepTgDEmJpnKQlLlK4RBFEaQmQ==",
                "{ldap}{SHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g",
                "{MD4}" + DIGEST + "00");
    }

    @Override
    protected Optional<String> absurdCost() {
        return Optional.empty();
    }

    @Test
    void verifyWhenSpringPlainTextFormsThenComparedAsText() {
        LegacyPasswordVerifier verifier = new LegacyPasswordVerifier(HashPolicy.allowingAll());

        assertThat(verifier.verify("password", "{noop}password").outcome()).isEqualTo(Outcome.MATCH);
        assertThat(verifier.verify("password", "{ldap}password").outcome()).isEqualTo(Outcome.MATCH);
        assertThat(verifier.verify("Password", "{noop}password").outcome()).isEqualTo(Outcome.MISMATCH);
        assertThat(verifier.verify("password", "{ldap}{sha}W6ph5Mm5Pz8GgiULbPgzG37mj9g=").outcome())
                .isEqualTo(Outcome.MATCH);
    }
}
