package io.sessionflow.zenskar;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
import io.sessionflow.catalog.CatalogQueries.CatalogUnavailableException;
import io.sessionflow.schemas.Topics;
import io.sessionflow.schemas.events.RejectionReason;
import io.sessionflow.schemas.events.SessionCreated;
import io.sessionflow.schemas.events.SessionEvent;
import io.sessionflow.schemas.events.SessionRejected;
import io.sessionflow.schemas.events.SessionResumed;
import io.sessionflow.schemas.zenskar.ZenskarSessionDetails;
import io.sessionflow.schemas.zenskar.ZenskarSessionRequested;
import io.sessionflow.tokens.OpaqueTokenSubject;
import io.sessionflow.tokens.SessionTokens;
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
    private final SessionRequests sessions;
    private final SessionTokens tokens;
    private final SessionKeys keys;
    private final ApiProperties properties;

    public ZenskarSessionController(ZenskarAuthenticator authenticator, ZenskarSessionRequestParser parser,
                                    SessionRequests sessions, SessionTokens tokens, SessionKeys keys,
                                    ApiProperties properties) {
        this.authenticator = authenticator;
        this.parser = parser;
        this.sessions = sessions;
        this.tokens = tokens;
        this.keys = keys;
        this.properties = properties;
    }

    @PostMapping(PATH)
    public CompletableFuture<ResponseEntity<Object>> createSession(
            HttpServletRequest http,
            @RequestHeader(value = "x-api-key", required = false) String apiKey,
            @RequestHeader(value = "organisation", required = false) String organisation,
            @RequestHeader(value = "Idempotency-Key", required = false) String idempotencyKey) throws IOException {
        ZenskarAuthenticator.Result auth;
        try {
            auth = authenticator.authenticate(apiKey, organisation);
        } catch (CatalogUnavailableException starting) {
            return done(ZenskarErrors.unavailable("The service is starting; retry shortly"));
        }
        if (auth instanceof ZenskarAuthenticator.Unauthenticated unauthenticated) {
            return done(ZenskarErrors.detail(401, unauthenticated.message()));
        }
        if (!(auth instanceof ZenskarAuthenticator.Authenticated authenticated)) {
            return done(ZenskarErrors.forbidden());
        }
        String organisationId = authenticated.organisation().getOrganisationId();

        Optional<byte[]> body = RequestBodies.read(http, properties.maxBodyBytes());
        if (body.isEmpty()) {
            return done(ZenskarErrors.detail(413, "Request body exceeds " + properties.maxBodyBytes() + " bytes"));
        }
        ZenskarSessionRequestParser.Result parsed =
                parser.parse(body.get(), RequestBodies.isJsonOrAbsent(http.getContentType()));
        if (parsed instanceof ZenskarSessionRequestParser.Invalid invalid && invalid.status() != 422) {
            return done(ZenskarErrors.detail(invalid.status(), invalid.detail()));
        }
        List<ZenskarValidationError> errors = new ArrayList<>();
        String keyProblem = SessionKeys.idempotencyKeyProblem(idempotencyKey);
        if (parsed instanceof ZenskarSessionRequestParser.Invalid invalid) {
            if (keyProblem != null && !invalid.undecodable()) {
                errors.add(idempotencyKeyError("Value error, " + keyProblem));
            }
            errors.addAll(invalid.errors());
        } else if (keyProblem != null) {
            errors.add(idempotencyKeyError("Value error, " + keyProblem));
        }
        if (!errors.isEmpty()) {
            return done(ZenskarErrors.validation(errors));
        }
        ZenskarSessionRequest request = ((ZenskarSessionRequestParser.Valid) parsed).request();

        RequestIdentity identity = identity(keys, organisationId, request, idempotencyKey);
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
        return sessions.submit(Topics.ZENSKAR_REQUESTS, identity, event)
                .thenApply(outcome -> answer(outcome, request));
    }

    /**
     * Session key: derived from organisation and {@code session_key} (the same key, the same
     * session); else from the Idempotency-Key (a retry reaches the same partition and answer); else
     * new. Request key: derived from the Idempotency-Key and the session key when a key is sent; else the
     * session key, or a new key when {@code session_key} names a session that many requests may reach.
     */
    static RequestIdentity identity(SessionKeys keys, String organisationId, ZenskarSessionRequest request,
                                    String idempotencyKey) {
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
        RequestFingerprint fingerprint = keys.fingerprint(idempotencyKey, organisationId, request.customerId(),
                request.isGuestSession(), request.returnUrl(), request.idleTimeoutSeconds(), request.sessionKey());
        return new RequestIdentity(organisationId, sessionKey, requestKey, fingerprint);
    }

    private ResponseEntity<Object> answer(SessionRequests.Outcome outcome, ZenskarSessionRequest request) {
        if (outcome instanceof SessionRequests.Limited limited) {
            return SurfaceErrors.tooManyRequests(Surface.ZENSKAR, limited.retryAfter());
        }
        if (outcome instanceof SessionRequests.Conflict) {
            return ZenskarErrors.validation(List.of(idempotencyKeyError(
                    "Value error, this Idempotency-Key was already used with a different request")));
        }
        if (!(outcome instanceof SessionRequests.Answered answered)) {
            return ZenskarErrors.unavailable("The session was not created in time; retry the request with the same "
                    + "Idempotency-Key");
        }
        SessionEvent event = answered.event();
        if (event.getPayload() instanceof SessionRejected rejected) {
            return rejection(rejected);
        }
        String sessionId;
        ZenskarSessionDetails details;
        if (event.getPayload() instanceof SessionCreated created) {
            sessionId = created.getSessionId();
            details = (ZenskarSessionDetails) created.getDetails();
        } else {
            SessionResumed resumed = (SessionResumed) event.getPayload();
            sessionId = resumed.getSessionId();
            details = (ZenskarSessionDetails) resumed.getDetails();
        }
        String token = tokens.issueOpaque(
                new OpaqueTokenSubject(PROVIDER, event.getTenantId(), event.getSessionKey(), sessionId));
        return ResponseEntity.ok(new ZenskarSessionResponse(
                ZenskarSessionResponse.redirectUrl(details.getPortalUrl(), sessionId, request.returnUrl()),
                token, details.getIsGuestSession()));
    }

    private static ResponseEntity<Object> rejection(SessionRejected rejected) {
        if (rejected.getHttpStatus() == 403) {
            return ZenskarErrors.forbidden();
        }
        if (rejected.getHttpStatus() == 422 && !rejected.getReasons().isEmpty()) {
            List<ZenskarValidationError> errors = new ArrayList<>();
            for (RejectionReason reason : rejected.getReasons()) {
                errors.add(ZenskarValidationError.body(reason.getField(), "value_error", reason.getMessage()));
            }
            return ZenskarErrors.validation(errors);
        }
        return ZenskarErrors.detail(rejected.getHttpStatus(), rejected.getMessage());
    }

    private static ZenskarValidationError idempotencyKeyError(String msg) {
        return ZenskarValidationError.header("idempotency-key", "value_error", msg);
    }

    private static CompletableFuture<ResponseEntity<Object>> done(ResponseEntity<Object> response) {
        return CompletableFuture.completedFuture(response);
    }
}
