package dev.legacybridge.hash.spring;

import dev.legacybridge.hash.PasswordScheme;
import dev.legacybridge.hash.PasswordSchemeContract;

import java.util.List;
import java.util.Optional;

/** Spring's {@code {bcrypt}}, {@code {pbkdf2}}, {@code {scrypt}}, {@code {argon2}} and unmapped ids. */
class SpringDelegatingSchemeTest extends PasswordSchemeContract {

    private static final String SALT = "3xE3bEtfgZxKSKWXh3Q5Ru";
    private static final String DIGEST = "6jiiWhEySoAKoj1ntQQA4DulKbdRMjK";

    @Override
    protected PasswordScheme scheme() {
        return SpringDelegatingScheme.strong();
    }

    @Override
    protected String validHash() {
        return "{bcrypt}$2y$04$" + SALT + DIGEST; // vector spring-delegating-bcrypt-2y-4-words
    }

    @Override
    protected String validPassword() {
        return "correct horse battery staple";
    }

    @Override
    protected List<String> secretFields() {
        return List.of(SALT, DIGEST);
    }

    @Override
    protected List<String> malformedForms() {
        return List.of(
                "{bcrypt}$2a$03$" + SALT + DIGEST,
                "{bcrypt}$2$10$" + SALT + DIGEST,
                "{bcrypt" + "$2a$10$" + SALT + DIGEST,
                "{foo}$2a$10$" + SALT + DIGEST,
                "{}password",
                "{pbkdf2}1a27f5f417ef2b8d",
                "{pbkdf2}zz" + "0".repeat(78),
                "{pbkdf2@SpringSecurity_v5_8}" + "0".repeat(80),
                "{scrypt}$e0801$2ZB5fTN1AcMLrfL7SAuL7g==$E63i4ZQ4xOT6QNogH/7kTk5cDlJcjoBomcDk3HooCtM",
                "{scrypt}$e0801$2ZB5fTN1AcMLrfL7SAuL7g==",
                "{scrypt}$e0001$2ZB5fTN1AcMLrfL7SAuL7g==$E63i4ZQ4xOT6QNogH/7kTk5cDlJcjoBomcDk3HooCtM=",
                "{scrypt}$xyz$2ZB5fTN1AcMLrfL7SAuL7g==$E63i4ZQ4xOT6QNogH/7kTk5cDlJcjoBomcDk3HooCtM=",
                "{scrypt}$b0801$8c4Uq5LX1sTTeuZQjDHMrQ==$E63i4ZQ4xOT6QNogH/7kTk5cDlJcjoBomcDk3HooCtM+5aZJbU10PfhNuaxInqWIp3s0Mw==",
                "{argon2}$argon2id$v=19$m=4096,t=3,p=1$IuLVDcC4jVLhsq4cdY6hNg",
                "{argon2}$argon2x$v=19$m=4096,t=3,p=1$IuLVDcC4jVLhsq4cdY6hNg$gS25dbj7Tm3oQ5wHNJ0d2MwmtnwYtxRrIJjC8++sezw");
    }

    @Override
    protected List<String> overflowingCosts() {
        return List.of("{argon2}$argon2id$v=19$m=4096,t=4294967295,p=1$IuLVDcC4jVLhsq4cdY6hNg"
                + "$gS25dbj7Tm3oQ5wHNJ0d2MwmtnwYtxRrIJjC8++sezw");
    }

    @Override
    protected Optional<String> absurdCost() {
        return Optional.of("{bcrypt}$2a$31$" + SALT + DIGEST);
    }
}
