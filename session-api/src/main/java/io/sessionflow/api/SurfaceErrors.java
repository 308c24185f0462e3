package io.sessionflow.api;

import java.time.Duration;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * A surface's answer to an error that reached no provider code (no such path or method, a request
 * the servlet container refused, an exception nothing caught, a limit the caller went past), in that
 * surface's format: the status in words, never an exception's message or a stack trace. A 503 and a
 * 429 carry {@code Retry-After}; a 408 closes the connection. The body is the surface's own
 * ({@link Surface#error}); the words and headers are the same for every surface.
 */
public final class SurfaceErrors {

    private SurfaceErrors() {}

    /** The answer, with its Content-Type set: it is JSON whatever the request's Accept says. */
    public static ResponseEntity<Object> answer(Surface surface, HttpStatus status) {
        ResponseEntity<Object> answer = body(surface, status);
        HttpHeaders headers = new HttpHeaders();
        headers.addAll(answer.getHeaders());
        if (headers.getContentType() == null) {
            headers.setContentType(MediaType.APPLICATION_JSON);
        }
        if (status == HttpStatus.SERVICE_UNAVAILABLE && !headers.containsHeader(HttpHeaders.RETRY_AFTER)) {
            headers.set(HttpHeaders.RETRY_AFTER, "1");
        }
        if (status == HttpStatus.REQUEST_TIMEOUT) {
            headers.setConnection("close");
        }
        return ResponseEntity.status(status).headers(headers).body(answer.getBody());
    }

    /** 429 with {@code Retry-After} in whole seconds, at least one. */
    public static ResponseEntity<Object> tooManyRequests(Surface surface, Duration retryAfter) {
        ResponseEntity<Object> answer = answer(surface, HttpStatus.TOO_MANY_REQUESTS);
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .headers(headers -> {
                    headers.addAll(answer.getHeaders());
                    headers.set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
                })
                .body(answer.getBody());
    }

    private static ResponseEntity<Object> body(Surface surface, HttpStatus status) {
        return surface.error(status, message(status));
    }

    private static String message(HttpStatus status) {
        return switch (status) {
            case NOT_FOUND -> "No such resource";
            case METHOD_NOT_ALLOWED -> "This method is not allowed on this path";
            case BAD_REQUEST -> "The request is malformed";
            case CONTENT_TOO_LARGE -> "The request is too large";
            case UNSUPPORTED_MEDIA_TYPE -> "Unsupported Content-Type";
            case REQUEST_TIMEOUT -> "The request body was not received in time";
            case TOO_MANY_REQUESTS -> "Too many requests; retry after the time Retry-After says";
            case SERVICE_UNAVAILABLE -> "The service is temporarily unavailable; retry";
            case INTERNAL_SERVER_ERROR -> "Internal server error";
            default -> status.getReasonPhrase();
        };
    }
}
