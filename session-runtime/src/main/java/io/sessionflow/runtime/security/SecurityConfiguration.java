package io.sessionflow.runtime.security;

import io.sessionflow.schemas.secrets.BearerCredential;
import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.firewall.DefaultHttpFirewall;
import org.springframework.security.web.firewall.HttpStatusRequestRejectedHandler;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may call what, by port (see README, "Ports"), in every app:
 * <ul>
 * <li>the internal port, where an app serves it: {@code io.sessionflow.projections.query.InternalPortSecurity} (session-projections);</li>
 * <li>the management port ({@code management.server.port}, or {@code server.port} in an app whose only port
 * it is): health (liveness and readiness probes) open, every other actuator endpoint only with the management credential ({@code sessionflow.management.token});</li>
 * <li>the public port, where an app serves the API: {@link PublicPortSecurity}.</li>
 * </ul>
 * Every chain is stateless (no session, no CSRF token, no login form, no generated user) and writes Spring
 * Security's default headers, {@code Cache-Control: no-cache, no-store, ...} among them, on every answer:
 * answers carry session tokens and credentials that no cache may keep. Error and async dispatches are
 * permitted: the original request was authorized, and the error page answers in the surface's format.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ManagementProperties.class)
public class SecurityConfiguration {

    @Bean
    public BearerCredential managementCredential(ManagementProperties properties) {
        return BearerCredential.load("sessionflow.management", properties.token(), properties.tokenFile());
    }

    @Bean
    @Order(2)
    public SecurityFilterChain managementChain(
            HttpSecurity http,
            @Value("${management.server.port:${server.port:8080}}") int port,
            @Qualifier("managementCredential") BearerCredential managementCredential)
            throws Exception {
        return stateless(http)
                .securityMatcher(onPort(port))
                .addFilterBefore(
                        BearerAuthentication.filter("management", managementCredential::accepts),
                        AuthorizationFilter.class)
                .authorizeHttpRequests(
                        requests -> requests.dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC)
                                .permitAll()
                                .requestMatchers(EndpointRequest.to("health"))
                                .permitAll()
                                .anyRequest()
                                .authenticated())
                .build();
    }

    /**
     * Tomcat already refuses what Spring Security's strict firewall is for (encoded slashes, bad escapes) and
     * normalizes the path before any filter; the strict firewall would also refuse what the surfaces answer
     * themselves in their own formats ({@code //chat/...} is a 404 in chat's format, a header value with a
     * tab is the provider's own validation error). What the default firewall still refuses is answered 400
     * through the error page, in the surface's format.
     */
    @Bean
    public WebSecurityCustomizer firewall() {
        return web -> web.httpFirewall(new DefaultHttpFirewall())
                .requestRejectedHandler(new HttpStatusRequestRejectedHandler());
    }

    public static HttpSecurity stateless(HttpSecurity http) throws Exception {
        return http.csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .exceptionHandling(
                        exceptions -> exceptions.authenticationEntryPoint(BearerAuthentication.UNAUTHORIZED));
    }

    public static RequestMatcher onPort(int port) {
        return request -> request.getLocalPort() == port;
    }
}
