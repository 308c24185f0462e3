package io.sessionflow.api.openapi;

import org.springframework.boot.web.server.MimeMappings;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.servlet.ConfigurableServletWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI descriptions of every surface, {@code classpath:/static/openapi/<surface>.yaml}, are
 * static resources served at {@code GET /openapi/<surface>.yaml}. Neither the servlet container nor
 * Spring knows the {@code .yaml} extension, so they would go out as {@code application/octet-stream};
 * this registers YAML's media type (RFC 9512).
 */
@Configuration(proxyBeanMethods = false)
public class ApiDescriptionsConfiguration {

    public static final String YAML_MEDIA_TYPE = "application/yaml";

    @Bean
    public WebServerFactoryCustomizer<ConfigurableServletWebServerFactory> yamlMimeMapping() {
        return factory -> {
            MimeMappings yaml = new MimeMappings();
            yaml.add("yaml", YAML_MEDIA_TYPE);
            factory.addMimeMappings(yaml);
        };
    }
}
