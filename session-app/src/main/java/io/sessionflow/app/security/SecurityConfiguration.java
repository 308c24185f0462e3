package io.sessionflow.app.security;

import jakarta.servlet.DispatcherType;

import io.sessionflow.api.BearerCredential;
import io.sessionflow.query.InternalCredential;
import io.sessionflow.query.InternalProperties;
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
 * Who may call what, by port (see README, "Ports"):
 * <ul>
 * <li>the internal port ({@code sessionflow.internal.port}): the instance-to-instance query endpoint, only
 * with {@link InternalCredential};</li>
 * <li>the management port ({@code management.server.port}): health (liveness and readiness probes) open,
 * every other actuator endpoint only with the management credential ({@code sessionflow.management.token});</li>
 * <li>the public port: open at this layer; each provider surface authenticates its callers with that
 * provider's own scheme in its controller, and the admin and introspection endpoints check their bearer
 * credentials there too, so that every refusal keeps its surface's exact format.</li>
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
    @Order(1)
    public SecurityFilterChain internalChain(HttpSecurity http, InternalProperties internal,
                                             InternalCredential internalCredential) throws Exception {
        return stateless(http)
                .securityMatcher(onPort(internal.port()))
                .addFilterBefore(BearerAuthentication.filter("internal", internalCredential::accepts),
                        AuthorizationFilter.class)
                .authorizeHttpRequests(requests -> requests
                        .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC).permitAll()
                        .anyRequest().authenticated())
                .build();
    }

    @Bean
    @Order(2)
    public SecurityFilterChain managementChain(HttpSecurity http, @Value("${management.server.port}") int port,
                                               @Value("${server.port:8080}") int publicPort,
                                               InternalProperties internal,
                                               BearerCredential managementCredential) throws Exception {
        if (port == publicPort || port == internal.port()) {
            // this chain, matched by port, would then ask every public or internal caller for the management credential
            throw new IllegalStateException("management.server.port (" + port + ") must differ from server.port and "
                    + "sessionflow.internal.port: actuator is served on its own port only");
        }
        return stateless(http)
                .securityMatcher(onPort(port))
                .addFilterBefore(BearerAuthentication.filter("management", managementCredential::accepts),
                        AuthorizationFilter.class)
                .authorizeHttpRequests(requests -> requests
                        .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC).permitAll()
                        .requestMatchers(EndpointRequest.to("health")).permitAll()
                        .anyRequest().authenticated())
                .build();
    }

    /**
     * The public port. CORS is not Spring Security's: the chat widget's own filter
     * ({@code io.sessionflow.chat.ChatCorsFilter}, a servlet filter ahead of this chain) answers preflights
     * and refusals in chat's format and lets a POST from an unknown origin go on to the processor, which
     * refuses it per widget key; a CORS filter here would answer Spring's plain 403 first.
     */
    @Bean
    @Order(3)
    public SecurityFilterChain publicChain(HttpSecurity http) throws Exception {
        return stateless(http)
                .cors(AbstractHttpConfigurer::disable)
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
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

    private static HttpSecurity stateless(HttpSecurity http) throws Exception {
        return http
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(BearerAuthentication.UNAUTHORIZED));
    }

    private static RequestMatcher onPort(int port) {
        return request -> request.getLocalPort() == port;
    }
}
