package dev.legacybridge.api.web;

import dev.legacybridge.api.config.DemoApiProperties;
import org.apache.catalina.Host;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/**
 * Puts {@link ProblemErrorReportValve} in place of Tomcat's HTML error report (Boot adds one with the report and the
 * server version hidden; Tomcat would add its own default if no valve of its configured class were present).
 */
@Configuration(proxyBeanMethods = false)
class ContainerErrorConfiguration {

    /** Tomcat's default, which Boot keeps when {@code server.max-http-request-header-size} is not set. */
    private static final DataSize TOMCAT_DEFAULT_MAX_HEADER_SIZE = DataSize.ofKilobytes(8);

    @Bean
    WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> problemErrorReportValve(
            DemoApiProperties properties, ServerProperties server) {
        DataSize maxHeaderSize = server.getMaxHttpRequestHeaderSize() != null
                ? server.getMaxHttpRequestHeaderSize() : TOMCAT_DEFAULT_MAX_HEADER_SIZE;
        return factory -> factory.addContextCustomizers(context -> {
            Host host = (Host) context.getParent();
            Pipeline pipeline = host.getPipeline();
            for (Valve valve : pipeline.getValves()) {
                if (valve instanceof ErrorReportValve) {
                    pipeline.removeValve(valve);
                }
            }
            if (host instanceof StandardHost standardHost) {
                standardHost.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            }
            pipeline.addValve(new ProblemErrorReportValve(properties.security().realmName(),
                    maxHeaderSize.toBytes()));
        });
    }
}
