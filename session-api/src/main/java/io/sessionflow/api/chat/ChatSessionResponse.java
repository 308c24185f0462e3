package io.sessionflow.api.chat;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.sessionflow.schemas.chat.ChatIntent;
import io.sessionflow.schemas.chat.ChatQuickQuestion;
import io.sessionflow.schemas.chat.ChatSessionDetails;

/** The chat widget's "Session opened" answer, field for field as the provider documents it. */
public record ChatSessionResponse(
        String sessionToken,
        String conversationId,
        Instant expiresAt,
        Widget widget,
        List<Intent> intents,
        List<QuickQuestion> quickQuestions) {

    public record Widget(String label) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Intent(
            String name,
            String displayLabel,
            String subtitle,
            String description,
            List<String> examples,
            @JsonProperty("required_entities") List<String> requiredEntities,
            Icon icon,
            String accentColor,
            String styleVariant,
            @JsonProperty("isPinned") boolean isPinned,
            int priority) {}

    public record Icon(String kind, String value) {}

    /** {@code flowId} and {@code intentName} are null, not absent, when unset or not permitted. */
    public record QuickQuestion(String question, String pageType, String flowId, String intentName) {}

    static ChatSessionResponse of(
            String sessionToken, String conversationId, Instant expiresAt, ChatSessionDetails details) {
        return new ChatSessionResponse(
                sessionToken,
                conversationId,
                expiresAt,
                new Widget(details.getWidgetLabel()),
                details.getIntents().stream().map(ChatSessionResponse::intent).toList(),
                details.getQuickQuestions().stream()
                        .map(ChatSessionResponse::quickQuestion)
                        .toList());
    }

    private static Intent intent(ChatIntent intent) {
        return new Intent(
                intent.getName(),
                intent.getDisplayLabel(),
                intent.getSubtitle(),
                intent.getDescription(),
                intent.getExamples(),
                intent.getRequiredEntities(),
                intent.getIcon() == null
                        ? null
                        : new Icon(intent.getIcon().getKind(), intent.getIcon().getValue()),
                intent.getAccentColor(),
                intent.getStyleVariant(),
                intent.getIsPinned(),
                intent.getPriority());
    }

    private static QuickQuestion quickQuestion(ChatQuickQuestion question) {
        return new QuickQuestion(
                question.getQuestion(), question.getPageType(), question.getFlowId(), question.getIntentName());
    }
}
