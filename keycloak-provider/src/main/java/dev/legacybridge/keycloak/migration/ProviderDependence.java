package dev.legacybridge.keycloak.migration;

import jakarta.persistence.EntityManager;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * How many of a realm's users still need this provider, and why: the question before the jar can be removed.
 *
 * <ul>
 *   <li><b>linked</b>: users still linked to the component (their password is checked against the legacy table);</li>
 *   <li><b>legacy-hash credentials</b>: migrated users whose password is still a {@code legacy-hash} credential
 *       (bcrypt, scrypt, SHA-crypt, weak digests, ...), by legacy scheme; each is rehashed at the user's first
 *       login;</li>
 *   <li><b>legacy rows not in Keycloak</b>: computed by the caller from the legacy table's row count.</li>
 * </ul>
 * Migrated users with Keycloak's own credentials (the realm's algorithm after a login, or the {@code pbkdf2*} /
 * {@code argon2} credentials bulk migration writes) need nothing.
 */
public final class ProviderDependence {

    private static final Pattern SCHEME = Pattern.compile("\"scheme\"\\s*:\\s*\\[\\s*\"([^\"]*)\"");

    /**
     * @param linkedUsers          users linked to the component
     * @param legacyHashUsers      users (of any component) with a {@code legacy-hash} password credential
     * @param legacyHashBySchemes  the same, by the legacy scheme recorded in the credential
     */
    public record Counts(long linkedUsers, long legacyHashUsers, Map<String, Long> legacyHashBySchemes) {
    }

    private ProviderDependence() {
    }

    public static Counts count(KeycloakSession session, RealmModel realm, String componentId) {
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        long linked = em.createQuery("select count(u) from UserEntity u where u.realmId = :realm "
                        + "and u.federationLink = :link", Long.class)
                .setParameter("realm", realm.getId())
                .setParameter("link", componentId)
                .getSingleResult();
        // The algorithm is inside the JSON text of credentialData; LIKE narrows it, the regex reads the scheme.
        List<String> data = em.createQuery("select c.credentialData from CredentialEntity c where c.user.realmId = "
                        + ":realm and c.type = 'password' and c.credentialData like :algorithm", String.class)
                .setParameter("realm", realm.getId())
                .setParameter("algorithm", "%\"algorithm\":\"legacy-hash\"%")
                .getResultList();
        Map<String, Long> bySchemes = new TreeMap<>();
        for (String json : data) {
            Matcher m = SCHEME.matcher(json == null ? "" : json);
            bySchemes.merge(m.find() ? m.group(1) : "unknown", 1L, Long::sum);
        }
        return new Counts(linked, data.size(), new LinkedHashMap<>(bySchemes));
    }
}
