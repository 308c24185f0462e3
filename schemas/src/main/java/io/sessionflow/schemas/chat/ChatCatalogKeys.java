package io.sessionflow.schemas.chat;

import io.sessionflow.schemas.catalog.CatalogKeys;

/** Chat's catalog keys: its tenants and its widget keys, by the key's public value. */
public final class ChatCatalogKeys {

    private static final String PROVIDER = "chat";
    private static final String WIDGET_KEY = "widget-key";

    private ChatCatalogKeys() {}

    public static String tenant(String tenantId) {
        return CatalogKeys.key(PROVIDER, "tenant", tenantId);
    }

    public static String widgetKey(String publicKey) {
        return CatalogKeys.key(PROVIDER, WIDGET_KEY, publicKey);
    }

    /** What every widget key's catalog key starts with. */
    public static String widgetKeys() {
        return CatalogKeys.prefix(PROVIDER, WIDGET_KEY);
    }
}
