package io.sessionflow.api.chat;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param originsRefresh how long the set of origins that enabled widget keys allow is reused before the catalog
 *                       is read again: a catalog change applies to CORS within this time
 * @param maxAge         how long a browser may cache a granted preflight ({@code Access-Control-Max-Age})
 */
@ConfigurationProperties("sessionflow.chat.cors")
public record ChatCorsProperties(
        @DefaultValue("5s") Duration originsRefresh,
        @DefaultValue("10m") Duration maxAge) {}
