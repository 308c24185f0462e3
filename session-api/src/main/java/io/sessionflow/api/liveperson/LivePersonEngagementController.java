package io.sessionflow.api.liveperson;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import io.sessionflow.api.CreateAnswers;
import io.sessionflow.api.CreateCalls;
import io.sessionflow.api.CreateRequestChecks;
import io.sessionflow.api.Parsed;
import io.sessionflow.api.SessionKeys;
import io.sessionflow.api.SessionKeys.RequestFingerprint;
import io.sessionflow.api.SessionRequests.RequestIdentity;
import io.sessionflow.api.liveperson.LivePersonBodies.AppDetails;
import io.sessionflow.api.liveperson.LivePersonBodies.CreateBody;
import io.sessionflow.api.liveperson.LivePersonBodies.Impression;
import io.sessionflow.api.liveperson.LivePersonBodies.UpdateBody;
import io.sessionflow.api.liveperson.LivePersonParameters.Method;
import io.sessionflow.projections.catalog.CatalogQueries;
import io.sessionflow.schemas.SessionState;
import io.sessionflow.schemas.Topics;
import io.sessionflow.schemas.liveperson.LivePersonAccount;
import io.sessionflow.schemas.liveperson.LivePersonAppDetails;
import io.sessionflow.schemas.liveperson.LivePersonCatalogKeys;
import io.sessionflow.schemas.liveperson.LivePersonErrorCodes;
import io.sessionflow.schemas.liveperson.LivePersonImpression;
import io.sessionflow.schemas.liveperson.LivePersonOperation;
import io.sessionflow.schemas.liveperson.LivePersonSessionDetails;
import io.sessionflow.schemas.liveperson.LivePersonSessionRequested;
import io.sessionflow.schemas.secrets.RandomIds;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * LivePerson's App Engagement API below {@code /liveperson}:
 * {@code POST .../api/account/{accountId}/app/engagement/visitors[/{visitorId}]?v=1.0[&sid=]} starts a
 * visit session (or, with {@code sid}, continues it with a new page and a fresh engagement decision);
 * {@code PUT} on the same path with {@code sid} updates it with a page, impression events and SDEs.
 *
 * <p>Checks parameters and body, makes sure the account exists (catalog view, before anything is
 * published), publishes a {@code LivePersonSessionRequested} to {@code sessionflow.liveperson.requests}
 * keyed by the session key derived from (account, sid) and carrying only pseudonyms of sid and
 * visitorId, and answers from the outcome the projections store for the request, with the raw ids
 * this call sent, or was given. Every error, including unknown paths and methods, is LivePerson's
 * {@code {"time", "message", "internalCode"}}.
 */
@RestController
public class LivePersonEngagementController {

    public static final String VISITORS = "/liveperson/api/account/{accountId}/app/engagement/visitors";
    private static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    /** The raw ids of the visit a call is about: sent, generated or derived; only the client gets them back. */
    private record Visit(String sid, String visitorId) {}

    /** What checking a call's parameters, headers and body came to: the parts every call needs, or a refusal. */
    private sealed interface Checks {}

    private record Checked(LivePersonParameters.Valid parameters, String idempotencyKey, byte[] body)
            implements Checks {}

    private record Refused(ResponseEntity<Object> response) implements Checks {}

    private final LivePersonRequestParser parser;
    private final CreateCalls calls;
    private final CatalogQueries catalog;

    public LivePersonEngagementController(LivePersonRequestParser parser, CreateCalls calls, CatalogQueries catalog) {
        this.parser = parser;
        this.calls = calls;
        this.catalog = catalog;
    }

