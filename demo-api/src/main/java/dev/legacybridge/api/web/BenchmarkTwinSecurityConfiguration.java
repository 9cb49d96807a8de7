package dev.legacybridge.api.web;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The filter chain of the benchmark twin {@code GET /bench/posts} ({@link BenchmarkTwinController}): the API's chain
 * without the resource server. A permitAll rule inside the API's own chain would not do: its bearer-token filter
 * authenticates every request that carries a token, whatever the rule, and the benchmark sends the twin the same
 * {@code Authorization} header as the secured endpoint, so that both receive and parse the same bytes. Everything else
 * matches the API's chain (stateless, no CSRF, no request cache, Spring Security's default response headers).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("demo-api.benchmark-twin.enabled")
class BenchmarkTwinSecurityConfiguration {

    private static final String TWIN_PATH = "/bench/posts";

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain benchmarkTwinSecurityFilterChain(HttpSecurity http) throws Exception {
        http
                // Evaluated for every request of the API too, so the cheapest possible test.
                .securityMatcher(request -> TWIN_PATH.equals(request.getRequestURI())
                        && HttpMethod.GET.matches(request.getMethod()))
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable);
        return http.build();
    }
}
