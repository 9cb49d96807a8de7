package dev.legacybridge.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The demo resource server: accepts access tokens issued by the Keycloak realm and serves the end of the
 * "OAuth2 with Password (and hashing), Bearer with JWT" tutorial ({@code /users/me}, {@code /users/me/items}) plus a
 * small scope-protected post store. Knows Keycloak only as an OAuth2 issuer; see {@code docs/demo-api.md}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class DemoApiApplication {

    public static void main(String[] args) {
        SpringApplication.run(DemoApiApplication.class, args);
    }
}
