package io.sessionflow.api.standalone;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a provider's configuration for the standalone API only, in the provider's own package: what the
 * all-in-one app gets from the projections in the same JVM, such as a read-only copy of a compacted topic
 * of the provider's own ({@link CompactedTopicReplica}). {@link StandaloneApiConfiguration} finds every such
 * class by scanning. The class is a {@code @Configuration(proxyBeanMethods = false)} too.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface StandaloneProviderApi {}
