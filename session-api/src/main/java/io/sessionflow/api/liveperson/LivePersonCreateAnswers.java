package io.sessionflow.api.liveperson;

import io.sessionflow.api.CreateAnswers;
import io.sessionflow.api.CreateRequestChecks;
import io.sessionflow.api.ProviderSurface;
import io.sessionflow.schemas.events.SessionRejected;
import io.sessionflow.schemas.liveperson.LivePersonErrorCodes;
import org.springframework.http.ResponseEntity;

/** LivePerson's answers to a call that started, continued or updated no visit, in {@link LivePersonError}'s format. */
final class LivePersonCreateAnswers implements CreateAnswers, CreateRequestChecks {

    static final LivePersonCreateAnswers INSTANCE = new LivePersonCreateAnswers();

    private LivePersonCreateAnswers() {}

    @Override
    public ProviderSurface surface() {
        return LivePersonSurface.INSTANCE;
    }

    @Override
    public ResponseEntity<Object> notJson() {
        return LivePersonError.badRequest(LivePersonErrorCodes.MALFORMED_BODY, "Content-Type must be application/json");
    }

    @Override
    public ResponseEntity<Object> badIdempotencyKey(String problem) {
        return LivePersonError.badRequest(LivePersonErrorCodes.INVALID_IDEMPOTENCY_KEY, problem);
    }

    @Override
    public ResponseEntity<Object> bodyTooLarge(int maxBytes) {
        return LivePersonError.badRequest(
                LivePersonErrorCodes.MALFORMED_BODY, "Request body exceeds " + maxBytes + " bytes");
    }

    @Override
    public ResponseEntity<Object> idempotencyKeyReused() {
        return LivePersonError.response(
                422,
                LivePersonErrorCodes.IDEMPOTENCY_KEY_REUSED,
                "This Idempotency-Key was already used with a different request");
    }

    @Override
    public ResponseEntity<Object> notDecidedInTime() {
        return LivePersonError.unavailable(
                "The request was not decided in time; retry it (with the same " + "Idempotency-Key)");
    }

    @Override
    public ResponseEntity<Object> rejected(SessionRejected rejected) {
        return LivePersonError.response(rejected.getHttpStatus(), internalCode(rejected), rejected.getMessage());
    }

    private static int internalCode(SessionRejected rejected) {
        try {
            return Integer.parseInt(rejected.getCode());
        } catch (NumberFormatException notOurs) {
            return LivePersonErrorCodes.INTERNAL_ERROR;
        }
    }
}
