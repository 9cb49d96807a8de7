package dev.legacybridge.keycloak.testing;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.KeycloakContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.KeycloakTransactionManager;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RealmProvider;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserProvider;
import org.keycloak.policy.PasswordPolicyManagerProvider;
import org.keycloak.policy.PolicyError;
import org.keycloak.storage.DatastoreProvider;
import org.keycloak.storage.adapter.InMemoryUserAdapter;
import org.keycloak.storage.datastore.DefaultDatastoreProvider;

/**
 * Just enough of Keycloak for the provider's unit tests, in memory: one realm with realm roles, Keycloak's own user
 * store (users are Keycloak's {@link InMemoryUserAdapter}), a realm password policy, and sessions that each stand for
 * one request (their own attributes, so the provider's per-request row cache starts empty in each). A job run "in its
 * own transaction" gets a new session over the same stores. Not faked: anything the tested paths do not call; a call
 * to it returns Mockito's defaults (null, empty), which makes the test fail visibly rather than pass by accident.
 */
public final class FakeKeycloak {

    public static final String REALM_ID = "realm-1";
    public static final String COMPONENT_ID = "7f1c2b3a-4d5e-4f60-8a9b-0c1d2e3f4a5b";

    private final Map<String, UserModel> users = new LinkedHashMap<>();
    private final Map<String, RoleModel> rolesByName = new HashMap<>();
    private final Map<String, RoleModel> rolesById = new HashMap<>();
    private final KeycloakTransactionManager transactions = mock(KeycloakTransactionManager.class);
    /** No HTTP request: nothing counts as a login request (no timing equalisation). */
    private final KeycloakContext context = mock(KeycloakContext.class);
    private final RealmProvider realms = mock(RealmProvider.class);
    private final DefaultDatastoreProvider datastore = mock(DefaultDatastoreProvider.class);
    private final PasswordPolicyManagerProvider passwordPolicy = mock(PasswordPolicyManagerProvider.class);
    private KeycloakSession firstSession;
    private final RealmModel realm = mock(RealmModel.class);
    private final UserProvider localUsers = mock(UserProvider.class);
    private final KeycloakSessionFactory factory = mock(KeycloakSessionFactory.class);
    private PolicyError policyError;

    public FakeKeycloak() {
        when(realm.getId()).thenReturn(REALM_ID);
        when(realm.getName()).thenReturn("demo");
        when(realm.getRole(anyString())).thenAnswer(i -> rolesByName.get(i.<String>getArgument(0)));
        when(realm.getRoleById(anyString())).thenAnswer(i -> rolesById.get(i.<String>getArgument(0)));

        when(localUsers.getUserById(any(), anyString())).thenAnswer(i -> users.get(i.<String>getArgument(1)));
        when(localUsers.getUserByUsername(any(), anyString())).thenAnswer(i -> users.values().stream()
                .filter(u -> i.<String>getArgument(1).equals(u.getUsername())).findFirst().orElse(null));
        when(localUsers.getUserByEmail(any(), anyString())).thenAnswer(i -> users.values().stream()
                .filter(u -> i.<String>getArgument(1).equalsIgnoreCase(u.getEmail())).findFirst().orElse(null));
        when(localUsers.addUser(any(), any(), anyString(), anyBoolean(), anyBoolean())).thenAnswer(i -> {
            String id = i.getArgument(1) == null ? UUID.randomUUID().toString() : i.getArgument(1);
            return addLocalUser(id, i.getArgument(2));
        });

        when(factory.create()).thenAnswer(i -> newSession());
        when(realms.getRealm(REALM_ID)).thenReturn(realm);
        when(datastore.userLocalStorage()).thenReturn(localUsers);
        when(passwordPolicy.validate(eq(realm), any(UserModel.class), any())).thenAnswer(i -> policyError);
    }

    /** A new request: its own attributes, Keycloak's shared stores. */
    public KeycloakSession newSession() {
        KeycloakSession session = mock(KeycloakSession.class);
        Map<String, Object> attributes = new HashMap<>();
        when(session.getAttribute(anyString())).thenAnswer(i -> attributes.get(i.<String>getArgument(0)));
        when(session.getAttribute(anyString(), any())).thenAnswer(i -> attributes.get(i.<String>getArgument(0)));
        when(session.removeAttribute(anyString())).thenAnswer(i -> attributes.remove(i.<String>getArgument(0)));
        doAnswer(i -> attributes.put(i.getArgument(0), i.getArgument(1))).when(session).setAttribute(anyString(), any());
        when(session.getKeycloakSessionFactory()).thenReturn(factory);
        when(session.getTransactionManager()).thenReturn(transactions);
        when(session.getContext()).thenReturn(context);
        when(session.realms()).thenReturn(realms);
        when(session.getProvider(DatastoreProvider.class)).thenReturn(datastore);
        when(session.getProvider(PasswordPolicyManagerProvider.class)).thenReturn(passwordPolicy);
        if (firstSession == null) {
            firstSession = session;
        }
        return session;
    }

    public RealmModel realm() {
        return realm;
    }

    /** The legacy component, as Keycloak hands it to the provider. */
    public static ComponentModel component() {
        ComponentModel model = new ComponentModel();
        model.setId(COMPONENT_ID);
        model.setName("legacy-db");
        model.setProviderId("legacy-database");
        model.setParentId(REALM_ID);
        return model;
    }

    /** A realm role. */
    public RoleModel addRole(String name) {
        RoleModel role = mock(RoleModel.class);
        String id = "role-" + name;
        when(role.getId()).thenReturn(id);
        when(role.getName()).thenReturn(name);
        when(role.getContainer()).thenReturn(realm);
        when(role.getContainerId()).thenReturn(REALM_ID);
        rolesByName.put(name, role);
        rolesById.put(id, role);
        return role;
    }

    /** A user of Keycloak's own store (enabled, not linked to anything). */
    public UserModel addLocalUser(String id, String username) {
        InMemoryUserAdapter user = new InMemoryUserAdapter(firstSession != null ? firstSession : newSession(), realm, id);
        user.setUsername(username.toLowerCase(Locale.ROOT));
        user.setEnabled(true);
        users.put(id, user);
        return user;
    }

    /** Keycloak's own user of that id, or null. */
    public UserModel localUser(String id) {
        return users.get(id);
    }

    /** How many users Keycloak's own store holds. */
    public int localUserCount() {
        return users.size();
    }

    /** Makes the realm's password policy refuse every new password with this error (null: accept). */
    public void refuseNewPasswords(PolicyError error) {
        this.policyError = error;
    }
}
