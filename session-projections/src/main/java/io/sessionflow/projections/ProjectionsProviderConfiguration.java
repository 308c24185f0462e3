package io.sessionflow.projections;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Configuration;

/**
 * Marks a provider's own configuration in its projections package ({@code io.sessionflow.projections.<provider>}):
 * it registers the provider's {@link ProviderProjection}, and what reads its stores, as beans.
 * {@link ProjectionsConfiguration} finds every such class by scanning, so no shared file lists the providers.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Configuration(proxyBeanMethods = false)
public @interface ProjectionsProviderConfiguration {}
