package io.sessionflow.api.algoreg;

import java.util.Map;

import io.sessionflow.api.CreateAnswers;
import io.sessionflow.api.CreateRequestChecks;
import io.sessionflow.api.ProviderSurface;
import io.sessionflow.api.SessionRequests;
import io.sessionflow.schemas.events.SessionRejected;
import org.springframework.http.ResponseEntity;

/** Algoreg's answers to a session request that generated no session, in {@link AlgoregError}'s format. */
final class AlgoregCreateAnswers implements CreateAnswers, CreateRequestChecks {

    static final AlgoregCreateAnswers INSTANCE = new AlgoregCreateAnswers();

    private AlgoregCreateAnswers() {}

    @Override
    public ProviderSurface surface() {
        return AlgoregSurface.INSTANCE;
    }

    @Override
    public ResponseEntity<Object> notJson() {
        return AlgoregError.response(
                415, AlgoregError.UNSUPPORTED_MEDIA_TYPE, "Content-Type must be application/json", null);
    }

    @Override
    public ResponseEntity<Object> badIdempotencyKey(String problem) {
        return AlgoregError.invalidRequest(problem, Map.of("Idempotency-Key", problem));
    }

    @Override
    public ResponseEntity<Object> bodyTooLarge(int maxBytes) {
        return AlgoregError.response(
                413, AlgoregError.REQUEST_TOO_LARGE, "Request body exceeds " + maxBytes + " bytes", null);
    }

    @Override
    public ResponseEntity<Object> idempotencyKeyReused() {
        return AlgoregError.response(
                422,
                AlgoregError.IDEMPOTENCY_KEY_REUSED,
                "This Idempotency-Key was already used with a different request",
                Map.of("Idempotency-Key", "already used with a different request"));
    }

    @Override
    public ResponseEntity<Object> notDecidedInTime() {
        return AlgoregError.unavailable(
                "The session was not generated in time; retry the request with the same " + "Idempotency-Key");
    }

    @Override
    public ResponseEntity<Object> rejected(SessionRejected rejected) {
        return AlgoregError.response(
                rejected.getHttpStatus(),
                rejected.getCode(),
                rejected.getMessage(),
                SessionRequests.reasonsByField(rejected));
    }
}
