package io.sessionflow.api.liveperson;

import java.time.Instant;

import io.sessionflow.schemas.liveperson.LivePersonErrorCodes;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * LivePerson's error body, {@code {"time": <epoch millis>, "message": ..., "internalCode": ...}};
 * the codes are {@link LivePersonErrorCodes}. 4xx are final; 5xx may be retried.
 */
public record LivePersonError(long time, String message, int internalCode) {

    /** LivePerson recommends retrying a 5xx after 5, 10 and 15 seconds: the first pause. */
    static final String RETRY_AFTER_SECONDS = "5";

    public static ResponseEntity<Object> response(int status, int internalCode, String message) {
        return ResponseEntity.status(status)
                .body(new LivePersonError(Instant.now().toEpochMilli(), message, internalCode));
    }

    public static ResponseEntity<Object> badRequest(int internalCode, String message) {
        return response(HttpStatus.BAD_REQUEST.value(), internalCode, message);
    }

    /** A retryable failure: the client may send the same request again (with the same Idempotency-Key). */
    public static ResponseEntity<Object> unavailable(String message) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .body(new LivePersonError(
                        Instant.now().toEpochMilli(), message, LivePersonErrorCodes.TEMPORARILY_UNAVAILABLE));
    }
}
