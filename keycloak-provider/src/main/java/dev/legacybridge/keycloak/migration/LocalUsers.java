package dev.legacybridge.keycloak.migration;

import dev.legacybridge.store.LegacyUser;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserProvider;
import org.keycloak.models.cache.UserCache;
import org.keycloak.models.jpa.entities.UserEntity;
import org.keycloak.storage.UserStoragePrivateUtil;

/**
 * Keycloak's own user store, as far as Legacy Bridge needs it. The only class (with the importer beside it) that
 * calls Keycloak's private local-storage API or its JPA entities.
 *
 * <p>Two questions need more than the public {@link UserProvider}: which of a page of legacy rows already have a
 * Keycloak user (one JPQL query per page instead of one lookup per row), and claiming a linked user for migration
 * exactly once across threads and cluster nodes (a conditional update whose row count says who won).
 */
public final class LocalUsers {

    /** Rows per JPQL query; well below every database's limit on bound parameters. */
    private static final int BATCH = 500;

    private LocalUsers() {
    }

    static UserProvider store(KeycloakSession session) {
        return UserStoragePrivateUtil.userLocalStorage(session);
    }

    /** The Keycloak user of that id in Keycloak's own store, or null. */
    public static UserModel byId(KeycloakSession session, RealmModel realm, String id) {
        return store(session).getUserById(realm, id);
    }

    /** The Keycloak user of that username (compared lower-cased, as Keycloak stores usernames), or null. */
    public static UserModel byUsername(KeycloakSession session, RealmModel realm, String username) {
        return store(session).getUserByUsername(realm, username.toLowerCase(Locale.ROOT));
    }

    /**
     * The legacy ids among {@code rows} that already have a Keycloak user: the user of their
     * {@link LegacyIdentity#keycloakId} exists (linked or migrated), or their username belongs to someone in Keycloak
     * (a user migrated by an earlier version with another id, or another person, whom a legacy row must never
     * shadow). Such rows are Keycloak's to list and count, not the legacy table's.
     */
    public static Set<String> present(KeycloakSession session, RealmModel realm, String componentId,
                                      Collection<LegacyUser> rows) {
        Set<String> present = new HashSet<>();
        List<LegacyUser> all = new ArrayList<>(rows);
        EntityManager em = entityManager(session);
        for (int from = 0; from < all.size(); from += BATCH) {
            List<LegacyUser> batch = all.subList(from, Math.min(all.size(), from + BATCH));
            Map<String, String> byKeycloakId = new HashMap<>();
            Map<String, List<String>> byUsername = new HashMap<>();
            for (LegacyUser row : batch) {
                byKeycloakId.put(LegacyIdentity.keycloakId(componentId, row.id()), row.id());
                if (!row.username().isEmpty()) {
                    byUsername.computeIfAbsent(row.username().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                            .add(row.id());
                }
            }
            List<Object[]> found = em.createQuery("select u.id, u.username from UserEntity u where u.realmId = :realm "
                            + "and (u.id in :ids or u.username in :names)", Object[].class)
                    .setParameter("realm", realm.getId())
                    .setParameter("ids", byKeycloakId.keySet())
                    .setParameter("names", byUsername.isEmpty() ? Set.of("\u0000") : byUsername.keySet())
                    .getResultList();
            for (Object[] user : found) {
                String legacyId = byKeycloakId.get((String) user[0]);
                if (legacyId != null) {
                    present.add(legacyId);
                }
                present.addAll(byUsername.getOrDefault((String) user[1], List.of()));
            }
        }
        return present;
    }

    /**
     * How many Keycloak users that came from the component match Keycloak's own search {@code params}: the
     * estimate of the overlap when a legacy search matches too many rows to compare them one by one.
     */
    public static int countFromComponent(KeycloakSession session, RealmModel realm, String componentId,
                                         Map<String, String> params) {
        Map<String, String> withComponent = new HashMap<>(params);
        withComponent.put(LegacyIdentity.LEGACY_COMPONENT, componentId);
        return store(session).getUsersCount(realm, withComponent);
    }

    /** Keycloak users that came from a component: still linked to it, and migrated (Keycloak's own). */
    public record FromComponent(long linked, long migrated) {
    }

    /**
     * How many Keycloak users came from the component, by whether they are still linked to it: one grouped count over
     * the {@link LegacyIdentity#LEGACY_COMPONENT} attribute (Keycloak indexes user attributes by name and value).
     */
    public static FromComponent countFromComponent(KeycloakSession session, RealmModel realm, String componentId) {
        List<Object[]> rows = entityManager(session).createQuery("select case when u.federationLink is null then 0 "
                        + "else 1 end, count(u) from UserEntity u join u.attributes a where u.realmId = :realm "
                        + "and a.name = :name and a.value = :component group by case when u.federationLink is null "
                        + "then 0 else 1 end", Object[].class)
                .setParameter("realm", realm.getId())
                .setParameter("name", LegacyIdentity.LEGACY_COMPONENT)
                .setParameter("component", componentId)
                .getResultList();
        long linked = 0;
        long migrated = 0;
        for (Object[] row : rows) {
            long count = ((Number) row[1]).longValue();
            if (((Number) row[0]).intValue() == 0) {
                migrated += count;
            } else {
                linked += count;
            }
        }
        return new FromComponent(linked, migrated);
    }

    /**
     * Removes the federation link of a linked user in the caller's transaction if, and only if, it is still linked
     * to {@code componentId}: the update locks the row, so of two concurrent migrations (two logins, a login and a
     * bulk run, two cluster nodes) exactly one sees a count of 1 and goes on to set the password. The caller's
     * persistence context is refreshed, so a later flush of the request cannot write the old link back.
     *
     * @return whether this call unlinked the user
     */
    static boolean claimForMigration(KeycloakSession session, RealmModel realm, String userId, String componentId) {
        EntityManager em = entityManager(session);
        int updated = em.createQuery("update UserEntity u set u.federationLink = null where u.id = :id "
                        + "and u.realmId = :realm and u.federationLink = :link")
                .setParameter("id", userId)
                .setParameter("realm", realm.getId())
                .setParameter("link", componentId)
                .executeUpdate();
        UserEntity entity = em.find(UserEntity.class, userId);
        if (entity != null) {
            em.refresh(entity);
        }
        evict(session, realm, userId);
        return updated == 1;
    }

    /** Drops the user from Keycloak's user cache (on every node), so the next request reads it again. */
    public static void evict(KeycloakSession session, RealmModel realm, String userId) {
        UserCache cache = session.getProvider(UserCache.class);
        if (cache == null) {
            return;
        }
        UserModel user = store(session).getUserById(realm, userId);
        if (user != null) {
            cache.evict(realm, user);
        }
    }

    private static EntityManager entityManager(KeycloakSession session) {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }
}
