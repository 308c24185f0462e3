package io.sessionflow.projections.query;

import io.sessionflow.runtime.security.BearerAuthentication;
import io.sessionflow.runtime.security.SecurityConfiguration;
import jakarta.servlet.DispatcherType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;

/**
 * The internal port ({@code sessionflow.internal.port}) of an app that serves it (the all-in-one app, the
 * projections): the instance-to-instance query endpoint, only with {@link InternalCredential}.
 */
@Configuration(proxyBeanMethods = false)
public class InternalPortSecurity {

    @Bean
    @Order(1)
    public SecurityFilterChain internalChain(
            HttpSecurity http, InternalProperties internal, InternalCredential internalCredential) throws Exception {
        return SecurityConfiguration.stateless(http)
                .securityMatcher(SecurityConfiguration.onPort(internal.port()))
                .addFilterBefore(
                        BearerAuthentication.filter("internal", internalCredential::accepts), AuthorizationFilter.class)
                .authorizeHttpRequests(
                        requests -> requests.dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC)
                                .permitAll()
                                .anyRequest()
                                .authenticated())
                .build();
    }
}
