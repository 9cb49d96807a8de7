package dev.legacybridge.api.posts;

import java.time.Clock;

import dev.legacybridge.api.config.DemoApiProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one {@link PostStore}, sized by {@code demo-api.posts.capacity}. */
@Configuration(proxyBeanMethods = false)
public class PostsConfiguration {

    @Bean
    PostStore postStore(DemoApiProperties properties) {
        return new PostStore(properties.posts().capacity(), Clock.systemUTC());
    }
}
