package io.sessionflow.chat;

import io.sessionflow.schemas.chat.ChatTenant;
import io.sessionflow.schemas.chat.ChatWidgetKey;

/** The chat reference data the processor decides with. */
public interface ChatCatalog {

    /** @return the widget key, or null if there is none */
    ChatWidgetKey widgetKey(String publicKey);

    /** @return the tenant, or null if there is none */
    ChatTenant tenant(String tenantId);
}
