package io.sessionflow.processor;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.sessionflow.processor.chat.ChatSessionRules;
import io.sessionflow.schemas.chat.ChatCatalogKeys;
import io.sessionflow.schemas.chat.ChatTenant;
import io.sessionflow.schemas.chat.ChatWidgetKey;

/**
 * The processor topology with chat's rules (sessions of an hour) and a tenant {@code acme} without flows: what
 * the tests of the processor's shared behaviour drive it with, one of the registered providers.
 */
final class ChatProcessorFixture {

    private ChatProcessorFixture() {}

    static ProcessorTopologyFixture start(Path stateDir, Instant now) {
        ProcessorTopologyFixture fixture =
                new ProcessorTopologyFixture(stateDir, now, ids -> new ChatSessionRules(Duration.ofHours(1), ids));
        fixture.putCatalog(
                ChatCatalogKeys.tenant("acme"),
                ChatTenant.newBuilder()
                        .setTenantId("acme")
                        .setName("Acme")
                        .setFlows(List.of())
                        .setQuickQuestions(List.of())
                        .build());
        return fixture;
    }

    /** A widget key of {@code acme} that allows every intent and origin. */
    static void putWidgetKey(ProcessorTopologyFixture fixture, String publicKey, boolean enabled) {
        fixture.putCatalog(
                ChatCatalogKeys.widgetKey(publicKey),
                ChatWidgetKey.newBuilder()
                        .setPublicKey(publicKey)
                        .setTenantId("acme")
                        .setLabel("Help")
                        .setEnabled(enabled)
                        .setAllowsAllIntents(true)
                        .setAllowedIntents(List.of())
                        .setAllowedOrigins(List.of("*"))
                        .build());
    }
}
