package io.sessionflow.chat;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import io.sessionflow.api.ApiProperties;
import io.sessionflow.api.RequestBodies;
import io.sessionflow.api.SessionKeys;
import io.sessionflow.api.SessionRequestPublisher;
import io.sessionflow.query.SessionLookup;
import io.sessionflow.query.SessionQueryService;
import io.sessionflow.schemas.Topics;
import io.sessionflow.schemas.chat.ChatSessionDetails;
import io.sessionflow.schemas.chat.ChatSessionRequested;
import io.sessionflow.schemas.events.RejectionReason;
import io.sessionflow.schemas.events.SessionCreated;
import io.sessionflow.schemas.events.SessionEvent;
import io.sessionflow.schemas.events.SessionRejected;
import io.sessionflow.tokens.SessionTokenClaims;
import io.sessionflow.tokens.SessionTokens;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /chat/api/public/v1/chat/sessions}: shape-checks the body, publishes a
 * {@code ChatSessionRequested} to {@code sessionflow.chat.requests} and answers from the outcome
 * the projections store for its session key (waiting a bounded time), in the chat widget's
 * contract. The session token is signed here from the stored outcome, so it never travels on a
 * topic.
 */
@RestController
public class ChatSessionController {

    public static final String PATH = "/chat/api/public/v1/chat/sessions";
    public static final int MAX_IDEMPOTENCY_KEY_LENGTH = 255;
    private static final Logger LOG = LoggerFactory.getLogger(ChatSessionController.class);

    private final ChatSessionRequestParser parser;
    private final SessionRequestPublisher publisher;
    private final SessionQueryService queries;
    private final SessionTokens tokens;
    private final ApiProperties properties;

    public ChatSessionController(ChatSessionRequestParser parser, SessionRequestPublisher publisher,
                                 SessionQueryService queries, SessionTokens tokens, ApiProperties properties) {
        this.parser = parser;
        this.publisher = publisher;
        this.queries = queries;
        this.tokens = tokens;
        this.properties = properties;
    }

    @PostMapping(PATH)
    public CompletableFuture<ResponseEntity<Object>> createSession(
            HttpServletRequest http,
            @RequestHeader(value = HttpHeaders.ORIGIN, required = false) String origin,
            @RequestHeader(value = "Idempotency-Key", required = false) String idempotencyKey) throws IOException {
        if (!RequestBodies.isJsonOrAbsent(http.getContentType())) {
            return done(ChatError.invalidInput("Content-Type must be application/json"));
        }
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY_LENGTH)) {
            return done(ChatError.invalidInput("Idempotency-Key must be 1 to " + MAX_IDEMPOTENCY_KEY_LENGTH
                    + " characters"));
        }
        Optional<byte[]> body = RequestBodies.read(http, properties.maxBodyBytes());
        if (body.isEmpty()) {
            return done(ChatError.invalidInput("Request body exceeds " + properties.maxBodyBytes() + " bytes"));
        }
        ChatSessionRequestParser.Result parsed = parser.parse(body.get());
        if (parsed instanceof ChatSessionRequestParser.Invalid invalid) {
            return done(ChatError.response(invalid.status(), invalid.error(), invalid.message(), invalid.details()));
        }
        ChatSessionRequest request = ((ChatSessionRequestParser.Valid) parsed).request();

        String sessionKey = idempotencyKey == null ? SessionKeys.newKey()
                : SessionKeys.derivedKey("chat", request.publicKey(), idempotencyKey);
        String fingerprint = SessionKeys.fingerprint(String.join("\u0000", request.publicKey(),
                String.valueOf(request.customerId()), String.valueOf(request.locale()),
                String.valueOf(request.variablesJson()), String.valueOf(origin)));
        ChatSessionRequested event = ChatSessionRequested.newBuilder()
                .setSessionKey(sessionKey)
                .setRequestedAt(Instant.now())
                .setRequestFingerprint(fingerprint)
                .setPublicKey(request.publicKey())
                .setOrigin(origin)
                .setCustomerId(request.customerId())
                .setLocale(request.locale())
                .setVariablesJson(request.variablesJson())
                .build();

        return publisher.publish(Topics.CHAT_REQUESTS, sessionKey, event)
                .thenCompose(published -> queries.await(sessionKey, properties.outcomeWait()))
                .thenApply(lookup -> answer(lookup, fingerprint))
                .exceptionally(error -> {
                    LOG.warn("Chat session request {} failed: {}", sessionKey, error.toString());
                    return ChatError.unavailable("The session service is unavailable; retry the request");
                });
    }

    private ResponseEntity<Object> answer(SessionLookup lookup, String fingerprint) {
        if (!(lookup instanceof SessionLookup.Found found)) {
            return ChatError.unavailable("The session was not created in time; retry the request with the same "
                    + "Idempotency-Key");
        }
        SessionEvent event = found.event();
        if (!fingerprint.equals(event.getRequestFingerprint())) {
            return ChatError.response(422, "validation_failed",
                    "This Idempotency-Key was already used with a different request",
                    Map.of("Idempotency-Key", "already used with a different request body"));
        }
        if (event.getPayload() instanceof SessionRejected rejected) {
            Map<String, String> details = new LinkedHashMap<>();
            for (RejectionReason reason : rejected.getReasons()) {
                details.put(reason.getField(), reason.getMessage());
            }
            return ChatError.response(rejected.getHttpStatus(), rejected.getCode(), rejected.getMessage(),
                    details.isEmpty() ? null : details);
        }
        SessionCreated created = (SessionCreated) event.getPayload();
        String token = tokens.issue(new SessionTokenClaims("chat", event.getSessionKey(), created.getSessionId(),
                event.getTenantId(), created.getCreatedAt(), created.getExpiresAt()));
        return ResponseEntity.ok(ChatSessionResponse.of(token, created.getSessionId(), created.getExpiresAt(),
                (ChatSessionDetails) created.getDetails()));
    }

    private static CompletableFuture<ResponseEntity<Object>> done(ResponseEntity<Object> response) {
        return CompletableFuture.completedFuture(response);
    }
}
