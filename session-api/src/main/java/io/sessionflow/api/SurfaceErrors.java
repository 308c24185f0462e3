package io.sessionflow.api;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.sessionflow.api.algoreg.AlgoregError;
import io.sessionflow.api.chat.ChatError;
import io.sessionflow.api.liveperson.LivePersonError;
import io.sessionflow.api.zenskar.ZenskarErrors;
import io.sessionflow.schemas.liveperson.LivePersonErrorCodes;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * A surface's answer to an error that reached no provider code (no such path or method, a request
 * the servlet container refused, an exception nothing caught, a limit the caller went past), in that
 * surface's format: the status in words, never an exception's message or a stack trace. A 503 and a
 * 429 carry {@code Retry-After}; a 408 closes the connection.
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
        String message = message(status);
        int code = status.value();
        return switch (surface) {
            case CHAT ->
                ChatError.response(
                        code,
                        switch (status) {
                            case NOT_FOUND -> "not_found";
                            case METHOD_NOT_ALLOWED -> "method_not_allowed";
                            case TOO_MANY_REQUESTS -> "rate_limited";
                            case SERVICE_UNAVAILABLE -> "service_unavailable";
                            default -> status.is5xxServerError() ? "internal_error" : "invalid_input";
                        },
                        message,
                        null);
            case ALGOREG ->
                AlgoregError.response(
                        code,
                        switch (status) {
                            case NOT_FOUND -> AlgoregError.NOT_FOUND;
                            case METHOD_NOT_ALLOWED -> AlgoregError.METHOD_NOT_ALLOWED;
                            case CONTENT_TOO_LARGE -> AlgoregError.REQUEST_TOO_LARGE;
                            case UNSUPPORTED_MEDIA_TYPE -> AlgoregError.UNSUPPORTED_MEDIA_TYPE;
                            case TOO_MANY_REQUESTS -> AlgoregError.RATE_LIMITED;
                            case SERVICE_UNAVAILABLE -> AlgoregError.SERVICE_UNAVAILABLE;
                            default ->
                                status.is5xxServerError() ? AlgoregError.INTERNAL_ERROR : AlgoregError.INVALID_REQUEST;
                        },
                        message,
                        null);
            // FastAPI's own answers: {"detail": "Not Found"}, {"detail": "Method Not Allowed"}, ...
            case ZENSKAR -> ZenskarErrors.detail(code, status.getReasonPhrase());
            case LIVEPERSON ->
                LivePersonError.response(
                        code,
                        switch (status) {
                            case NOT_FOUND -> LivePersonErrorCodes.RESOURCE_NOT_FOUND;
                            case METHOD_NOT_ALLOWED -> LivePersonErrorCodes.METHOD_NOT_ALLOWED;
                            case TOO_MANY_REQUESTS -> LivePersonErrorCodes.TOO_MANY_REQUESTS;
                            case SERVICE_UNAVAILABLE -> LivePersonErrorCodes.TEMPORARILY_UNAVAILABLE;
                            default ->
                                status.is5xxServerError()
                                        ? LivePersonErrorCodes.INTERNAL_ERROR
                                        : LivePersonErrorCodes.MALFORMED_BODY;
                        },
                        message);
            case ADMIN -> {
                Map<String, Object> problem = new LinkedHashMap<>();
                problem.put("type", "about:blank");
                problem.put("title", status.getReasonPhrase());
                problem.put("status", code);
                problem.put("detail", message);
                yield ResponseEntity.status(status)
                        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                        .body(problem);
            }
            // RFC 6749 section 5.2's codes, as the introspection endpoint answers its own errors
            case INTROSPECTION -> {
                Map<String, Object> error = new LinkedHashMap<>();
                error.put(
                        "error",
                        switch (status) {
                            case SERVICE_UNAVAILABLE, TOO_MANY_REQUESTS -> "temporarily_unavailable";
                            default -> status.is5xxServerError() ? "server_error" : "invalid_request";
                        });
                error.put("error_description", message);
                yield ResponseEntity.status(status).body(error);
            }
        };
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
