package dev.legacybridge.keycloak.migration;

import dev.legacybridge.keycloak.config.LegacyGroupsAs;
import dev.legacybridge.keycloak.config.LegacyStoreConfig;
import dev.legacybridge.keycloak.config.SyncOptions;
import dev.legacybridge.keycloak.pool.ComponentDatabase;
import dev.legacybridge.keycloak.user.LegacyAuthorities;
import dev.legacybridge.store.LegacyUser;
import dev.legacybridge.store.LegacyUserRepository;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Months of coexistence: while the legacy application keeps running, users migrated from its table (no federation
 * link any more; {@link LegacyIdentity#LEGACY_COMPONENT} names the component) are kept in step with their legacy row by
 * Keycloak's own synchronization triggers:
 * <ul>
 *   <li><b>full sync</b> ({@code since == null}): every migrated user of the component is compared with its row, read
 *       by id in chunks; a user whose row is gone is <b>disabled</b>, never deleted;</li>
 *   <li><b>changed-users sync</b> ({@code since} = Keycloak's last sync time): only rows whose changed-at column is at
 *       or after that time are read. A removed row cannot show up here: the full sync finds those.</li>
 * </ul>
 * What a row changes: email, first and last name, the mapped attribute columns, the enabled flag (a deactivated row
 * disables the user; the user is enabled again when the row is reactivated only if the sync disabled it, so an
 * administrator's own disabling stands), realm roles and groups the row maps to (added; with add-only off, mapped ones
 * the row lost are removed). Fields in {@link SyncOptions#ignored()} are never touched. Usernames, passwords and second
 * factors are never synced: they are Keycloak's since the migration.
 *
 * <p>Linked users (not yet migrated) are not touched: the provider already copies their row on every lookup
 * ({@code ImportedUserValidation}), so a sync would only repeat that work for users who may never log in.
 */
public final class CoexistenceSync {

    private static final Logger LOG = Logger.getLogger(CoexistenceSync.class);
    /** Set on users the sync disabled, so that it re-enables only those. */
    static final String DISABLED_BY_SYNC = "legacyBridgeDisabledBySync";
    private static final int CHUNK = 200;

    /** Users changed (of which disabled), left as they were, and failed (ids only in the log). */
    public record Result(int updated, int disabled, int unchanged, int failed) {
    }

    private CoexistenceSync() {
    }

    /** @param since null for a full sync, else the changed-users sync from that time (needs a changed-at column) */
    public static Result run(KeycloakSessionFactory factory, String realmId, ComponentDatabase database,
                             Instant since) {
        LegacyStoreConfig config = database.config();
        LegacyUserRepository repository = database.repository();
        Counter counter = new Counter();
        Set<String> mappedGroups = new HashSet<>(config.legacyGroupsAs() == LegacyGroupsAs.NONE ? List.of()
                : repository.lookups().allGroupNames());
        if (since == null) {
            Map<String, String> migrated = KeycloakModelUtils.runJobInTransactionWithResult(factory, session ->
                    migratedUsers(session, session.realms().getRealm(realmId), database.componentId()));
            List<Map.Entry<String, String>> entries = new ArrayList<>(migrated.entrySet());
            for (int from = 0; from < entries.size(); from += CHUNK) {
                List<Map.Entry<String, String>> chunk = entries.subList(from, Math.min(entries.size(), from + CHUNK));
                List<LegacyUser> rows = repository.changes(null).byIds(chunk.stream().map(Map.Entry::getValue).toList());
                Map<String, LegacyUser> byId = rows.stream().collect(Collectors.toMap(LegacyUser::id, r -> r));
                Map<String, List<String>> groups = groupsOf(config, repository, rows);
                applyChunk(factory, realmId, database, chunk, byId, groups, mappedGroups, counter);
            }
        } else {
            String cursor = null;
            while (true) {
                List<LegacyUser> rows = repository.changes(config.changedAtColumn()).changedSince(since, cursor, CHUNK);
                if (rows.isEmpty()) {
                    break;
                }
                Map<String, LegacyUser> byId = rows.stream().collect(Collectors.toMap(LegacyUser::id, r -> r));
                Map<String, List<String>> groups = groupsOf(config, repository, rows);
                List<Map.Entry<String, String>> chunk = rows.stream().map(r -> Map.entry(
                        LegacyIdentity.keycloakId(database.componentId(), r.id()), r.id())).toList();
                applyChunk(factory, realmId, database, chunk, byId, groups, mappedGroups, counter);
                cursor = rows.get(rows.size() - 1).id();
                if (rows.size() < CHUNK) {
                    break;
                }
            }
        }
        Result result = new Result(counter.updated, counter.disabled, counter.unchanged, counter.failed);
        LOG.infof("Coexistence sync (%s) of legacy user storage [%s]: %d migrated users updated (%d disabled), %d "
                + "unchanged, %d failed", since == null ? "full" : "changed since " + since, database.componentId(),
                result.updated(), result.disabled(), result.unchanged(), result.failed());
        return result;
    }

    private static final class Counter {
        int updated;
        int disabled;
        int unchanged;
        int failed;
    }

    private static Map<String, List<String>> groupsOf(LegacyStoreConfig config, LegacyUserRepository repository,
                                                      List<LegacyUser> rows) {
        return config.legacyGroupsAs() == LegacyGroupsAs.NONE || rows.isEmpty() ? Map.of()
                : repository.lookups().groupNamesByUser(rows.stream().map(LegacyUser::id).toList());
    }

    /** Keycloak id to legacy id of every user migrated from the component. */
    static Map<String, String> migratedUsers(KeycloakSession session, RealmModel realm, String componentId) {
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        List<Object[]> found = em.createQuery("select u.id, a.value from UserEntity u, UserAttributeEntity a, "
                        + "UserAttributeEntity c where a.user = u and c.user = u and a.name = :legacyId and c.name = "
                        + ":legacyComponent and c.value = :component and u.realmId = :realm and u.federationLink is null "
                        + "order by u.id", Object[].class)
                .setParameter("legacyId", LegacyIdentity.LEGACY_ID)
                .setParameter("legacyComponent", LegacyIdentity.LEGACY_COMPONENT)
                .setParameter("component", componentId)
                .setParameter("realm", realm.getId())
                .getResultList();
        Map<String, String> users = new java.util.LinkedHashMap<>();
        for (Object[] row : found) {
            users.put((String) row[0], (String) row[1]);
        }
        return users;
    }

    /** One transaction per chunk; if it fails, one per user, so one bad user is counted and the rest synced. */
    private static void applyChunk(KeycloakSessionFactory factory, String realmId, ComponentDatabase database,
                                   List<Map.Entry<String, String>> chunk, Map<String, LegacyUser> rows,
                                   Map<String, List<String>> groups, Set<String> mappedGroups, Counter counter) {
        try {
            Counter partial = KeycloakModelUtils.runJobInTransactionWithResult(factory, session -> {
                Counter c = new Counter();
                RealmModel realm = session.realms().getRealm(realmId);
                session.getContext().setRealm(realm);
                for (Map.Entry<String, String> entry : chunk) {
                    applyOne(session, realm, database, entry.getKey(), rows.get(entry.getValue()),
                            groups.getOrDefault(entry.getValue(), List.of()), mappedGroups, c);
                }
                return c;
            });
            counter.updated += partial.updated;
            counter.disabled += partial.disabled;
            counter.unchanged += partial.unchanged;
            return;
        } catch (RuntimeException e) {
            LOG.debugf("Coexistence sync chunk failed (%s); retrying user by user", e.getMessage());
        }
        for (Map.Entry<String, String> entry : chunk) {
            try {
                Counter one = KeycloakModelUtils.runJobInTransactionWithResult(factory, session -> {
                    Counter c = new Counter();
                    RealmModel realm = session.realms().getRealm(realmId);
                    session.getContext().setRealm(realm);
                    applyOne(session, realm, database, entry.getKey(), rows.get(entry.getValue()),
                            groups.getOrDefault(entry.getValue(), List.of()), mappedGroups, c);
                    return c;
                });
                counter.updated += one.updated;
                counter.disabled += one.disabled;
                counter.unchanged += one.unchanged;
            } catch (RuntimeException e) {
                counter.failed++;
                LOG.warnf("Coexistence sync: Keycloak user [%s] (legacy user [%s]) not synced: %s", entry.getKey(),
                        entry.getValue(), e.getMessage());
            }
        }
    }

    private static void applyOne(KeycloakSession session, RealmModel realm, ComponentDatabase database,
                                 String keycloakId, LegacyUser row, List<String> legacyGroups,
                                 Set<String> mappedGroups, Counter counter) {
        UserModel user = LocalUsers.byId(session, realm, keycloakId);
        if (user == null || user.getFederationLink() != null
                || !database.componentId().equals(user.getFirstAttribute(LegacyIdentity.LEGACY_COMPONENT))) {
            return; // never migrated, still linked (kept in step on lookup), or another component's
        }
        LegacyStoreConfig config = database.config();
        SyncOptions sync = config.sync();
        boolean changed = false;
        boolean disabledNow = false;
        boolean active = row != null && row.active();
        if (sync.changes("enabled")) {
            if (!active && user.isEnabled()) {
                user.setEnabled(false);
                user.setSingleAttribute(DISABLED_BY_SYNC, "true");
                changed = true;
                disabledNow = true;
                LOG.infof("Coexistence sync: Keycloak user [%s] disabled, its legacy row [%s] %s", keycloakId,
                        user.getFirstAttribute(LegacyIdentity.LEGACY_ID), row == null ? "was removed" : "is inactive");
            } else if (active && !user.isEnabled() && user.getFirstAttribute(DISABLED_BY_SYNC) != null) {
                user.setEnabled(true);
                user.removeAttribute(DISABLED_BY_SYNC);
                changed = true;
            }
        }
        if (row != null) {
            changed |= profile(session, realm, user, config, sync, row);
            changed |= authorities(session, realm, user, config, sync, row, legacyGroups, mappedGroups);
        }
        if (changed) {
            counter.updated++;
            if (disabledNow) {
                counter.disabled++;
            }
            LocalUsers.evict(session, realm, keycloakId);
        } else {
            counter.unchanged++;
        }
    }

    private static boolean profile(KeycloakSession session, RealmModel realm, UserModel user,
                                   LegacyStoreConfig config, SyncOptions sync, LegacyUser row) {
        boolean changed = false;
        if (sync.changes("email") && config.schema().emailColumn() != null) {
            String email = blank(row.email());
            if (!Objects.equals(email == null ? null : email.toLowerCase(java.util.Locale.ROOT),
                    user.getEmail() == null ? null : user.getEmail().toLowerCase(java.util.Locale.ROOT))) {
                UserModel holder = email == null || realm.isDuplicateEmailsAllowed() ? null
                        : LocalUsers.store(session).getUserByEmail(realm, email);
                if (holder == null || holder.getId().equals(user.getId())) {
                    user.setEmail(email);
                    user.setEmailVerified(config.trustEmail() && email != null);
                    changed = true;
                } else {
                    LOG.warnf("Coexistence sync: the new email of legacy user [%s] belongs to Keycloak user [%s]; "
                            + "not copied", row.id(), holder.getId());
                }
            }
        }
        if (sync.changes("firstName") && config.schema().firstNameColumn() != null
                && !Objects.equals(blank(row.firstName()), blank(user.getFirstName()))) {
            user.setFirstName(blank(row.firstName()));
            changed = true;
        }
        if (sync.changes("lastName") && config.schema().lastNameColumn() != null
                && !Objects.equals(blank(row.lastName()), blank(user.getLastName()))) {
            user.setLastName(blank(row.lastName()));
            changed = true;
        }
        if (sync.changes("attributes")) {
            for (String column : config.schema().attributeColumns()) {
                String value = row.attributes().get(column);
                if (!Objects.equals(value, user.getFirstAttribute(column))) {
                    if (value == null) {
                        user.removeAttribute(column);
                    } else {
                        user.setSingleAttribute(column, value);
                    }
                    changed = true;
                }
            }
        }
        return changed;
    }

    private static boolean authorities(KeycloakSession session, RealmModel realm, UserModel user,
                                       LegacyStoreConfig config, SyncOptions sync, LegacyUser row,
                                       List<String> legacyGroups, Set<String> mappedGroups) {
        boolean changed = false;
        if (sync.changes("roles")) {
            Set<String> wanted = LegacyAuthorities.roleNames(config, row, () -> legacyGroups);
            Set<String> mapped = new LinkedHashSet<>(config.roleMappings().values());
            if (config.legacyGroupsAs() == LegacyGroupsAs.ROLES) {
                mapped.addAll(mappedGroups);
            }
            for (String name : mapped) {
                RoleModel role = realm.getRole(name);
                if (role == null) {
                    continue;
                }
                if (wanted.contains(name) && !user.hasDirectRole(role)) {
                    user.grantRole(role);
                    changed = true;
                } else if (!wanted.contains(name) && !sync.addOnly() && user.hasDirectRole(role)) {
                    user.deleteRoleMapping(role);
                    changed = true;
                }
            }
        }
        if (sync.changes("groups") && config.legacyGroupsAs() == LegacyGroupsAs.GROUPS) {
            Set<String> wanted = new HashSet<>(LegacyAuthorities.groupNames(config, () -> legacyGroups));
            Map<String, GroupModel> current = new HashMap<>();
            user.getGroupsStream().filter(g -> g.getParentId() == null).forEach(g -> current.put(g.getName(), g));
            for (String name : wanted) {
                if (!current.containsKey(name)) {
                    user.joinGroup(UserFromRow.ensureTopLevelGroup(session, realm, name));
                    changed = true;
                }
            }
            if (!sync.addOnly()) {
                for (Map.Entry<String, GroupModel> group : current.entrySet()) {
                    if (mappedGroups.contains(group.getKey()) && !wanted.contains(group.getKey())) {
                        user.leaveGroup(group.getValue());
                        changed = true;
                    }
                }
            }
        }
        return changed;
    }

    private static String blank(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
