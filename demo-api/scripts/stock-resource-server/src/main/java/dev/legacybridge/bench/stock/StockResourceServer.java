package dev.legacybridge.bench.stock;

import java.util.List;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The baseline of the demo-api benchmark: what Spring Boot gives a resource server with nothing but
 * {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} (Boot's default filter chain: every request
 * authenticated, JWT bearer tokens), and an endpoint of the same shape as demo-api's {@code GET /posts} with an empty
 * post store. Not part of the Maven build and not something to copy: demo-api is.
 */
@SpringBootApplication
@RestController
public class StockResourceServer {

    public static void main(String[] args) {
        SpringApplication.run(StockResourceServer.class, args);
    }

    @GetMapping("/posts")
    List<Map<String, Object>> posts() {
        return List.of();
    }
}
