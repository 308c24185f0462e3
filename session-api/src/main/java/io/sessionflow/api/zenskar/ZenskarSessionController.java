package io.sessionflow.api.zenskar;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import io.sessionflow.api.CreateAnswers;
import io.sessionflow.api.CreateCalls;
import io.sessionflow.api.Parsed;
import io.sessionflow.api.RequestBodies;
import io.sessionflow.api.SessionKeys;
import io.sessionflow.api.SessionKeys.RequestFingerprint;
import io.sessionflow.api.SessionRequests.RequestIdentity;
import io.sessionflow.api.tokens.OpaqueTokenSubject;
import io.sessionflow.api.tokens.SessionTokens;
import io.sessionflow.projections.catalog.CatalogQueries.CatalogUnavailableException;
import io.sessionflow.schemas.SessionState;
import io.sessionflow.schemas.Topics;
import io.sessionflow.schemas.events.SessionEvent;
import io.sessionflow.schemas.zenskar.ZenskarSessionDetails;
import io.sessionflow.schemas.zenskar.ZenskarSessionRequested;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /zenskar/customers/session}: authenticates the caller's organisation, validates the
 * body as Zenskar does, publishes a {@code ZenskarSessionRequested} to
 * {@code sessionflow.zenskar.requests} and answers from the outcome the projections store for it
 * (a bounded wait). The session key is derived from organisation and {@code session_key} when one
 * is sent, so the same key reaches the same session; the session token is computed here from the
 * outcome with the server's token key, so it is the same on every answer for a session and never
 * travels on a topic. {@code return_url} and {@code session_key} stay in this request: the redirect
 * URL is built from the outcome's portal and session id and the request's own return URL.
 */
@RestController
public class ZenskarSessionController {

    public static final String PATH = "/zenskar/customers/session";
    static final String PROVIDER = "zenskar";

    private final ZenskarAuthenticator authenticator;
    private final ZenskarSessionRequestParser parser;
    private final CreateCalls calls;
    private final SessionTokens tokens;

    public ZenskarSessionController(
            ZenskarAuthenticator authenticator,
            ZenskarSessionRequestParser parser,
            CreateCalls calls,
            SessionTokens tokens) {
        this.authenticator = authenticator;
        this.parser = parser;
        this.calls = calls;
        this.tokens = tokens;
    }

