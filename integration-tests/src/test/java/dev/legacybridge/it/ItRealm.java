package dev.legacybridge.it;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A throwaway realm for one IT class, so that its legacy component is the only one consulted and its brute-force and
 * cache state cannot leak into other tests: a public {@code demo-cli} client with direct access grants, realm roles
 * {@code admin} and {@code staff}, Keycloak's built-in client scopes, brute-force detection.
 */
final class ItRealm implements AutoCloseable {

    static final String CLIENT = "demo-cli";

    private final KeycloakEnvironment keycloak;
    private final String name;

    private ItRealm(KeycloakEnvironment keycloak, String name) {
        this.keycloak = keycloak;
        this.name = name;
    }

    /** Creates {@code <prefix>-<random>}; extra realm settings override the defaults ({@code clients} are added). */
    static ItRealm create(KeycloakEnvironment keycloak, String prefix, Map<String, Object> settings) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> rep = new java.util.LinkedHashMap<>();
        rep.put("realm", name);
        rep.put("enabled", true);
        rep.put("bruteForceProtected", true);
        rep.put("failureFactor", 5);
        rep.put("loginWithEmailAllowed", true);
        rep.put("roles", Map.of("realm", List.of(Map.of("name", "admin"), Map.of("name", "staff"))));
        List<Object> clients = new java.util.ArrayList<>(List.of(Map.of("clientId", CLIENT, "enabled", true,
                "publicClient", true, "directAccessGrantsEnabled", true, "standardFlowEnabled", false)));
        if (settings.get("clients") instanceof List<?> extra) {
            clients.addAll(extra);
        }
        rep.putAll(settings);
        rep.put("clients", clients);
        keycloak.admin().call("POST", "", rep).expect(201);
        return new ItRealm(keycloak, name);
    }

    /**
     * Makes email, first and last name optional in the realm's user profile, as they are in Django's auth_user (all
     * blank=True). With Keycloak's default profile a user missing them gets the "verify profile" required action, which
     * the password grant answers with "Account is not fully set up".
     */
    ItRealm withOptionalNamesAndEmail() {
        com.fasterxml.jackson.databind.node.ObjectNode profile = (com.fasterxml.jackson.databind.node.ObjectNode)
                keycloak.admin().get("/" + name + "/users/profile");
        profile.withArray("attributes").forEach(attribute -> {
            String attributeName = attribute.path("name").asText();
            if (List.of("email", "firstName", "lastName").contains(attributeName)) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) attribute).remove("required");
            }
        });
        keycloak.admin().call("PUT", "/" + name + "/users/profile", profile).expect(200);
        return this;
    }

    String name() {
        return name;
    }

    TokenClient.TokenResponse login(String username, String password) {
        return keycloak.tokens().passwordGrant(name, CLIENT, username, password, null);
    }

    @Override
    public void close() {
        keycloak.admin().call("DELETE", "/" + name, null).expect(204);
    }
}
