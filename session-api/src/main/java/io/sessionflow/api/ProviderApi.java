package io.sessionflow.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a provider's API configuration, in the provider's own package below {@code io.sessionflow.api}:
 * its {@link ProviderSurface}, controllers, parsers, authenticators and catalog section. {@link ApiConfiguration}
 * finds every such class by scanning, so that no shared file lists the providers. The class is a
 * {@code @Configuration(proxyBeanMethods = false)} too.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ProviderApi {}
