package dev.legacybridge.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * A realm administrator who is not an operator of the server: a user of a non-master realm whose only admin rights
 * are {@code realm-management}'s {@code manage-realm} and {@code view-realm} (what configuring user federation
 * needs), logged in through that realm's own {@code admin-cli}.
 */
final class TenantAdmin {

    static final String USERNAME = "tenant-admin";
    static final String PASSWORD = "tenant-admin-pw";

    private TenantAdmin() {
    }

    /** Creates the user in {@code realm} (through the master admin) and returns an admin client logged in as it. */
    static AdminClient create(KeycloakEnvironment keycloak, String realm) {
        AdminClient master = keycloak.admin();
        String userId = master.createUser(realm, USERNAME, PASSWORD, USERNAME + "@example.com", "Tenant", "Admin");
        JsonNode clients = master.get("/" + realm + "/clients?clientId=realm-management");
        String clientId = clients.get(0).get("id").asText();
        List<JsonNode> roles = List.of(master.get("/" + realm + "/clients/" + clientId + "/roles/manage-realm"),
                master.get("/" + realm + "/clients/" + clientId + "/roles/view-realm"));
        master.call("POST", "/" + realm + "/users/" + userId + "/role-mappings/clients/" + clientId, roles).expect(204);
        AdminClient tenant = new AdminClient(keycloak.baseUrl(), realm, USERNAME, PASSWORD);
        // Not a server operator: the master realm is out of reach.
        tenant.call("GET", "/master", null).expect(403);
        return tenant;
    }

    static Map<String, Object> componentRepresentation(String name, String providerId, Map<String, ?> config) {
        return Map.of("name", name, "providerId", providerId, "providerType", AdminClient.USER_STORAGE,
                "config", AdminClient.configNode(config));
    }
}