    @PostMapping({VISITORS, VISITORS + "/", VISITORS + "/{visitorId}"})
    public CompletableFuture<ResponseEntity<Object>> createSession(
            HttpServletRequest http,
            @PathVariable String accountId,
            @PathVariable(required = false) String visitorId,
            @RequestHeader(value = IDEMPOTENCY_KEY, required = false) String idempotencyKey) {
        Checks checks = check(Method.POST, http, accountId, visitorId, idempotencyKey);
        if (!(checks instanceof Checked checked)) {
            return CreateAnswers.now(((Refused) checks).response());
        }
        Parsed<CreateBody> parsed = parser.parseCreate(checked.body());
        if (parsed instanceof LivePersonRequestParser.Invalid<CreateBody> invalid) {
            return CreateAnswers.now(LivePersonError.badRequest(invalid.internalCode(), invalid.message()));
        }
        CreateBody body = ((Parsed.Valid<CreateBody>) parsed).value();
        Optional<ResponseEntity<Object>> noAccount = accountRefusal(accountId);
        if (noAccount.isPresent()) {
            return CreateAnswers.now(noAccount.get());
        }

        LivePersonParameters.Valid parameters = checked.parameters();
        boolean start = parameters.sid() == null;
        Visit visit = new Visit(
                start ? newId("sid", accountId, idempotencyKey) : parameters.sid(),
                parameters.visitorId() != null ? parameters.visitorId() : newId("visitor", accountId, idempotencyKey));
        RequestFingerprint fingerprint = calls.keys()
                .fingerprint(
                        idempotencyKey,
                        Method.POST,
                        accountId,
                        parameters.visitorId(),
                        parameters.sid(),
                        body.canonicalJson());
        LivePersonSessionRequested.Builder event = request(
                        checked, visit, start ? LivePersonOperation.START : LivePersonOperation.RESUME, fingerprint)
                .setAppType(body.appType())
                .setAppDetails(appDetails(body.appDetails()))
                .setConsumerSections(body.consumerSections())
                .setSdeTypes(body.engagementAttributes().types())
                .setEngagementAttributesJson(body.engagementAttributes().json());
        return submit(event.build(), fingerprint, visit, true);
    }

    @PutMapping({VISITORS, VISITORS + "/", VISITORS + "/{visitorId}"})
    public CompletableFuture<ResponseEntity<Object>> updateSession(
            HttpServletRequest http,
            @PathVariable String accountId,
            @PathVariable(required = false) String visitorId,
            @RequestHeader(value = IDEMPOTENCY_KEY, required = false) String idempotencyKey) {
        Checks checks = check(Method.PUT, http, accountId, visitorId, idempotencyKey);
        if (!(checks instanceof Checked checked)) {
            return CreateAnswers.now(((Refused) checks).response());
        }
        Parsed<UpdateBody> parsed = parser.parseUpdate(checked.body());
        if (parsed instanceof LivePersonRequestParser.Invalid<UpdateBody> invalid) {
            return CreateAnswers.now(LivePersonError.badRequest(invalid.internalCode(), invalid.message()));
        }
        UpdateBody body = ((Parsed.Valid<UpdateBody>) parsed).value();
        Optional<ResponseEntity<Object>> noAccount = accountRefusal(accountId);
        if (noAccount.isPresent()) {
            return CreateAnswers.now(noAccount.get());
        }

        LivePersonParameters.Valid parameters = checked.parameters();
        Visit visit = new Visit(parameters.sid(), parameters.visitorId());
        RequestFingerprint fingerprint = calls.keys()
                .fingerprint(
                        idempotencyKey,
                        Method.PUT,
                        accountId,
                        parameters.visitorId(),
                        parameters.sid(),
                        body.canonicalJson());
        LivePersonSessionRequested.Builder event = request(checked, visit, LivePersonOperation.UPDATE, fingerprint)
                .setPageId(body.pageId())
                .setImpressions(body.impressions().stream()
                        .map(LivePersonEngagementController::impression)
                        .toList())
                .setSdeTypes(body.engagementAttributes().types())
                .setEngagementAttributesJson(body.engagementAttributes().json());
        return submit(event.build(), fingerprint, visit, false);
    }

    private Checks check(
            Method method, HttpServletRequest http, String accountId, String visitorId, String idempotencyKey) {
        LivePersonParameters.Result parameters =
                LivePersonParameters.check(method, accountId, visitorId, http.getQueryString());
        if (parameters instanceof LivePersonParameters.Invalid invalid) {
            return new Refused(LivePersonError.badRequest(invalid.internalCode(), invalid.message()));
        }
        CreateRequestChecks.Checked body;
        try {
            body = LivePersonCreateAnswers.INSTANCE.check(
                    http, idempotencyKey, calls.properties().maxBodyBytes());
        } catch (IOException unreadable) {
            return new Refused(
                    LivePersonError.badRequest(LivePersonErrorCodes.MALFORMED_BODY, "Request body could not be read"));
        }
        if (body instanceof CreateRequestChecks.Refused refused) {
            return new Refused(refused.response());
        }
        return new Checked(
                (LivePersonParameters.Valid) parameters, idempotencyKey, ((CreateRequestChecks.Body) body).bytes());
    }

