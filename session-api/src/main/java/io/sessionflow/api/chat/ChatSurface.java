package io.sessionflow.api.chat;

import io.sessionflow.api.CreateAnswers;
import io.sessionflow.api.ProviderSurface;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** The chat widget's surface ({@code /chat}): errors in {@link ChatError}'s format. */
public final class ChatSurface implements ProviderSurface {

    public static final ChatSurface INSTANCE = new ChatSurface();

    private ChatSurface() {}

    @Override
    public String firstSegment() {
        return "chat";
    }

    @Override
    public ResponseEntity<Object> error(HttpStatus status, String message) {
        return ChatError.response(
                status.value(),
                switch (status) {
                    case NOT_FOUND -> "not_found";
                    case METHOD_NOT_ALLOWED -> "method_not_allowed";
                    case TOO_MANY_REQUESTS -> "rate_limited";
                    case SERVICE_UNAVAILABLE -> "service_unavailable";
                    default -> status.is5xxServerError() ? "internal_error" : "invalid_input";
                },
                message,
                null);
    }

    @Override
    public CreateAnswers createAnswers() {
        return ChatCreateAnswers.INSTANCE;
    }
}
