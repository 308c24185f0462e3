package io.sessionflow.api.algoreg;

import java.io.IOException;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

import io.sessionflow.api.CreateAnswers;
import io.sessionflow.api.CreateCalls;
import io.sessionflow.api.CreateRequestChecks;
import io.sessionflow.api.Parsed;
import io.sessionflow.api.SessionKeys;
import io.sessionflow.api.SessionKeys.RequestFingerprint;
import io.sessionflow.api.SessionRequests.RequestIdentity;
import io.sessionflow.projections.algoreg.AlgoregCustomerReferences;
import io.sessionflow.projections.query.SessionLookup;
import io.sessionflow.projections.query.SessionQueries;
import io.sessionflow.schemas.SessionState;
import io.sessionflow.schemas.Topics;
import io.sessionflow.schemas.algoreg.AlgoregInputData;
import io.sessionflow.schemas.algoreg.AlgoregSessionDetails;
import io.sessionflow.schemas.algoreg.AlgoregSessionRequested;
import io.sessionflow.schemas.events.Provider;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Algoreg's session API below {@code /algoreg}: authenticates the caller against the catalog
 * before anything else, then
 * <ul>
 *   <li>{@code POST /api/v1/session}: shape-checks the body, publishes an {@code AlgoregSessionRequested}
 *   to {@code sessionflow.algoreg.requests} and answers from the outcome the projections store for it;</li>
 *   <li>{@code GET /api/v1/session/{session_id}}: the session from the projections' sessions-by-key
 *   store (routed to the instance that owns it) and its customer reference from the global store of
 *   {@code sessionflow.algoreg.customer-references}, for the caller's tenant only.</li>
 * </ul>
 * Every error has the body of {@link AlgoregError}.
 */
@RestController
public class AlgoregSessionController {

    public static final String PATH = "/algoreg/api/v1/session";
    private static final Pattern UUID_TEXT =
            Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    private final AlgoregAuthenticator authenticator;
    private final AlgoregSessionRequestParser parser;
    private final CreateCalls calls;
    private final SessionQueries queries;
    private final AlgoregCustomerReferences references;

    public AlgoregSessionController(
            AlgoregAuthenticator authenticator,
            AlgoregSessionRequestParser parser,
            CreateCalls calls,
            SessionQueries queries,
            AlgoregCustomerReferences references) {
        this.authenticator = authenticator;
        this.parser = parser;
        this.calls = calls;
        this.queries = queries;
        this.references = references;
    }

    @PostMapping(PATH)
    public CompletableFuture<ResponseEntity<Object>> generate(
            HttpServletRequest http,
            @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestHeader(value = "Idempotency-Key", required = false) String idempotencyKey)
            throws IOException {
        AlgoregAuthenticator.Result caller = authenticator.authenticate(authorization);
        if (!(caller instanceof AlgoregAuthenticator.Authenticated authenticated)) {
            return CreateAnswers.now(refusal(caller));
        }
        CreateRequestChecks.Checked checked = AlgoregCreateAnswers.INSTANCE.check(
                http, idempotencyKey, calls.properties().maxBodyBytes());
        if (!(checked instanceof CreateRequestChecks.Body body)) {
            return CreateAnswers.now(((CreateRequestChecks.Refused) checked).response());
        }
        Parsed<AlgoregSessionRequest> parsed = parser.parse(body.bytes());
        if (parsed instanceof AlgoregSessionRequestParser.Invalid invalid) {
            return CreateAnswers.now(
                    AlgoregError.response(invalid.status(), invalid.code(), invalid.message(), invalid.details()));
        }
        AlgoregSessionRequest request = ((Parsed.Valid<AlgoregSessionRequest>) parsed).value();
        String tenantId = authenticated.tenantId();

        String sessionKey = idempotencyKey == null
                ? SessionKeys.newKey()
                : calls.keys().derivedKey("algoreg", tenantId, idempotencyKey);
        RequestFingerprint fingerprint = fingerprint(tenantId, idempotencyKey, request);
        AlgoregSessionRequested event = AlgoregSessionRequested.newBuilder()
                .setSessionKey(sessionKey)
                .setRequestKey(sessionKey)
                .setRequestedAt(Instant.now())
                .setRequestFingerprint(fingerprint.value())
                .setTenantId(tenantId)
                .setScenarioCode(request.scenarioCode())
                .setLanguage(request.language())
                .setExternalId(request.externalId())
                .setInputData(inputData(request.inputData()))
                .build();
        return calls.sessions()
                .submit(
                        Topics.ALGOREG_REQUESTS,
                        new RequestIdentity(tenantId, sessionKey, sessionKey, fingerprint),
                        event)
                .thenApply(outcome ->
                        AlgoregCreateAnswers.INSTANCE.answer(outcome, session -> generated(session, request)));
    }

