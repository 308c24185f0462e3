package io.sessionflow.api.chat;

import java.util.Map;

import io.sessionflow.api.CreateAnswers;
import io.sessionflow.api.CreateRequestChecks;
import io.sessionflow.api.ProviderSurface;
import io.sessionflow.api.SessionRequests;
import io.sessionflow.schemas.events.SessionRejected;
import org.springframework.http.ResponseEntity;

/** The chat widget's answers to a create call that created no session, in {@link ChatError}'s format. */
final class ChatCreateAnswers implements CreateAnswers, CreateRequestChecks {

    static final ChatCreateAnswers INSTANCE = new ChatCreateAnswers();

    private ChatCreateAnswers() {}

    @Override
    public ProviderSurface surface() {
        return ChatSurface.INSTANCE;
    }

    @Override
    public ResponseEntity<Object> notJson() {
        return ChatError.invalidInput("Content-Type must be application/json");
    }

    @Override
    public ResponseEntity<Object> badIdempotencyKey(String problem) {
        return ChatError.invalidInput(problem);
    }

    @Override
    public ResponseEntity<Object> bodyTooLarge(int maxBytes) {
        return ChatError.invalidInput("Request body exceeds " + maxBytes + " bytes");
    }

    @Override
    public ResponseEntity<Object> idempotencyKeyReused() {
        return ChatError.response(
                422,
                "validation_failed",
                "This Idempotency-Key was already used with a different " + "request",
                Map.of("Idempotency-Key", "already used with a different request body"));
    }

    @Override
    public ResponseEntity<Object> notDecidedInTime() {
        return ChatError.unavailable(
                "The session was not created in time; retry the request with the same " + "Idempotency-Key");
    }

    @Override
    public ResponseEntity<Object> rejected(SessionRejected rejected) {
        Map<String, String> details = SessionRequests.reasonsByField(rejected);
        return ChatError.response(
                rejected.getHttpStatus(),
                rejected.getCode(),
                rejected.getMessage(),
                details.isEmpty() ? null : details);
    }
}