    @PostMapping(PATH)
    public CompletableFuture<ResponseEntity<Object>> createSession(
            HttpServletRequest http,
            @RequestHeader(value = "x-api-key", required = false) String apiKey,
            @RequestHeader(value = "organisation", required = false) String organisation,
            @RequestHeader(value = "Idempotency-Key", required = false) String idempotencyKey)
            throws IOException {
        ZenskarAuthenticator.Result auth;
        try {
            auth = authenticator.authenticate(apiKey, organisation);
        } catch (CatalogUnavailableException starting) {
            return CreateAnswers.now(ZenskarErrors.unavailable("The service is starting; retry shortly"));
        }
        if (auth instanceof ZenskarAuthenticator.Unauthenticated unauthenticated) {
            return CreateAnswers.now(ZenskarErrors.detail(401, unauthenticated.message()));
        }
        if (!(auth instanceof ZenskarAuthenticator.Authenticated authenticated)) {
            return CreateAnswers.now(ZenskarErrors.forbidden());
        }
        String organisationId = authenticated.organisation().getOrganisationId();

        Optional<byte[]> body = RequestBodies.read(http, calls.properties().maxBodyBytes());
        if (body.isEmpty()) {
            return CreateAnswers.now(ZenskarErrors.detail(
                    413, "Request body exceeds " + calls.properties().maxBodyBytes() + " bytes"));
        }
        Parsed<ZenskarSessionRequest> parsed =
                parser.parse(body.get(), RequestBodies.isJsonOrAbsent(http.getContentType()));
        if (parsed instanceof ZenskarSessionRequestParser.Invalid invalid && invalid.status() != 422) {
            return CreateAnswers.now(ZenskarErrors.detail(invalid.status(), invalid.detail()));
        }
        List<ZenskarValidationError> errors = new ArrayList<>();
        String keyProblem = SessionKeys.idempotencyKeyProblem(idempotencyKey);
        if (parsed instanceof ZenskarSessionRequestParser.Invalid invalid) {
            if (keyProblem != null && !invalid.undecodable()) {
                errors.add(ZenskarCreateAnswers.idempotencyKeyError("Value error, " + keyProblem));
            }
            errors.addAll(invalid.errors());
        } else if (keyProblem != null) {
            errors.add(ZenskarCreateAnswers.idempotencyKeyError("Value error, " + keyProblem));
        }
        if (!errors.isEmpty()) {
            return CreateAnswers.now(ZenskarErrors.validation(errors));
        }
        ZenskarSessionRequest request = ((Parsed.Valid<ZenskarSessionRequest>) parsed).value();

        RequestIdentity identity = identity(calls.keys(), organisationId, request, idempotencyKey);
        ZenskarSessionRequested event = ZenskarSessionRequested.newBuilder()
                .setSessionKey(identity.sessionKey())
                .setRequestKey(identity.requestKey())
                .setRequestedAt(Instant.now())
                .setRequestFingerprint(identity.fingerprint().value())
                .setOrganisationId(organisationId)
                .setCustomerId(request.customerId())
                .setIsGuestSession(request.isGuestSession())
                .setIdleTimeoutSeconds(request.idleTimeoutSeconds())
                .build();
        return calls.sessions()
                .submit(Topics.ZENSKAR_REQUESTS, identity, event)
                .thenApply(
                        outcome -> ZenskarCreateAnswers.INSTANCE.answer(outcome, session -> created(session, request)));
    }

    /**
     * Session key: derived from organisation and {@code session_key} (the same key, the same
     * session); else from the Idempotency-Key (a retry reaches the same partition and answer); else
     * new. Request key: derived from the Idempotency-Key and the session key when a key is sent; else the
     * session key, or a new key when {@code session_key} names a session that many requests may reach.
     */
    static RequestIdentity identity(
            SessionKeys keys, String organisationId, ZenskarSessionRequest request, String idempotencyKey) {
        String sessionKey;
        if (request.sessionKey() != null) {
            sessionKey = keys.derivedKey(PROVIDER, organisationId, request.sessionKey());
        } else if (idempotencyKey != null) {
            sessionKey = keys.derivedKey(PROVIDER + "-idempotent-session", organisationId, idempotencyKey);
        } else {
            sessionKey = SessionKeys.newKey();
        }
        String requestKey;
        if (idempotencyKey != null) {
            requestKey = keys.requestKey(PROVIDER, organisationId, sessionKey, idempotencyKey);
        } else {
            requestKey = request.sessionKey() != null ? SessionKeys.newKey() : sessionKey;
        }
        RequestFingerprint fingerprint = keys.fingerprint(
                idempotencyKey,
                organisationId,
                request.customerId(),
                request.isGuestSession(),
                request.returnUrl(),
                request.idleTimeoutSeconds(),
                request.sessionKey());
        return new RequestIdentity(organisationId, sessionKey, requestKey, fingerprint);
    }

    private ResponseEntity<Object> created(SessionState session, ZenskarSessionRequest request) {
        SessionEvent event = session.event();
        ZenskarSessionDetails details = (ZenskarSessionDetails) session.details();
        String token = tokens.issueOpaque(
                new OpaqueTokenSubject(PROVIDER, event.getTenantId(), event.getSessionKey(), session.sessionId()));
        return ResponseEntity.ok(new ZenskarSessionResponse(
                ZenskarSessionResponse.redirectUrl(details.getPortalUrl(), session.sessionId(), request.returnUrl()),
                token,
                details.getIsGuestSession()));
    }
}
