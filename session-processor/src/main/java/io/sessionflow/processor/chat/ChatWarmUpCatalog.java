package io.sessionflow.processor.chat;

import java.util.List;

import io.sessionflow.schemas.chat.ChatFlow;
import io.sessionflow.schemas.chat.ChatIntent;
import io.sessionflow.schemas.chat.ChatQuickQuestionConfig;
import io.sessionflow.schemas.chat.ChatTenant;
import io.sessionflow.schemas.chat.ChatWidgetKey;
import io.sessionflow.schemas.chat.WarmUpWidgetKeys;

/**
 * The widget and tenant a warm-up request ({@link WarmUpWidgetKeys}) is decided against, built in, never read
 * from the catalog: so the warm-up goes the create path (intents, quick questions, the {@code SessionCreated})
 * whatever the catalog holds, and no catalog entry can make a real tenant's session from a warm-up key. Its
 * tenant id, {@value #TENANT_ID}, is no catalog tenant's (catalog ids name real tenants).
 */
final class ChatWarmUpCatalog {

    static final String TENANT_ID = "sessionflow-warm-up";

    private static final ChatTenant TENANT = ChatTenant.newBuilder()
            .setTenantId(TENANT_ID)
            .setName("Warm-up")
            .setFlows(List.of(flow("warm-up-1", "order_status", true, 2), flow("warm-up-2", "returns", false, 1)))
            .setQuickQuestions(List.of(ChatQuickQuestionConfig.newBuilder()
                    .setQuestion("Where is my order?")
                    .setPageType("home")
                    .setFlowId("warm-up-1")
                    .build()))
            .build();

    private ChatWarmUpCatalog() {}

    static ChatWidgetKey widgetKey(String publicKey) {
        return ChatWidgetKey.newBuilder()
                .setPublicKey(publicKey)
                .setTenantId(TENANT_ID)
                .setLabel("Warm-up")
                .setAllowsAllIntents(true)
                .build();
    }

    static ChatTenant tenant() {
        return TENANT;
    }

    private static ChatFlow flow(String id, String intent, boolean pinned, int priority) {
        return ChatFlow.newBuilder()
                .setFlowId(id)
                .setPublished(true)
                .setIntent(ChatIntent.newBuilder()
                        .setName(intent)
                        .setDisplayLabel(intent.replace('_', ' '))
                        .setIsPinned(pinned)
                        .setPriority(priority)
                        .build())
                .build();
    }
}