    @GetMapping(PATH + "/{sessionId}")
    public CompletableFuture<ResponseEntity<Object>> session(
            @PathVariable String sessionId,
            @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        AlgoregAuthenticator.Result caller = authenticator.authenticate(authorization);
        if (!(caller instanceof AlgoregAuthenticator.Authenticated authenticated)) {
            return CreateAnswers.now(refusal(caller));
        }
        if (!UUID_TEXT.matcher(sessionId).matches()) {
            return CreateAnswers.now(AlgoregError.invalidRequest(
                    "session_id must be a UUID",
                    Map.of("session_id", "must be a UUID: 8-4-4-4-12 hexadecimal digits")));
        }
        String sessionKey = sessionId.toLowerCase(Locale.ROOT);
        return queries.session(sessionKey, calls.properties().outcomeWait())
                .thenCompose(lookup -> view(lookup, authenticated.tenantId()))
                .exceptionally(error -> AlgoregError.unavailable("The session cannot be read right now; retry"));
    }

    private CompletableFuture<ResponseEntity<Object>> view(SessionLookup lookup, String tenantId) {
        if (lookup instanceof SessionLookup.Unavailable) {
            return CreateAnswers.now(AlgoregError.unavailable("The session cannot be read right now; retry"));
        }
        if (!(lookup instanceof SessionLookup.Found found)
                || found.event().getProvider() != Provider.ALGOREG
                || !tenantId.equals(found.event().getTenantId())) {
            return CreateAnswers.now(AlgoregError.sessionNotFound());
        }
        SessionState session = SessionState.of(found.event()).orElse(null);
        if (session == null || !(session.details() instanceof AlgoregSessionDetails algoreg)) {
            return CreateAnswers.now(AlgoregError.sessionNotFound());
        }
        if (algoreg.getOrphan()) {
            return CreateAnswers.now(ResponseEntity.ok(view(session, null, algoreg)));
        }
        return references
                .await(session.event().getSessionKey(), calls.properties().outcomeWait())
                .thenApply(reference -> reference
                        .filter(r -> tenantId.equals(r.getTenantId()))
                        .<ResponseEntity<Object>>map(
                                r -> ResponseEntity.ok(view(session, r.getCustomerReference(), algoreg)))
                        .orElseGet(() -> AlgoregError.unavailable(
                                "The session's customer reference cannot be read right " + "now; retry")));
    }

    private static AlgoregSessionView view(
            SessionState session, String customerReference, AlgoregSessionDetails details) {
        String state =
                Instant.now().isBefore(session.expiresAt()) ? AlgoregSessionView.OPENED : AlgoregSessionView.EXPIRED;
        return new AlgoregSessionView(
                session.event().getSessionKey(),
                customerReference,
                details.getScenarioCode(),
                details.getLanguage(),
                state,
                session.createdAt().getEpochSecond(),
                session.expiresAt().getEpochSecond());
    }

    /** The answer's customer reference is this request's: a replay has the same fingerprint, hence the same one. */
    private static ResponseEntity<Object> generated(SessionState session, AlgoregSessionRequest request) {
        return ResponseEntity.ok(new AlgoregSessionResponse(
                session.sessionId(), request.externalId(), session.createdAt().getEpochSecond()));
    }

    /** Everything that defines the request ({@link SessionKeys#fingerprint} keys it). */
    private RequestFingerprint fingerprint(String tenantId, String idempotencyKey, AlgoregSessionRequest request) {
        AlgoregSessionRequest.InputData data = request.inputData() == null
                ? new AlgoregSessionRequest.InputData(null, null, null, null, null, null, null, null)
                : request.inputData();
        return calls.keys()
                .fingerprint(
                        idempotencyKey,
                        "algoreg",
                        tenantId,
                        request.scenarioCode(),
                        request.language(),
                        request.externalId(),
                        data.firstname(),
                        data.lastname(),
                        data.phone(),
                        data.birthdate(),
                        data.address(),
                        data.zip(),
                        data.country(),
                        data.city());
    }

    private static AlgoregInputData inputData(AlgoregSessionRequest.InputData data) {
        if (data == null) {
            return null;
        }
        return AlgoregInputData.newBuilder()
                .setFirstname(data.firstname())
                .setLastname(data.lastname())
                .setPhone(data.phone())
                .setBirthdate(data.birthdate())
                .setAddress(data.address())
                .setZip(data.zip())
                .setCountry(data.country())
                .setCity(data.city())
                .build();
    }

    private static ResponseEntity<Object> refusal(AlgoregAuthenticator.Result result) {
        if (result instanceof AlgoregAuthenticator.Refused refused) {
            return AlgoregError.unauthorized(refused.message());
        }
        return AlgoregError.unavailable("The service is starting; retry");
    }
}
