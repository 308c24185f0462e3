package io.sessionflow.api.algoreg;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Algoreg's error body, ours to define (the provider documents none), the same for every error of
 * the Algoreg surface: {@code {"error": {"code", "message", "details": [{"field", "message"}]}}};
 * {@code details} is always an array, empty when no field is at fault. See docs/providers/algoreg.md.
 */
public record AlgoregError(Body error) {

    public static final String INVALID_REQUEST = "invalid_request";
    public static final String UNAUTHORIZED = "unauthorized";
    public static final String SESSION_NOT_FOUND = "session_not_found";
    public static final String REQUEST_TOO_LARGE = "request_too_large";
    public static final String UNSUPPORTED_MEDIA_TYPE = "unsupported_media_type";
    public static final String VALIDATION_FAILED = "validation_failed";
    public static final String IDEMPOTENCY_KEY_REUSED = "idempotency_key_reused";
    public static final String SERVICE_UNAVAILABLE = "service_unavailable";
    /** Too many calls from the client's address or for the tenant, or too many refused credentials. */
    public static final String RATE_LIMITED = "rate_limited";
    /** No such path below {@code /algoreg}. */
    public static final String NOT_FOUND = "not_found";
    /** A method the path does not take. */
    public static final String METHOD_NOT_ALLOWED = "method_not_allowed";
    /** An unexpected failure. */
    public static final String INTERNAL_ERROR = "internal_error";

    /** The challenges a 401 carries: both accepted schemes. */
    static final List<String> CHALLENGES =
            List.of("Bearer realm=\"algoreg\"", "Basic realm=\"algoreg\", charset=\"UTF-8\"");

    public record Body(String code, String message, List<Detail> details) {}

    public record Detail(String field, String message) {}

    /** @param details field path to reason, in the order to answer them */
    public static ResponseEntity<Object> response(
            int status, String code, String message, Map<String, String> details) {
        List<Detail> list = details == null
                ? List.of()
                : details.entrySet().stream()
                        .map(e -> new Detail(e.getKey(), e.getValue()))
                        .toList();
        return ResponseEntity.status(status).body(new AlgoregError(new Body(code, message, list)));
    }

    public static ResponseEntity<Object> invalidRequest(String message, Map<String, String> details) {
        return response(400, INVALID_REQUEST, message, details);
    }

    public static ResponseEntity<Object> unauthorized(String message) {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGES.toArray(String[]::new))
                .body(new AlgoregError(new Body(UNAUTHORIZED, message, List.of())));
    }

    /** The same answer for an id that does not exist and one of another tenant: existence is not revealed. */
    public static ResponseEntity<Object> sessionNotFound() {
        return response(404, SESSION_NOT_FOUND, "No session exists with this session_id", null);
    }

    /** A retryable failure: the client may send the same request again (with the same Idempotency-Key). */
    public static ResponseEntity<Object> unavailable(String message) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "1")
                .body(new AlgoregError(new Body(SERVICE_UNAVAILABLE, message, List.of())));
    }
}
