package io.sessionflow.query;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The endpoint by which instances ask each other for a request's answer or a session's state: answers only from
 * this instance's own store (no second hop), with the outcome as an Avro single-object encoded
 * {@code SessionEvent}; 404 when nothing arrived within the wait, 503 when this instance cannot
 * answer for the key. Internal: expose it only on the cluster's network.
 */
@RestController
public class SessionQueryController {

    public static final String PATH = "/internal/sessions";
    private static final Duration MAX_WAIT = Duration.ofSeconds(30);

    private final SessionQueryService queries;

    public SessionQueryController(SessionQueryService queries) {
        this.queries = queries;
    }

    @GetMapping(PATH + "/{sessionKey}")
    public CompletableFuture<ResponseEntity<byte[]>> session(@PathVariable String sessionKey,
                                                             @RequestParam(required = false) String request,
                                                             @RequestParam(defaultValue = "0") long waitMs) {
        Duration wait = Duration.ofMillis(Math.max(0, Math.min(waitMs, MAX_WAIT.toMillis())));
        SessionQueryService.Query query = request == null ? SessionQueryService.Query.session(sessionKey)
                : SessionQueryService.Query.outcome(sessionKey, request);
        return queries.lookupLocal(query, wait).thenApply(lookup -> {
            if (lookup instanceof SessionLookup.Found found) {
                return ResponseEntity.ok().contentType(MediaType.APPLICATION_OCTET_STREAM)
                        .body(found.stored().bytes());
            }
            return ResponseEntity.status(lookup instanceof SessionLookup.NotFound
                    ? HttpStatus.NOT_FOUND : HttpStatus.SERVICE_UNAVAILABLE).<byte[]>build();
        });
    }
}
