package io.sessionflow.chat;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import io.sessionflow.api.ApiProperties;
import io.sessionflow.api.RequestBodies;
import io.sessionflow.api.SessionKeys;
import io.sessionflow.api.SessionKeys.RequestFingerprint;
import io.sessionflow.api.SessionRequests;
import io.sessionflow.api.SessionRequests.RequestIdentity;
import io.sessionflow.api.Surface;
import io.sessionflow.api.SurfaceErrors;
import io.sessionflow.schemas.Topics;
import io.sessionflow.schemas.chat.ChatSessionDetails;
import io.sessionflow.schemas.chat.ChatSessionRequested;
import io.sessionflow.schemas.events.SessionCreated;
import io.sessionflow.schemas.events.SessionEvent;
import io.sessionflow.schemas.events.SessionRejected;
import io.sessionflow.tokens.SessionTokenClaims;
import io.sessionflow.tokens.SessionTokens;
import jakarta.servlet.http.HttpServletRequest;
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

    private final ChatSessionRequestParser parser;
    private final SessionRequests sessions;
    private final SessionTokens tokens;
    private final SessionKeys keys;
    private final ApiProperties properties;

    public ChatSessionController(ChatSessionRequestParser parser, SessionRequests sessions, SessionTokens tokens,
                                 SessionKeys keys, ApiProperties properties) {
        this.parser = parser;
        this.sessions = sessions;
        this.tokens = tokens;
        this.keys = keys;
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
        String keyProblem = SessionKeys.idempotencyKeyProblem(idempotencyKey);
        if (keyProblem != null) {
            return done(ChatError.invalidInput(keyProblem));
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

        RequestFingerprint fingerprint = keys.fingerprint(idempotencyKey, request.publicKey(), request.customerId(),
                request.locale(), request.variablesJson(), origin);
        String sessionKey = idempotencyKey == null ? SessionKeys.newKey()
                : keys.derivedKey("chat", request.publicKey(), idempotencyKey);
        ChatSessionRequested event = ChatSessionRequested.newBuilder()
                .setSessionKey(sessionKey)
                .setRequestedAt(Instant.now())
                .setRequestFingerprint(fingerprint.value())
                .setPublicKey(request.publicKey())
                .setOrigin(origin)
                .setCustomerId(request.customerId())
                .setLocale(request.locale())
                .setVariablesJson(request.variablesJson())
                .build();
        return sessions.submit(Topics.CHAT_REQUESTS,
                        new RequestIdentity(request.publicKey(), sessionKey, sessionKey, fingerprint), event)
                .thenApply(this::answer);
    }

    private ResponseEntity<Object> answer(SessionRequests.Outcome outcome) {
        if (outcome instanceof SessionRequests.Limited limited) {
            return SurfaceErrors.tooManyRequests(Surface.CHAT, limited.retryAfter());
        }
        if (outcome instanceof SessionRequests.Conflict) {
            return ChatError.response(422, "validation_failed",
                    "This Idempotency-Key was already used with a different request",
                    Map.of("Idempotency-Key", "already used with a different request body"));
        }
        if (!(outcome instanceof SessionRequests.Answered answered)) {
            return ChatError.unavailable("The session was not created in time; retry the request with the same "
                    + "Idempotency-Key");
        }
        SessionEvent event = answered.event();
        if (event.getPayload() instanceof SessionRejected rejected) {
            Map<String, String> details = SessionRequests.reasonsByField(rejected);
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
