package io.sessionflow.processor.chat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import io.sessionflow.processor.CatalogView;
import io.sessionflow.processor.ProviderRules;
import io.sessionflow.schemas.Topics;
import io.sessionflow.schemas.chat.ChatCatalogKeys;
import io.sessionflow.schemas.chat.ChatFlow;
import io.sessionflow.schemas.chat.ChatIntent;
import io.sessionflow.schemas.chat.ChatQuickQuestion;
import io.sessionflow.schemas.chat.ChatQuickQuestionConfig;
import io.sessionflow.schemas.chat.ChatSessionDetails;
import io.sessionflow.schemas.chat.ChatSessionRequested;
import io.sessionflow.schemas.chat.ChatTenant;
import io.sessionflow.schemas.chat.ChatWidgetKey;
import io.sessionflow.schemas.chat.WarmUpWidgetKeys;
import io.sessionflow.schemas.chat.WebOrigins;
import io.sessionflow.schemas.events.Provider;
import io.sessionflow.schemas.events.SessionCreated;
import io.sessionflow.schemas.events.SessionEvent;

/**
 * The chat widget's rules for opening a session: the widget key must exist and be enabled, the
 * browser's origin must be allowed, and the session offers the tenant's published intents that
 * the key permits, plus the tenant's quick questions. Reads the catalog entries
 * {@code chat:widget-key:<publicKey>} and {@code chat:tenant:<tenantId>}; every chat request opens a
 * new session.
 */
public final class ChatSessionRules extends ProviderRules<ChatSessionRequested> {

    /** The widget shows at most six quick questions. */
    public static final int MAX_QUICK_QUESTIONS = 6;

    private static final Comparator<ChatIntent> INTENT_ORDER = Comparator.comparing(
                    (ChatIntent intent) -> !intent.getIsPinned())
            .thenComparing(ChatIntent::getPriority, Comparator.reverseOrder())
            .thenComparing(ChatIntent::getName);

    private final Duration sessionTtl;

    /** @param sessionTtl how long a chat session (and its token) lives */
    public ChatSessionRules(Duration sessionTtl, Supplier<UUID> ids) {
        super(Provider.CHAT, Topics.CHAT_REQUESTS, ids);
        this.sessionTtl = sessionTtl;
    }

    public Duration sessionTtl() {
        return sessionTtl;
    }

    /** A request of the warm-up at start ({@link WarmUpWidgetKeys}): decided against {@link ChatWarmUpCatalog}. */
    @Override
    public boolean warmUp(ChatSessionRequested request) {
        return WarmUpWidgetKeys.isWarmUp(request.getPublicKey());
    }

    @Override
    public List<SessionEvent> decide(
            ChatSessionRequested request, SessionEvent existing, CatalogView catalog, Instant now) {
        return List.of(create(request, catalog, now));
    }

    private SessionEvent create(ChatSessionRequested request, CatalogView catalog, Instant now) {
        SessionEvent.Builder event = event(request.getSessionKey(), now);

        ChatWidgetKey key = catalog.get(ChatCatalogKeys.widgetKey(request.getPublicKey()), ChatWidgetKey.class);
        if (warmUp(request)) {
            // the built-in warm-up widget, whatever the catalog says of the key
            key = ChatWarmUpCatalog.widgetKey(request.getPublicKey());
        }
        if (key == null) {
            return event.setPayload(rejection(
                            "validation_failed",
                            422,
                            "Request validation failed: 1 field is invalid",
                            "publicKey",
                            "no widget exists for this key"))
                    .build();
        }
        event.setTenantId(key.getTenantId());
        ChatTenant tenant = catalog.get(ChatCatalogKeys.tenant(key.getTenantId()), ChatTenant.class);
        if (warmUp(request)) {
            tenant = ChatWarmUpCatalog.tenant();
        }
        if (!key.getEnabled() || tenant == null) {
            return event.setPayload(rejection("widget_disabled", 403, "This widget is disabled"))
                    .build();
        }
        if (request.getOrigin() != null && !WebOrigins.allowed(request.getOrigin(), key.getAllowedOrigins())) {
            // the Origin header is the client's text: it never reaches the public topic
            return event.setPayload(rejection("origin_not_allowed", 403, "This origin is not allowed for this widget"))
                    .build();
        }

        Map<String, ChatFlow> permittedFlows = permittedPublishedFlows(tenant, key);
        List<ChatIntent> intents = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (ChatFlow flow : permittedFlows.values()) {
            if (seen.add(flow.getIntent().getName())) {
                intents.add(flow.getIntent());
            }
        }
        intents.sort(INTENT_ORDER);

        List<ChatQuickQuestion> quickQuestions = tenant.getQuickQuestions().stream()
                .limit(MAX_QUICK_QUESTIONS)
                .map(q -> quickQuestion(q, permittedFlows))
                .toList();

        Instant createdAt = now.truncatedTo(ChronoUnit.SECONDS);
        SessionCreated created = SessionCreated.newBuilder()
                .setSessionId(newId())
                .setCreatedAt(createdAt)
                .setExpiresAt(createdAt.plus(sessionTtl))
                .setDetails(ChatSessionDetails.newBuilder()
                        .setWidgetLabel(key.getLabel())
                        .setLocale(request.getLocale())
                        .setIntents(intents)
                        .setQuickQuestions(quickQuestions)
                        .build())
                .build();
        return event.setPayload(created).build();
    }

    /** Published flows by flow id whose intent this key may trigger. */
    private static Map<String, ChatFlow> permittedPublishedFlows(ChatTenant tenant, ChatWidgetKey key) {
        Set<String> allowed = Set.copyOf(key.getAllowedIntents());
        Map<String, ChatFlow> flows = new LinkedHashMap<>();
        for (ChatFlow flow : tenant.getFlows()) {
            if (flow.getPublished()
                    && (key.getAllowsAllIntents()
                            || allowed.contains(flow.getIntent().getName()))) {
                flows.put(flow.getFlowId(), flow);
            }
        }
        return flows;
    }

    private static ChatQuickQuestion quickQuestion(ChatQuickQuestionConfig config, Map<String, ChatFlow> permitted) {
        ChatFlow flow = config.getFlowId() == null ? null : permitted.get(config.getFlowId());
        return ChatQuickQuestion.newBuilder()
                .setQuestion(config.getQuestion())
                .setPageType(config.getPageType())
                .setFlowId(config.getFlowId())
                .setIntentName(flow == null ? null : flow.getIntent().getName())
                .build();
    }
}
