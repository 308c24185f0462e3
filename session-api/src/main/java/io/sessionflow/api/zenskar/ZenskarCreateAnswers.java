package io.sessionflow.api.zenskar;

import java.util.ArrayList;
import java.util.List;

import io.sessionflow.api.CreateAnswers;
import io.sessionflow.api.ProviderSurface;
import io.sessionflow.schemas.events.RejectionReason;
import io.sessionflow.schemas.events.SessionRejected;
import org.springframework.http.ResponseEntity;

/**
 * Zenskar's answers to a create call that created no session, as FastAPI and Zenskar's gateway give
 * them ({@link ZenskarErrors}): a rejected field is a validation error, a refused organisation the
 * gateway's 403.
 */
final class ZenskarCreateAnswers implements CreateAnswers {

    static final ZenskarCreateAnswers INSTANCE = new ZenskarCreateAnswers();

    private ZenskarCreateAnswers() {}

    @Override
    public ProviderSurface surface() {
        return ZenskarSurface.INSTANCE;
    }

    @Override
    public ResponseEntity<Object> idempotencyKeyReused() {
        return ZenskarErrors.validation(List.of(
                idempotencyKeyError("Value error, this Idempotency-Key was already used with a different request")));
    }

    @Override
    public ResponseEntity<Object> notDecidedInTime() {
        return ZenskarErrors.unavailable(
                "The session was not created in time; retry the request with the same " + "Idempotency-Key");
    }

    @Override
    public ResponseEntity<Object> rejected(SessionRejected rejected) {
        if (rejected.getHttpStatus() == 403) {
            return ZenskarErrors.forbidden();
        }
        if (rejected.getHttpStatus() == 422 && !rejected.getReasons().isEmpty()) {
            List<ZenskarValidationError> errors = new ArrayList<>();
            for (RejectionReason reason : rejected.getReasons()) {
                errors.add(ZenskarValidationError.body(reason.getField(), "value_error", reason.getMessage()));
            }
            return ZenskarErrors.validation(errors);
        }
        return ZenskarErrors.detail(rejected.getHttpStatus(), rejected.getMessage());
    }

    static ZenskarValidationError idempotencyKeyError(String msg) {
        return ZenskarValidationError.header("idempotency-key", "value_error", msg);
    }
}
