package io.sessionflow.limits;

import java.util.EnumSet;

import io.sessionflow.admin.CatalogAdminController;
import io.sessionflow.api.ApiProperties;
import io.sessionflow.api.Surface;
import io.sessionflow.introspection.IntrospectionController;
import jakarta.servlet.DispatcherType;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import tools.jackson.databind.json.JsonMapper;

/**
 * The abuse limits' filters, first after Spring's character encoding filter and before every other
 * (Spring Security's included): bodies are read without holding threads ({@link BodyPrefetchFilter}),
 * then per-address limits apply ({@link AbuseLimitFilter}). Per-tenant limits are {@link TenantLimits},
 * used by {@code SessionRequests}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LimitsProperties.class)
public class LimitsConfiguration {

    @Bean
    public TenantLimits tenantLimits(LimitsProperties limits) {
        return TenantLimits.of(limits);
    }

    @Bean
    public CredentialBackoff credentialBackoff(LimitsProperties limits) {
        return new CredentialBackoff(limits);
    }

    @Bean
    public FilterRegistrationBean<BodyPrefetchFilter> bodyPrefetchFilter(LimitsProperties limits, ApiProperties api,
                                                                         JsonMapper json) {
        BodyPrefetchFilter filter = new BodyPrefetchFilter(limits.bodyReadTimeout(), request -> Surface.of(
                request.getRequestURI()).map(surface -> switch (surface) {
                    case ADMIN -> CatalogAdminController.MAX_DOCUMENT_BYTES;
                    case INTROSPECTION -> IntrospectionController.MAX_BODY_BYTES;
                    default -> api.maxBodyBytes();
                }).orElse(api.maxBodyBytes()), new AnswerWriter(json));
        return registration(filter, Ordered.HIGHEST_PRECEDENCE + 10);
    }

    @Bean
    public FilterRegistrationBean<AbuseLimitFilter> abuseLimitFilter(LimitsProperties limits,
                                                                     CredentialBackoff credentialBackoff,
                                                                     JsonMapper json) {
        return registration(new AbuseLimitFilter(limits, credentialBackoff, new AnswerWriter(json)),
                Ordered.HIGHEST_PRECEDENCE + 20);
    }

    private static <F extends jakarta.servlet.Filter> FilterRegistrationBean<F> registration(F filter, int order) {
        FilterRegistrationBean<F> registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(order);
        registration.setAsyncSupported(true);
        registration.setDispatcherTypes(EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC));
        return registration;
    }
}
