package dev.legacybridge.hash;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Names for the set of schemes one kind of legacy application writes, usable wherever scheme ids are listed in a
 * policy ({@code allowedSchemes}, {@code --allow}). A family stands for its members that are not weak; weak members
 * (plain MD5 from old WordPress, {@code {SHA}} from htpasswd...) still need to be named or allowed as weak, like every
 * weak scheme. {@code legacy-hash schemes} prints this table.
 */
public final class SchemeFamilies {

    /** Family name to member scheme ids, in display order. */
    public static final Map<String, List<String>> FAMILIES = families();

    private SchemeFamilies() {
    }

    private static Map<String, List<String>> families() {
        Map<String, List<String>> f = new LinkedHashMap<>();
        f.put("php_password_hash", List.of(SchemeIds.BCRYPT, SchemeIds.ARGON2));
        f.put("php_crypt", List.of(SchemeIds.BCRYPT, SchemeIds.SHA256_CRYPT, SchemeIds.SHA512_CRYPT,
                SchemeIds.MD5_CRYPT));
        f.put("htpasswd", List.of(SchemeIds.BCRYPT, SchemeIds.SHA256_CRYPT, SchemeIds.SHA512_CRYPT,
                SchemeIds.APR_MD5_CRYPT, SchemeIds.LDAP_SHA1));
        f.put("wordpress", List.of(SchemeIds.WORDPRESS_BCRYPT, SchemeIds.PHPASS, SchemeIds.BCRYPT,
                SchemeIds.DJANGO_UNSALTED_MD5));
        f.put("drupal", List.of(SchemeIds.DRUPAL7, SchemeIds.PHPASS));
        f.put("spring", List.of(SchemeIds.SPRING_DELEGATING, SchemeIds.BCRYPT, SchemeIds.SPRING_DELEGATING_WEAK));
        f.put("linux_shadow", List.of(SchemeIds.YESCRYPT, SchemeIds.SHA512_CRYPT, SchemeIds.SHA256_CRYPT,
                SchemeIds.BCRYPT, SchemeIds.MD5_CRYPT));
        f.put("ldap", List.of(SchemeIds.LDAP_PBKDF2_SHA512, SchemeIds.LDAP_SALTED_SHA512, SchemeIds.LDAP_SALTED_SHA256,
                SchemeIds.LDAP_SALTED_SHA1, SchemeIds.LDAP_SHA1));
        return java.util.Collections.unmodifiableMap(f);
    }
}
