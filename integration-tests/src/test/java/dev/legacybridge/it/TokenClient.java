package dev.legacybridge.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Token endpoint calls against a realm, as the demo clients make them. */
final class TokenClient {

    private final String baseUrl;

    TokenClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /**
     * Resource owner password grant.
     *
     * @param scope space-separated scopes, or {@code null} to send no {@code scope} parameter (an empty value is a
     *              400 {@code invalid_scope} in Keycloak 26.7)
     */
    TokenResponse passwordGrant(String realm, String clientId, String username, String password, String scope) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("client_id", clientId);
        form.put("username", username);
        form.put("password", password);
        if (scope != null) {
            form.put("scope", scope);
        }
        Http.Response r = Http.postForm(tokenUrl(realm), form);
        return new TokenResponse(r.status(), r.json());
    }

    String tokenUrl(String realm) {
        return baseUrl + "/realms/" + realm + "/protocol/openid-connect/token";
    }

    /** HTTP status and JSON body of a token response, with the access token's claims decoded. */
    record TokenResponse(int status, JsonNode body) {

        boolean ok() {
            return status == 200 && body.hasNonNull("access_token");
        }

        String accessToken() {
            if (!ok()) {
                throw new IllegalStateException("No access token: HTTP " + status + " " + body);
            }
            return body.get("access_token").asText();
        }

        /** Claims of the access token. */
        JsonNode claims() {
            return Jwt.claims(accessToken());
        }

        String error() {
            return body.path("error").asText(null);
        }

        String errorDescription() {
            return body.path("error_description").asText(null);
        }

        /** {@code aud} as a list (Keycloak writes a string for one audience, an array for several). */
        List<String> audiences() {
            JsonNode aud = claims().path("aud");
            List<String> out = new ArrayList<>();
            if (aud.isArray()) {
                aud.forEach(a -> out.add(a.asText()));
            } else if (!aud.isMissingNode() && !aud.isNull()) {
                out.add(aud.asText());
            }
            return out;
        }

        List<String> scopes() {
            return List.of(claims().path("scope").asText("").split(" "));
        }

        List<String> realmRoles() {
            List<String> out = new ArrayList<>();
            claims().path("realm_access").path("roles").forEach(r -> out.add(r.asText()));
            return out;
        }

        @Override
        public String toString() {
            // never print tokens in test output
            return "TokenResponse[HTTP " + status + (ok() ? ", access token present" : ", " + body) + "]";
        }
    }
}
