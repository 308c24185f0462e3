package io.sessionflow.algoreg;

import java.util.Map;

import io.sessionflow.api.CreateAnswers;
import io.sessionflow.api.SessionRequests;
import io.sessionflow.api.Surface;
import io.sessionflow.schemas.events.SessionRejected;
import org.springframework.http.ResponseEntity;

/** Algoreg's answers to a session request that generated no session, in {@link AlgoregError}'s format. */
final class AlgoregCreateAnswers implements CreateAnswers {

    static final AlgoregCreateAnswers INSTANCE = new AlgoregCreateAnswers();

    private AlgoregCreateAnswers() {
    }

    @Override
    public Surface surface() {
        return Surface.ALGOREG;
    }

    @Override
    public ResponseEntity<Object> idempotencyKeyReused() {
        return AlgoregError.response(422, AlgoregError.IDEMPOTENCY_KEY_REUSED,
                "This Idempotency-Key was already used with a different request",
                Map.of("Idempotency-Key", "already used with a different request"));
    }

    @Override
    public ResponseEntity<Object> notDecidedInTime() {
        return AlgoregError.unavailable("The session was not generated in time; retry the request with the same "
                + "Idempotency-Key");
    }

    @Override
    public ResponseEntity<Object> rejected(SessionRejected rejected) {
        return AlgoregError.response(rejected.getHttpStatus(), rejected.getCode(), rejected.getMessage(),
                SessionRequests.reasonsByField(rejected));
    }
}
