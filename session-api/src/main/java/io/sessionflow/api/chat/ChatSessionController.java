package io.sessionflow.api.chat;

import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import io.sessionflow.api.CreateAnswers;
import io.sessionflow.api.CreateCalls;
import io.sessionflow.api.CreateRequestChecks;
import io.sessionflow.api.Parsed;
import io.sessionflow.api.SessionKeys;
import io.sessionflow.api.SessionKeys.RequestFingerprint;
import io.sessionflow.api.SessionRequests.RequestIdentity;
import io.sessionflow.api.tokens.SessionTokenClaims;
import io.sessionflow.api.tokens.SessionTokens;
import io.sessionflow.schemas.SessionState;
import io.sessionflow.schemas.Topics;
import io.sessionflow.schemas.chat.ChatSessionDetails;
import io.sessionflow.schemas.chat.ChatSessionRequested;
import io.sessionflow.schemas.events.SessionEvent;
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
    private final CreateCalls calls;
    private final SessionTokens tokens;

    public ChatSessionController(ChatSessionRequestParser parser, CreateCalls calls, SessionTokens tokens) {
        this.parser = parser;
        this.calls = calls;
        this.tokens = tokens;
    }

    @PostMapping(PATH)
    public CompletableFuture<ResponseEntity<Object>> createSession(
            HttpServletRequest http,
            @RequestHeader(value = HttpHeaders.ORIGIN, required = false) String origin,
            @RequestHeader(value = "Idempotency-Key", required = false) String idempotencyKey)
            throws IOException {
        CreateRequestChecks.Checked checked = ChatCreateAnswers.INSTANCE.check(
                http, idempotencyKey, calls.properties().maxBodyBytes());
        if (!(checked instanceof CreateRequestChecks.Body body)) {
            return CreateAnswers.now(((CreateRequestChecks.Refused) checked).response());
        }
        Parsed<ChatSessionRequest> parsed = parser.parse(body.bytes());
        if (parsed instanceof ChatSessionRequestParser.Invalid invalid) {
            return CreateAnswers.now(
                    ChatError.response(invalid.status(), invalid.error(), invalid.message(), invalid.details()));
        }
        ChatSessionRequest request = ((Parsed.Valid<ChatSessionRequest>) parsed).value();

        RequestFingerprint fingerprint = calls.keys()
                .fingerprint(
                        idempotencyKey,
                        request.publicKey(),
                        request.customerId(),
                        request.locale(),
                        request.variablesJson(),
                        origin);
        String sessionKey = idempotencyKey == null
                ? SessionKeys.newKey()
                : calls.keys().derivedKey("chat", request.publicKey(), idempotencyKey);
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
        return calls.sessions()
                .submit(
                        Topics.CHAT_REQUESTS,
                        new RequestIdentity(request.publicKey(), sessionKey, sessionKey, fingerprint),
                        event)
                .thenApply(outcome -> ChatCreateAnswers.INSTANCE.answer(outcome, this::created));
    }

    private ResponseEntity<Object> created(SessionState session) {
        SessionEvent event = session.event();
        String token = tokens.issue(new SessionTokenClaims(
                "chat",
                event.getSessionKey(),
                session.sessionId(),
                event.getTenantId(),
                session.createdAt(),
                session.expiresAt()));
        return ResponseEntity.ok(ChatSessionResponse.of(
                token, session.sessionId(), session.expiresAt(), (ChatSessionDetails) session.details()));
    }
}
