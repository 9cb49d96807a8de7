package dev.legacybridge.hash;

import dev.legacybridge.hash.argon2.Argon2Scheme;
import dev.legacybridge.hash.bcrypt.BcryptScheme;
import dev.legacybridge.hash.crypt.ShaCryptScheme;
import dev.legacybridge.hash.django.DjangoArgon2Scheme;
import dev.legacybridge.hash.django.DjangoBcryptScheme;
import dev.legacybridge.hash.django.DjangoPbkdf2Scheme;
import dev.legacybridge.hash.django.DjangoSaltedDigestScheme;
import dev.legacybridge.hash.django.DjangoScryptScheme;
import dev.legacybridge.hash.django.DjangoUnsaltedDigestScheme;
import dev.legacybridge.hash.django.DjangoUnusableScheme;
import dev.legacybridge.hash.ldap.LdapSaltedSha1Scheme;
import dev.legacybridge.hash.passlib.PasslibBcryptSha256Scheme;
import dev.legacybridge.hash.passlib.PasslibPbkdf2Scheme;
import dev.legacybridge.hash.werkzeug.WerkzeugPbkdf2Scheme;
import dev.legacybridge.hash.werkzeug.WerkzeugScryptScheme;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The registry of every supported {@link PasswordScheme}, in the stable order the {@code schemes} command lists them.
 * A stored value is dispatched to the one scheme that claims its prefix; claims are mutually exclusive, so the order
 * is for display only.
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
            new LdapSaltedSha1Scheme(),
            new WerkzeugPbkdf2Scheme(),
            new WerkzeugScryptScheme());

    static final List<SchemeInfo> INFOS = ALL.stream().map(PasswordScheme::info).toList();

    static final Set<String> ALL_IDS = ids(false);

    static final Set<String> STRONG_IDS = ids(true);

    private PasswordSchemes() {
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
