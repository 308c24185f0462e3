package io.sessionflow.runtime.security;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The public port of an app that serves the API (the all-in-one app, the standalone API): open at this layer;
 * each provider surface authenticates its callers with that provider's own scheme in its controller, and the
 * admin and introspection endpoints check their bearer credentials there too, so that every refusal keeps its
 * surface's exact format. The management port must then be a port of its own.
 */
@Configuration(proxyBeanMethods = false)
public class PublicPortSecurity {

    /**
     * The public port. CORS is not Spring Security's: the chat widget's own filter
     * ({@code io.sessionflow.api.chat.ChatCorsFilter}, a servlet filter ahead of this chain) answers preflights
     * and refusals in chat's format and lets a POST from an unknown origin go on to the processor, which
     * refuses it per widget key; a CORS filter here would answer Spring's plain 403 first.
     */
    @Bean
    @Order(3)
    public SecurityFilterChain publicChain(
            HttpSecurity http,
            @Value("${management.server.port:}") Integer port,
            @Value("${server.port:8080}") int publicPort,
            @Value("${sessionflow.internal.port:}") Integer internalPort)
            throws Exception {
        if (port == null || port == publicPort || port.equals(internalPort)) {
            // the management chain, matched by port, would then ask every public or internal caller for its credential
            throw new IllegalStateException("management.server.port (" + port + ") must differ from server.port and "
                    + "sessionflow.internal.port: actuator is served on its own port only");
        }
        return SecurityConfiguration.stateless(http)
                .cors(AbstractHttpConfigurer::disable)
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .build();
    }
}
