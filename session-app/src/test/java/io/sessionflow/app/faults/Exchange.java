package io.sessionflow.app.faults;

import java.time.Duration;

import tools.jackson.databind.JsonNode;

/**
 * One HTTP exchange as the client saw it: the status ({@code -1} when no answer came: refused,
 * reset, timed out), {@code Retry-After}, the body parsed when it is JSON, and how long it took.
 */
record Exchange(
        int status,
        String retryAfter,
        JsonNode json,
        String rawBody,
        Duration took,
        String failure,
        long startedAtNanos) {

    boolean answered() {
        return status >= 200 && status < 300;
    }

    boolean noAnswer() {
        return status < 0;
    }

    String describe() {
        return status < 0
                ? "no answer (" + failure + ") after " + took.toMillis() + " ms"
                : status + (retryAfter == null ? "" : " Retry-After: " + retryAfter) + " " + rawBody + " after "
                        + took.toMillis() + " ms";
    }
}
