package dev.legacybridge.hash;

import dev.legacybridge.hash.argon2.Argon2Scheme;
import dev.legacybridge.hash.aspnet.AspNetIdentityScheme;
import dev.legacybridge.hash.bcrypt.BcryptScheme;
import dev.legacybridge.hash.crypt.Md5CryptScheme;
import dev.legacybridge.hash.crypt.ShaCryptScheme;
import dev.legacybridge.hash.crypt.YescryptScheme;
import dev.legacybridge.hash.django.DjangoArgon2Scheme;
import dev.legacybridge.hash.django.DjangoBcryptScheme;
import dev.legacybridge.hash.django.DjangoPbkdf2Scheme;
import dev.legacybridge.hash.django.DjangoSaltedDigestScheme;
import dev.legacybridge.hash.django.DjangoScryptScheme;
import dev.legacybridge.hash.django.DjangoUnsaltedDigestScheme;
import dev.legacybridge.hash.django.DjangoUnusableScheme;
import dev.legacybridge.hash.firebase.FirebaseScrypt;
import dev.legacybridge.hash.ldap.AtlassianPbkdf2Scheme;
import dev.legacybridge.hash.ldap.LdapPbkdf2Scheme;
import dev.legacybridge.hash.ldap.LdapSaltedDigestScheme;
import dev.legacybridge.hash.ldap.LdapShaScheme;
import dev.legacybridge.hash.passlib.PasslibBcryptSha256Scheme;
import dev.legacybridge.hash.passlib.PasslibPbkdf2Scheme;
import dev.legacybridge.hash.php.Drupal7Scheme;
import dev.legacybridge.hash.php.PhpassScheme;
import dev.legacybridge.hash.php.WordPressBcryptScheme;
import dev.legacybridge.hash.recipe.Recipe;
import dev.legacybridge.hash.spring.SpringDelegatingScheme;
import dev.legacybridge.hash.werkzeug.WerkzeugPbkdf2Scheme;
import dev.legacybridge.hash.werkzeug.WerkzeugScryptScheme;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The registry of every supported {@link PasswordScheme}, in the stable order the {@code schemes} command lists them.
 * A stored value is dispatched to the one scheme that claims its prefix; claims are mutually exclusive, so the order
 * is for display only. The {@link ConfiguredFormat}s (Firebase scrypt, recipes) claim nothing by prefix; their ids are
 * listed after the registry so that policies and the {@code schemes} command know them.
 */
final class PasswordSchemes {

    static final List<PasswordScheme> ALL = List.of(
            DjangoPbkdf2Scheme.sha256(),
            DjangoPbkdf2Scheme.sha1(),
            new DjangoArgon2Scheme(),
            DjangoBcryptScheme.bcryptSha256(),
            DjangoBcryptScheme.bcrypt(),
            new DjangoScryptScheme(),
            DjangoSaltedDigestScheme.md5(),
            DjangoSaltedDigestScheme.sha1(),
            DjangoUnsaltedDigestScheme.md5(),
            DjangoUnsaltedDigestScheme.sha1(),
            new DjangoUnusableScheme(),
            new BcryptScheme(),
            PasslibPbkdf2Scheme.sha256(),
            PasslibPbkdf2Scheme.sha512(),
            new PasslibBcryptSha256Scheme(),
            new Argon2Scheme(),
            ShaCryptScheme.sha256(),
            ShaCryptScheme.sha512(),
            LdapSaltedDigestScheme.sha1(),
            new WerkzeugPbkdf2Scheme(),
            new WerkzeugScryptScheme(),
            SpringDelegatingScheme.strong(),
            SpringDelegatingScheme.weakEncoders(),
            Md5CryptScheme.md5Crypt(),
            Md5CryptScheme.aprMd5Crypt(),
            new LdapShaScheme(),
            new PhpassScheme(),
            new WordPressBcryptScheme(),
            new Drupal7Scheme(),
            new AspNetIdentityScheme(),
            new YescryptScheme(),
            new AtlassianPbkdf2Scheme(),
            LdapSaltedDigestScheme.sha256(),
            LdapSaltedDigestScheme.sha512(),
            new LdapPbkdf2Scheme());

    /** Formats selected by configuration, not by prefix. */
    static final List<SchemeInfo> CONFIGURED = List.of(FirebaseScrypt.INFO, Recipe.DIGEST_INFO, Recipe.PBKDF2_INFO);

    static final List<SchemeInfo> INFOS = infos();

    static final Set<String> ALL_IDS = ids(false);

    static final Set<String> STRONG_IDS = ids(true);

    private PasswordSchemes() {
    }

    private static List<SchemeInfo> infos() {
        List<SchemeInfo> infos = new ArrayList<>(ALL.stream().map(PasswordScheme::info).toList());
        infos.addAll(CONFIGURED);
        return List.copyOf(infos);
    }

    private static Set<String> ids(boolean strongOnly) {
        Set<String> ids = new LinkedHashSet<>();
        for (SchemeInfo info : INFOS) {
            if (!strongOnly || !info.weak()) {
                ids.add(info.id());
            }
        }
        return Set.copyOf(ids);
    }

    /** The scheme that claims {@code stored}, or {@code null}. {@code stored} is non-empty. */
    static PasswordScheme claiming(String stored) {
        for (PasswordScheme scheme : ALL) {
            if (scheme.claims(stored)) {
                return scheme;
            }
        }
        return null;
    }

    /** The scheme with this id, or {@code null}. */
    static PasswordScheme byId(String id) {
        for (PasswordScheme scheme : ALL) {
            if (scheme.id().equals(id)) {
                return scheme;
            }
        }
        return null;
    }
}
