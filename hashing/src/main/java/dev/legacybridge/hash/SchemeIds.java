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

    /** Pseudo id for a null or empty stored value. */
    public static final String EMPTY = "empty";
    /** Pseudo id for a stored value no scheme recognises. */
    public static final String UNKNOWN = "unknown";

    private SchemeIds() {
    }
}
