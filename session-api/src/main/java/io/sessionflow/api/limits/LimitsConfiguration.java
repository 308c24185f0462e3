package io.sessionflow.api.limits;

import java.util.EnumSet;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.sessionflow.api.AdmissionLimit;
import io.sessionflow.api.AdmissionProperties;
import io.sessionflow.api.ApiProperties;
import io.sessionflow.api.ProviderSurface;
import io.sessionflow.api.Surfaces;
import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.servlet.filter.OrderedFilter;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * The abuse limits' filters, right after Spring Security's filter chain (which writes its headers, such
 * as {@code Cache-Control: no-store}, on the request's first dispatch and reads no body) and before
 * everything that may read the body: bodies are read without holding threads ({@link BodyPrefetchFilter}),
 * then per-address limits apply ({@link AbuseLimitFilter}), then the admission limit of create calls
 * ({@link AdmissionLimitFilter}). What comes after them runs on the async
 * dispatch that hands the body on, where once-per-request filters do not run: nothing of Spring
 * Security's may come after them. Per-tenant limits are {@link TenantLimits}, used by
 * {@code SessionRequests}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LimitsProperties.class)
public class LimitsConfiguration {

    /** Spring Security's filter chain is registered at {@code REQUEST_WRAPPER_FILTER_MAX_ORDER - 100} (Spring Boot's default). */
    private static final int AFTER_SECURITY = OrderedFilter.REQUEST_WRAPPER_FILTER_MAX_ORDER - 100 + 10;

    /** Measures each request's wait inside Tomcat before the filters, which the admission filters act on. */
    @Bean
    public ArrivalDelayValve.Installer arrivalDelayValve(ObjectProvider<MeterRegistry> meters) {
        return new ArrivalDelayValve.Installer(meters);
    }

    @Bean
    public TenantLimits tenantLimits(LimitsProperties limits) {
        return TenantLimits.of(limits);
    }

    @Bean
    public CredentialBackoff credentialBackoff(LimitsProperties limits) {
        return new CredentialBackoff(limits);
    }

    @Bean
    public FilterRegistrationBean<BodyPrefetchFilter> bodyPrefetchFilter(
            LimitsProperties limits, ApiProperties api, JsonMapper json, Surfaces surfaces) {
        BodyPrefetchFilter filter = new BodyPrefetchFilter(
                limits.bodyReadTimeout(),
                request -> surfaces.of(request.getRequestURI())
                        .map(surface -> surface.maxBodyBytes().orElse(api.maxBodyBytes()))
                        .orElse(api.maxBodyBytes()),
                surfaces,
                new AnswerWriter(json));
        return registration(filter, AFTER_SECURITY);
    }

    @Bean
    public FilterRegistrationBean<AbuseLimitFilter> abuseLimitFilter(
            LimitsProperties limits, CredentialBackoff credentialBackoff, JsonMapper json, Surfaces surfaces) {
        return registration(
                new AbuseLimitFilter(limits, credentialBackoff, surfaces, new AnswerWriter(json)), AFTER_SECURITY + 10);
    }

    /** Before the body is read: while the admission limit is full, a create is refused before its body is read. */
    @Bean
    public FilterRegistrationBean<AdmissionLimitFilter> admissionLimitCheck(
            AdmissionLimit admissionLimit,
            AdmissionProperties admission,
            List<ProviderSurface> providers,
            JsonMapper json) {
        return registration(
                new AdmissionLimitFilter(admissionLimit, true, admission.maxArrivalDelay(), providers, json),
                AFTER_SECURITY - 5);
    }

    /** After the per-address limits: an address past its rate is refused before it takes a place in the limit. */
    @Bean
    public FilterRegistrationBean<AdmissionLimitFilter> admissionLimitFilter(
            AdmissionLimit admissionLimit,
            AdmissionProperties admission,
            List<ProviderSurface> providers,
            JsonMapper json) {
        return registration(
                new AdmissionLimitFilter(admissionLimit, false, admission.maxArrivalDelay(), providers, json),
                AFTER_SECURITY + 20);
    }

    private static <F extends jakarta.servlet.Filter> FilterRegistrationBean<F> registration(F filter, int order) {
        FilterRegistrationBean<F> registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(order);
        registration.setAsyncSupported(true);
        registration.setDispatcherTypes(EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC));
        return registration;
    }
}
