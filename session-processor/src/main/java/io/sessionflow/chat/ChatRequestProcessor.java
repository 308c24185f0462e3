package io.sessionflow.chat;

import java.time.Instant;

import io.sessionflow.schemas.catalog.CatalogEntry;
import io.sessionflow.schemas.catalog.CatalogKeys;
import io.sessionflow.schemas.chat.ChatSessionRequested;
import io.sessionflow.schemas.chat.ChatTenant;
import io.sessionflow.schemas.chat.ChatWidgetKey;
import io.sessionflow.schemas.events.SessionEvent;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Reads {@code sessionflow.chat.requests}, looks the widget key and tenant up in the global catalog
 * store and forwards the outcome (to {@code sessionflow.session-events}). A session key already in
 * the sessions store was decided before: the replay is dropped, so retries never make a second
 * session.
 */
public final class ChatRequestProcessor implements Processor<String, ChatSessionRequested, String, SessionEvent> {

    private final ChatSessionCreator creator;
    private final String catalogStoreName;
    private final String sessionsStoreName;
    private ProcessorContext<String, SessionEvent> context;
    private KeyValueStore<String, SessionEvent> sessions;
    private ChatCatalog catalog;

    public ChatRequestProcessor(ChatSessionCreator creator, String catalogStoreName, String sessionsStoreName) {
        this.creator = creator;
        this.catalogStoreName = catalogStoreName;
        this.sessionsStoreName = sessionsStoreName;
    }

    @Override
    public void init(ProcessorContext<String, SessionEvent> context) {
        this.context = context;
        this.sessions = context.getStateStore(sessionsStoreName);
        KeyValueStore<String, ValueAndTimestamp<CatalogEntry>> store = context.getStateStore(catalogStoreName);
        this.catalog = new ChatCatalog() {
            @Override
            public ChatWidgetKey widgetKey(String publicKey) {
                return payload(store.get(CatalogKeys.chatWidgetKey(publicKey)), ChatWidgetKey.class);
            }

            @Override
            public ChatTenant tenant(String tenantId) {
                return payload(store.get(CatalogKeys.chatTenant(tenantId)), ChatTenant.class);
            }
        };
    }

    private static <T> T payload(ValueAndTimestamp<CatalogEntry> entry, Class<T> type) {
        if (entry == null || entry.value() == null) {
            return null;
        }
        Object payload = entry.value().getPayload();
        return type.isInstance(payload) ? type.cast(payload) : null;
    }

    @Override
    public void process(Record<String, ChatSessionRequested> record) {
        if (record.key() == null || record.value() == null || sessions.get(record.key()) != null) {
            return;
        }
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        SessionEvent outcome = creator.create(record.value(), catalog, now);
        sessions.put(record.key(), outcome);
        context.forward(new Record<>(record.key(), outcome, now.toEpochMilli()));
    }
}
