package io.sessionflow.api.chat;

import io.sessionflow.projections.catalog.CatalogQueries;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import tools.jackson.databind.json.JsonMapper;

/**
 * CORS for the browser chat widget. The bean names are Spring Security's: {@code http.cors()} takes
 * the {@code corsFilter} bean (else it would build its own filter from {@code corsConfigurationSource},
 * with Spring's text refusals). Until a security filter chain runs it, the filter is registered with
 * the servlet container, first, so that a preflight is answered before anything else looks at it.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ChatCorsProperties.class)
public class ChatCorsConfiguration {

    @Bean
    public WidgetKeyOrigins widgetKeyOrigins(CatalogQueries catalogQueries, ChatCorsProperties properties) {
        return WidgetKeyOrigins.of(catalogQueries, properties.originsRefresh());
    }

    @Bean
    public ChatCorsConfigurationSource corsConfigurationSource(
            WidgetKeyOrigins widgetKeyOrigins, ChatCorsProperties properties) {
        return new ChatCorsConfigurationSource(widgetKeyOrigins, properties.maxAge());
    }

    @Bean
    public ChatCorsFilter corsFilter(ChatCorsConfigurationSource corsConfigurationSource, JsonMapper json) {
        return new ChatCorsFilter(corsConfigurationSource, new ChatCorsProcessor(json));
    }

    @Bean
    public FilterRegistrationBean<ChatCorsFilter> corsFilterRegistration(ChatCorsFilter corsFilter) {
        FilterRegistrationBean<ChatCorsFilter> registration = new FilterRegistrationBean<>(corsFilter);
        registration.setName("corsFilter");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
