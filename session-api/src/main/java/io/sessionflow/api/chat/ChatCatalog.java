package io.sessionflow.api.chat;

import static io.sessionflow.api.catalog.CatalogSection.nonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.sessionflow.api.catalog.CatalogSection;
import io.sessionflow.api.catalog.CatalogSectionType;
import io.sessionflow.schemas.chat.ChatCatalogKeys;
import io.sessionflow.schemas.chat.ChatFlow;
import io.sessionflow.schemas.chat.ChatIcon;
import io.sessionflow.schemas.chat.ChatIntent;
import io.sessionflow.schemas.chat.ChatQuickQuestionConfig;
import io.sessionflow.schemas.chat.ChatTenant;
import io.sessionflow.schemas.chat.ChatWidgetKey;
import io.sessionflow.schemas.chat.WebOrigins;

/**
 * The {@code chat} section of the catalog file (see {@code docs/catalog.md}): tenants with their flows,
 * quick questions and widget keys, turned into the catalog entries {@code chat:tenant:<id>} and
 * {@code chat:widget-key:<public key>}.
 */
public record ChatCatalog(List<Tenant> tenants) implements CatalogSection {

    /** Its name in the catalog document. */
    public static final CatalogSectionType SECTION = new CatalogSectionType("chat", ChatCatalog.class);

    private static final Pattern PUBLIC_KEY = Pattern.compile("^pk_live_[a-f0-9]{32}$");
    private static final Set<String> PAGE_TYPES = Set.of("general", "category", "product", "cart");
    private static final int MAX_QUICK_QUESTIONS = 6;

    public record Tenant(
            String id, String name, List<Flow> flows, List<QuickQuestion> quickQuestions, List<WidgetKey> widgetKeys) {}

    public record Flow(String id, boolean published, Intent intent) {}

    public record Intent(
            String name,
            String displayLabel,
            String subtitle,
            String description,
            List<String> examples,
            List<String> requiredEntities,
            Icon icon,
            String accentColor,
            String styleVariant,
            boolean isPinned,
            int priority) {}

    public record Icon(String kind, String value) {}

    public record QuickQuestion(String question, String pageType, String flowId) {}

    public record WidgetKey(
            String publicKey,
            String label,
            Boolean enabled,
            List<String> allowedOrigins,
            boolean allowsAllIntents,
            List<String> allowedIntents) {}

    @Override
    public void addEntries(Map<String, Object> entries, List<String> problems) {
        for (Tenant tenant : nonNull(tenants)) {
            String where = "chat tenant '" + tenant.id() + "'";
            if (tenant.id() == null || tenant.id().isBlank()) {
                problems.add("a chat tenant has no id");
                continue;
            }
            List<ChatFlow> flows = new ArrayList<>();
            for (Flow flow : nonNull(tenant.flows())) {
                if (flow.id() == null
                        || flow.intent() == null
                        || flow.intent().name() == null
                        || flow.intent().displayLabel() == null) {
                    problems.add(where + ": every flow needs an id and an intent with name and displayLabel");
                    continue;
                }
                flows.add(ChatFlow.newBuilder()
                        .setFlowId(flow.id())
                        .setPublished(flow.published())
                        .setIntent(intent(flow.intent()))
                        .build());
            }
            Set<String> flowIds =
                    Set.copyOf(flows.stream().map(ChatFlow::getFlowId).toList());
            List<QuickQuestion> questions = nonNull(tenant.quickQuestions());
            if (questions.size() > MAX_QUICK_QUESTIONS) {
                problems.add(where + ": at most " + MAX_QUICK_QUESTIONS + " quick questions");
            }
            for (QuickQuestion question : questions) {
                if (question.question() == null || !PAGE_TYPES.contains(question.pageType())) {
                    problems.add(where + ": every quick question needs a text and a pageType of " + PAGE_TYPES);
                }
                if (question.flowId() != null && !flowIds.contains(question.flowId())) {
                    problems.add(where + ": quick question '" + question.question() + "' names unknown flow '"
                            + question.flowId() + "'");
                }
            }
            entries.put(
                    ChatCatalogKeys.tenant(tenant.id()),
                    ChatTenant.newBuilder()
                            .setTenantId(tenant.id())
                            .setName(tenant.name() == null ? tenant.id() : tenant.name())
                            .setFlows(flows)
                            .setQuickQuestions(questions.stream()
                                    .filter(q -> q.question() != null && PAGE_TYPES.contains(q.pageType()))
                                    .map(q -> ChatQuickQuestionConfig.newBuilder()
                                            .setQuestion(q.question())
                                            .setPageType(q.pageType())
                                            .setFlowId(q.flowId())
                                            .build())
                                    .toList())
                            .build());
            for (WidgetKey key : nonNull(tenant.widgetKeys())) {
                if (key.publicKey() == null
                        || !PUBLIC_KEY.matcher(key.publicKey()).matches()) {
                    problems.add(where + ": widget key '" + key.publicKey() + "' does not match " + PUBLIC_KEY);
                    continue;
                }
                List<String> origins = allowedOrigins(key, where, problems);
                entries.put(
                        ChatCatalogKeys.widgetKey(key.publicKey()),
                        ChatWidgetKey.newBuilder()
                                .setPublicKey(key.publicKey())
                                .setTenantId(tenant.id())
                                .setLabel(key.label() == null ? tenant.id() : key.label())
                                .setEnabled(key.enabled() == null || key.enabled())
                                .setAllowedOrigins(origins)
                                .setAllowsAllIntents(key.allowsAllIntents())
                                .setAllowedIntents(nonNull(key.allowedIntents()))
                                .build());
            }
        }
    }

    /** The key's origins as browsers send them ({@link WebOrigins#normalize}), or {@value WebOrigins#ANY}. */
    private static List<String> allowedOrigins(WidgetKey key, String where, List<String> problems) {
        List<String> origins = new ArrayList<>();
        for (String origin : nonNull(key.allowedOrigins())) {
            String normalized = WebOrigins.ANY.equals(origin) ? origin : WebOrigins.normalize(origin);
            if (normalized == null) {
                problems.add(where + ": widget key '" + key.publicKey() + "' allowed origin '" + origin
                        + "' is not an origin: scheme://host[:port] with scheme http or https, nothing after it "
                        + "(no path, not even '/'), or \"" + WebOrigins.ANY + "\"");
            } else if (!origins.contains(normalized)) {
                origins.add(normalized);
            }
        }
        return origins;
    }

    private static ChatIntent intent(Intent intent) {
        return ChatIntent.newBuilder()
                .setName(intent.name())
                .setDisplayLabel(intent.displayLabel())
                .setSubtitle(intent.subtitle())
                .setDescription(intent.description())
                .setExamples(nonNull(intent.examples()))
                .setRequiredEntities(nonNull(intent.requiredEntities()))
                .setIcon(
                        intent.icon() == null
                                ? null
                                : ChatIcon.newBuilder()
                                        .setKind(intent.icon().kind())
                                        .setValue(intent.icon().value())
                                        .build())
                .setAccentColor(intent.accentColor())
                .setStyleVariant(intent.styleVariant())
                .setIsPinned(intent.isPinned())
                .setPriority(intent.priority())
                .build();
    }
}
