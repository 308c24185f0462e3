package io.sessionflow.api.zenskar;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Zenskar's error bodies: FastAPI's {@code {"detail":[...]}} for 422, {@code {"detail":"<message>"}}
 * for every other status, and the gateway's {@code {"Message":"User is not authorized to access this
 * resource with an explicit deny"}} for 403.
 */
public final class ZenskarErrors {

    /** The 403 body, exactly as Zenskar's gateway sends it. */
    public static final String EXPLICIT_DENY = "User is not authorized to access this resource with an explicit deny";

    private ZenskarErrors() {}

    public static ResponseEntity<Object> validation(List<ZenskarValidationError> errors) {
        return ResponseEntity.status(422).body(Map.of("detail", List.copyOf(errors)));
    }

    public static ResponseEntity<Object> detail(int status, String message) {
        return ResponseEntity.status(status).body(Map.of("detail", message));
    }

    public static ResponseEntity<Object> forbidden() {
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("Message", EXPLICIT_DENY));
    }

    /** A retryable failure: the client may send the same request again (with the same Idempotency-Key). */
    public static ResponseEntity<Object> unavailable(String message) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "1")
                .body(Map.of("detail", message));
    }
}
