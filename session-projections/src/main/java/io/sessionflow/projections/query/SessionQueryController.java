package io.sessionflow.projections.query;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The endpoint by which instances ask each other for a request's answer or a session's state. A call marked
 * {@value #FORWARDED} (one instance asking the owner Streams metadata names) is answered only from this
 * instance's own store; an unmarked one (the standalone API asking any projections instance) is answered from
 * the own store or forwarded once, marked, to the owner, so that a call hops at most once. The outcome
 * travels as an Avro single-object encoded {@code SessionEvent}; 404 when nothing arrived within the wait,
 * 503 when this instance cannot answer for the key. Served only on the internal port ({@link InternalPort}), to callers presenting
 * {@link InternalCredential}. A wait is cut to {@code sessionflow.internal.max-wait}, and at most
 * {@code sessionflow.internal.max-concurrent} queries are served at once: beyond, 503 at once, which
 * the calling instance treats like any unavailable owner (it tries again until its own deadline).
 */
@RestController
public class SessionQueryController {

    public static final String PATH = "/internal/sessions";
    /** The query parameter that marks a forwarded call: answer from the own store, never forward again. */
    public static final String FORWARDED = "forwarded";

    private final SessionQueryService queries;
    private final Duration maxWait;
    private final Semaphore serving;

    public SessionQueryController(SessionQueryService queries, InternalProperties properties) {
        this.queries = queries;
        this.maxWait = properties.maxWait();
        this.serving = new Semaphore(properties.maxConcurrent());
    }

    @GetMapping(PATH + "/{sessionKey}")
    public CompletableFuture<ResponseEntity<byte[]>> session(
            @PathVariable String sessionKey,
            @RequestParam(required = false) String request,
            @RequestParam(defaultValue = "0") long waitMs,
            @RequestParam(name = FORWARDED, defaultValue = "false") boolean forwarded) {
        if (!serving.tryAcquire()) {
            return CompletableFuture.completedFuture(ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, "1")
                    .build());
        }
        Duration wait = Duration.ofMillis(Math.max(0, Math.min(waitMs, maxWait.toMillis())));
        SessionQueryService.Query query = request == null
                ? SessionQueryService.Query.session(sessionKey)
                : SessionQueryService.Query.outcome(sessionKey, request);
        CompletableFuture<SessionLookup> lookup;
        try {
            lookup = queries.lookupForCaller(query, wait, forwarded);
        } catch (RuntimeException e) {
            serving.release();
            throw e;
        }
        return lookup.whenComplete((result, error) -> serving.release()).thenApply(found -> {
            if (found instanceof SessionLookup.Found stored) {
                return ResponseEntity.ok()
                        .contentType(MediaType.APPLICATION_OCTET_STREAM)
                        .body(stored.stored().bytes());
            }
            return ResponseEntity.status(
                            found instanceof SessionLookup.NotFound
                                    ? HttpStatus.NOT_FOUND
                                    : HttpStatus.SERVICE_UNAVAILABLE)
                    .<byte[]>build();
        });
    }
}
