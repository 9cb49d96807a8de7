package dev.legacybridge.it;

import java.util.List;

/** The users of {@code legacy-db/seed*.sql} that tests log in with (see legacy-db/README.md for provenance). */
final class SeededUsers {

    record Seeded(String username, String password, String scheme) {
        @Override
        public String toString() {
            return username + " (" + scheme + ")";
        }
    }

    /** One user per hash family; every one must log in (weak schemes need allowedSchemes to include them). */
    static final List<Seeded> ONE_PER_FAMILY = List.of(
            new Seeded("johndoe", "secret", "bcrypt"),
            new Seeded("janedoe", "hashsecret", "bcrypt"),
            new Seeded("u_django_pbkdf2_sha256", "secret", "django_pbkdf2_sha256"),
            new Seeded("u_django_pbkdf2_sha1", "secret", "django_pbkdf2_sha1"),
            new Seeded("u_django_argon2", "secret", "django_argon2"),
            new Seeded("u_django_bcrypt_sha256", "secret", "django_bcrypt_sha256"),
            new Seeded("u_django_bcrypt", "correct horse battery staple", "django_bcrypt"),
            new Seeded("u_django_scrypt", "secret", "django_scrypt"),
            new Seeded("u_django_md5", "secret", "django_md5"),
            new Seeded("u_django_sha1", "hashsecret", "django_sha1"),
            new Seeded("u_django_unsalted_md5", "secret", "django_unsalted_md5"),
            new Seeded("u_django_unsalted_sha1", "secret", "django_unsalted_sha1"),
            new Seeded("u_bcrypt", "secret", "bcrypt"),
            new Seeded("u_pbkdf2_sha256", "secret", "pbkdf2_sha256"),
            new Seeded("u_bcrypt_sha256", "secret", "bcrypt_sha256"),
            new Seeded("u_argon2", "correct horse battery staple", "argon2"),
            new Seeded("u_sha256_crypt", "secret", "sha256_crypt"),
            new Seeded("u_sha512_crypt", "hashsecret", "sha512_crypt"),
            new Seeded("u_ldap_salted_sha1", "secret", "ldap_salted_sha1"),
            new Seeded("u_werkzeug_pbkdf2", "hashsecret", "werkzeug_pbkdf2"),
            new Seeded("u_pbkdf2_sha512", "hashsecret", "pbkdf2_sha512"),
            new Seeded("u_werkzeug_scrypt", "secret", "werkzeug_scrypt"));

    /** Every scheme id, weak ones included: what a component must allow for all families to log in. */
    static final List<String> ALL_SCHEMES = List.of("django_pbkdf2_sha256", "django_pbkdf2_sha1", "django_argon2",
            "django_bcrypt_sha256", "django_bcrypt", "django_scrypt", "django_md5", "django_sha1",
            "django_unsalted_md5", "django_unsalted_sha1", "django_unusable", "bcrypt", "pbkdf2_sha256",
            "pbkdf2_sha512", "bcrypt_sha256", "argon2", "sha256_crypt", "sha512_crypt", "ldap_salted_sha1",
            "werkzeug_pbkdf2", "werkzeug_scrypt");

    /** Usernames an attacker might try: SQL injection, odd Unicode, control characters, huge input. */
    static final List<String> HOSTILE_USERNAMES = List.of(
            "' OR '1'='1", "' OR 1=1 --", "johndoe' --", "johndoe'/*", "\" OR \"\"=\"", "admin'--",
            "'; DROP TABLE auth_user; --", "johndoe; SELECT pg_sleep(5)", "' UNION SELECT NULL, NULL --",
            "1' AND SLEEP(5) #", "%", "_", "*", "johndoe%", "j_hndoe", "\\", "\\' OR 1=1 --", "`id`",
            "johndoe\u0000", "\u0000", "jöhndoe", "johndoe\u200b", "ｊｏｈｎｄｏｅ", "JOHNDOE\u0301",
            "\u202ejohndoe", "\ud83d\ude00", "x".repeat(2000), "johndoe\r\nX-Injected: 1", "${jndi:ldap://x/a}",
            "<script>alert(1)</script>", "u_malformed' OR is_superuser --", "\"johndoe\"", "*johndoe*");

    private SeededUsers() {
    }
}