    /** The account must exist before anything is published; LivePerson names no caller authentication. */
    private Optional<ResponseEntity<Object>> accountRefusal(String accountId) {
        try {
            if (catalog.get(LivePersonCatalogKeys.account(accountId), LivePersonAccount.class)
                    .isEmpty()) {
                return Optional.of(LivePersonError.response(
                        HttpStatus.NOT_FOUND.value(), LivePersonErrorCodes.ACCOUNT_NOT_FOUND, "Account not found"));
            }
            return Optional.empty();
        } catch (CatalogQueries.CatalogUnavailableException starting) {
            return Optional.of(LivePersonError.unavailable("The service is starting; retry the request"));
        }
    }

    /**
     * A new sid or visitorId: random, or derived by HMAC under the server's id key from the
     * Idempotency-Key, so that a retried first call lands on the same session while nobody can
     * compute the ids of someone else's visit (they are the visit's only capability).
     */
    private String newId(String kind, String accountId, String idempotencyKey) {
        return idempotencyKey == null
                ? RandomIds.source().get().toString()
                : calls.keys().derivedKey("liveperson-" + kind, accountId, idempotencyKey);
    }

    /**
     * The request event: keyed by the session key derived from (account, sid), and carrying only
     * pseudonyms of sid and visitorId, since its answers go to the public session-events topic and
     * the raw ids are what a continue or update call is allowed with.
     */
    private LivePersonSessionRequested.Builder request(
            Checked checked, Visit visit, LivePersonOperation operation, RequestFingerprint fingerprint) {
        String accountId = checked.parameters().accountId();
        String idempotencyKey = checked.idempotencyKey();
        String sessionKey = calls.keys().derivedKey("liveperson", accountId, visit.sid());
        return LivePersonSessionRequested.newBuilder()
                .setSessionKey(sessionKey)
                .setRequestKey(
                        idempotencyKey == null
                                ? SessionKeys.newKey()
                                : calls.keys().requestKey("liveperson", accountId, sessionKey, idempotencyKey))
                .setRequestedAt(Instant.now())
                .setRequestFingerprint(fingerprint.value())
                .setOperation(operation)
                .setAccountId(accountId)
                .setVisitorId(calls.keys().pseudonym("liveperson-visitor", accountId, visit.visitorId()))
                .setSessionId(calls.keys().pseudonym("liveperson-sid", accountId, visit.sid()));
    }

    private CompletableFuture<ResponseEntity<Object>> submit(
            LivePersonSessionRequested event, RequestFingerprint fingerprint, Visit visit, boolean create) {
        RequestIdentity identity =
                new RequestIdentity(event.getAccountId(), event.getSessionKey(), event.getRequestKey(), fingerprint);
        return calls.sessions()
                .submit(Topics.LIVEPERSON_REQUESTS, identity, event)
                .thenApply(outcome ->
                        LivePersonCreateAnswers.INSTANCE.answer(outcome, session -> decided(session, visit, create)));
    }

    /** The details hold pseudonyms: the caller gets the raw ids of its own call. */
    private static ResponseEntity<Object> decided(SessionState session, Visit visit, boolean create) {
        if (!create) {
            return ResponseEntity.ok().build();
        }
        return ResponseEntity.ok(LivePersonEngagementResponse.of(
                visit.sid(), visit.visitorId(), (LivePersonSessionDetails) session.details()));
    }

    private static LivePersonAppDetails appDetails(AppDetails details) {
        return details == null
                ? null
                : LivePersonAppDetails.newBuilder()
                        .setAppVersion(details.appVersion())
                        .setOsVersion(details.osVersion())
                        .setDeviceFamily(details.deviceFamily())
                        .setOs(details.os())
                        .setIpAddress(details.ipAddress())
                        .build();
    }

    private static LivePersonImpression impression(Impression impression) {
        return LivePersonImpression.newBuilder()
                .setType(impression.type())
                .setCampaignId(impression.campaignId())
                .setEngagementId(impression.engagementId())
                .setRevision(impression.revision())
                .setContextId(impression.contextId())
                .build();
    }
}
