package dev.legacybridge.hash;

/**
 * Scheme ids used in results, policies, logs and the CLI.
 *
 * <p>The ids are passlib's handler names ({@code django_pbkdf2_sha256}, {@code bcrypt_sha256}, {@code argon2}...)
 * rather than the raw prefixes, because raw prefixes collide across applications: Django writes
 * {@code argon2$argon2id$...} and {@code pbkdf2_sha256$...}, passlib writes {@code $argon2id$...} and
 * {@code $pbkdf2-sha256$...}. The same names are used by {@code ../shared/vectors/password-hashes.json}.
 */
public final class SchemeIds {
    public static final String DJANGO_PBKDF2_SHA256 = "django_pbkdf2_sha256";
    public static final String DJANGO_PBKDF2_SHA1 = "django_pbkdf2_sha1";
    public static final String DJANGO_ARGON2 = "django_argon2";
    public static final String DJANGO_BCRYPT_SHA256 = "django_bcrypt_sha256";
    public static final String DJANGO_BCRYPT = "django_bcrypt";
    public static final String DJANGO_SCRYPT = "django_scrypt";
    public static final String DJANGO_MD5 = "django_md5";
    public static final String DJANGO_SHA1 = "django_sha1";
    public static final String DJANGO_UNSALTED_MD5 = "django_unsalted_md5";
    public static final String DJANGO_UNSALTED_SHA1 = "django_unsalted_sha1";
    /** Django's {@code !}-prefixed unusable password: recognised, never matches. */
    public static final String DJANGO_UNUSABLE = "django_unusable";
    /** Raw bcrypt, {@code $2a$}, {@code $2b$} and {@code $2y$}. */
    public static final String BCRYPT = "bcrypt";
    public static final String PBKDF2_SHA256 = "pbkdf2_sha256";
    public static final String PBKDF2_SHA512 = "pbkdf2_sha512";
    public static final String BCRYPT_SHA256 = "bcrypt_sha256";
    /** PHC argon2 strings ({@code $argon2id$}, {@code $argon2i$}, {@code $argon2d$}). */
    public static final String ARGON2 = "argon2";
    public static final String SHA256_CRYPT = "sha256_crypt";
    public static final String SHA512_CRYPT = "sha512_crypt";
    public static final String LDAP_SALTED_SHA1 = "ldap_salted_sha1";
    public static final String WERKZEUG_PBKDF2 = "werkzeug_pbkdf2";
    public static final String WERKZEUG_SCRYPT = "werkzeug_scrypt";

    /** Spring Security's {@code DelegatingPasswordEncoder}: {@code {bcrypt}}, {@code {pbkdf2}}, {@code {scrypt}},
     *  {@code {argon2}} (with their {@code @SpringSecurity_v5_8} forms), and unknown or malformed {@code {id}}s. */
    public static final String SPRING_DELEGATING = "spring_delegating";
    /** The weak encoders of the same {@code DelegatingPasswordEncoder}: {@code {noop}}, {@code {MD5}}, {@code {MD4}},
     *  {@code {SHA-1}}, {@code {SHA-256}}, {@code {sha256}} and {@code {ldap}}. */
    public static final String SPRING_DELEGATING_WEAK = "spring_delegating_weak";
    /** MD5-crypt {@code $1$} (PHP crypt(), glibc/libxcrypt, FreeBSD). */
    public static final String MD5_CRYPT = "md5_crypt";
    /** Apache's MD5-crypt variant {@code $apr1$} (htpasswd). */
    public static final String APR_MD5_CRYPT = "apr_md5_crypt";
    /** Unsalted {@code {SHA}} (htpasswd -s, RFC 2307). */
    public static final String LDAP_SHA1 = "ldap_sha1";
    public static final String LDAP_SALTED_SHA256 = "ldap_salted_sha256";
    public static final String LDAP_SALTED_SHA512 = "ldap_salted_sha512";
    public static final String LDAP_PBKDF2_SHA512 = "ldap_pbkdf2_sha512";
    /** Atlassian Crowd/Jira/Confluence {@code {PKCS5S2}}. */
    public static final String ATLASSIAN_PBKDF2_SHA1 = "atlassian_pbkdf2_sha1";
    /** phpass portable hashes {@code $P$} (WordPress before 6.8) and {@code $H$} (phpBB 3). */
    public static final String PHPASS = "phpass";
    /** Drupal 7 {@code $S$}, and its {@code U$}-prefixed upgrades of Drupal 6 MD5 hashes. */
    public static final String DRUPAL7 = "drupal7";
    /** WordPress 6.8+ {@code $wp$2y$...}: bcrypt over base64(HMAC-SHA384(key "wp-sha384", password)). */
    public static final String WORDPRESS_BCRYPT = "wordpress_bcrypt";
    /** ASP.NET (Core) Identity {@code PasswordHasher}, format versions 2 and 3 (base64, no prefix). */
    public static final String ASPNET_IDENTITY = "aspnet_identity";
    /** libxcrypt yescrypt {@code $y$} (Debian 11+, Fedora, Ubuntu /etc/shadow). */
    public static final String YESCRYPT = "yescrypt";
    /** Firebase Auth's modified scrypt; configured (signer key, salt separator, rounds, memory cost), not prefixed. */
    public static final String FIREBASE_SCRYPT = "firebase_scrypt";
    /** A configured recipe for a home-grown digest or HMAC; weak. */
    public static final String RECIPE_DIGEST = "recipe_digest";
    /** A configured recipe for a home-grown PBKDF2. */
    public static final String RECIPE_PBKDF2 = "recipe_pbkdf2";

    /** Pseudo id for a null or empty stored value. */
    public static final String EMPTY = "empty";
    /** Pseudo id for a stored value no scheme recognises. */
    public static final String UNKNOWN = "unknown";

    private SchemeIds() {
    }
}
