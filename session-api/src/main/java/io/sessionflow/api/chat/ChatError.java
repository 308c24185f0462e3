package io.sessionflow.api.chat;

import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** The chat widget's error body: {@code {"error":..., "message":..., "details":...}}. */
public record ChatError(String error, String message, Map<String, String> details) {

    public static ResponseEntity<Object> response(
            int status, String error, String message, Map<String, String> details) {
        return ResponseEntity.status(status).body(new ChatError(error, message, details));
    }

    public static ResponseEntity<Object> invalidInput(String message) {
        return response(400, "invalid_input", message, null);
    }

    /** A retryable failure: the client may send the same request again (with the same Idempotency-Key). */
    public static ResponseEntity<Object> unavailable(String message) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "1")
                .body(new ChatError("service_unavailable", message, null));
    }
}
