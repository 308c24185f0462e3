package io.sessionflow.processor;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Configuration;

/**
 * Marks a provider's own configuration in its processor package ({@code io.sessionflow.processor.<provider>}):
 * it registers the provider's {@link SessionRules} as a bean, with the provider's settings.
 * {@link ProcessorConfiguration} finds every such class by scanning, so no shared file lists the providers.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Configuration(proxyBeanMethods = false)
public @interface ProcessorProviderConfiguration {}
