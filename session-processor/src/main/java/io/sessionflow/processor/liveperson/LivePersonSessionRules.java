package io.sessionflow.processor.liveperson;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

import io.sessionflow.processor.CatalogView;
import io.sessionflow.processor.ProviderRules;
import io.sessionflow.schemas.Topics;
import io.sessionflow.schemas.events.EngagementAvailable;
import io.sessionflow.schemas.events.ImpressionRecorded;
import io.sessionflow.schemas.events.Provider;
import io.sessionflow.schemas.events.SessionCreated;
import io.sessionflow.schemas.events.SessionEvent;
import io.sessionflow.schemas.events.SessionResumed;
import io.sessionflow.schemas.liveperson.LivePersonAccount;
import io.sessionflow.schemas.liveperson.LivePersonCatalogKeys;
import io.sessionflow.schemas.liveperson.LivePersonEngagementOffer;
import io.sessionflow.schemas.liveperson.LivePersonErrorCodes;
import io.sessionflow.schemas.liveperson.LivePersonImpression;
import io.sessionflow.schemas.liveperson.LivePersonOperation;
import io.sessionflow.schemas.liveperson.LivePersonSessionDetails;
import io.sessionflow.schemas.liveperson.LivePersonSessionRequested;

/**
 * LivePerson app engagement: a session per visit, keyed by (account, sid). Reads the catalog entry
 * {@code liveperson:account:<accountId>} and the session's latest state; writes to
 * {@code sessionflow.session-events}:
 * <ul>
 *   <li>START (POST without sid): {@code SessionCreated} with a new page and the engagement chosen
 *   for the request's sections ({@link EngagementChoice}), plus {@code EngagementAvailable} when
 *   one is offered;</li>
 *   <li>RESUME (POST with sid): {@code SessionResumed} with a new page and a fresh engagement
 *   decision, plus {@code EngagementAvailable};</li>
 *   <li>UPDATE (PUT): {@code SessionResumed} on the page the client names, keeping the engagement,
 *   plus one {@code ImpressionRecorded} per impression event.</li>
 * </ul>
 * An unknown account, a sid naming no live session of the account, or another visitor's session is
 * {@code SessionRejected} (404). Every call slides the session's expiry by the visit lifetime. SDE
 * values never leave the request topic: the details carry only their types. The request's
 * {@code sessionId} and {@code visitorId} are pseudonyms made by the API (a keyed hash per account),
 * never the raw ids a client continues a visit with: they are compared and published as they come.
 * No rejection message repeats a request value: the public topic carries none of the client's text.
 */
public final class LivePersonSessionRules extends ProviderRules<LivePersonSessionRequested> {

    private final Duration sessionTtl;

    /** The state of the live session a RESUME or UPDATE continues. */
    private record LiveSession(
            String sessionId, Instant createdAt, Instant expiresAt, LivePersonSessionDetails details) {

        /** @return the session, or null when {@code event} holds no LivePerson session */
        static LiveSession of(SessionEvent event) {
            if (event == null || event.getProvider() != Provider.LIVEPERSON) {
                return null;
            }
            if (event.getPayload() instanceof SessionCreated created
                    && created.getDetails() instanceof LivePersonSessionDetails details) {
                return new LiveSession(created.getSessionId(), created.getCreatedAt(), created.getExpiresAt(), details);
            }
            if (event.getPayload() instanceof SessionResumed resumed
                    && resumed.getDetails() instanceof LivePersonSessionDetails details) {
                return new LiveSession(resumed.getSessionId(), resumed.getCreatedAt(), resumed.getExpiresAt(), details);
            }
            return null;
        }
    }

    /** @param sessionTtl how long a visit session lives after its latest call */
    public LivePersonSessionRules(Duration sessionTtl, Supplier<UUID> ids) {
        super(Provider.LIVEPERSON, Topics.LIVEPERSON_REQUESTS, ids);
        this.sessionTtl = sessionTtl;
    }

    public Duration sessionTtl() {
        return sessionTtl;
    }

    @Override
    public List<SessionEvent> decide(
            LivePersonSessionRequested request, SessionEvent existing, CatalogView catalog, Instant now) {
        LivePersonAccount account =
                catalog.get(LivePersonCatalogKeys.account(request.getAccountId()), LivePersonAccount.class);
        if (account == null) {
            return List.of(rejected(
                    request,
                    null,
                    now,
                    404,
                    LivePersonErrorCodes.ACCOUNT_NOT_FOUND,
                    "Account not found",
                    "accountId",
                    "no such account"));
        }
        return switch (request.getOperation()) {
            case START -> start(request, account, now);
            case RESUME, UPDATE -> continueSession(request, account, LiveSession.of(existing), now);
            default ->
                List.of(rejected(
                        request,
                        account.getAccountId(),
                        now,
                        400,
                        LivePersonErrorCodes.INVALID_PARAMETER,
                        "Unknown operation",
                        "operation",
                        "must be START, RESUME or UPDATE"));
        };
    }

    private List<SessionEvent> start(LivePersonSessionRequested request, LivePersonAccount account, Instant now) {
        Instant createdAt = now.truncatedTo(ChronoUnit.SECONDS);
        LivePersonSessionDetails details = offered(request, account);
        SessionCreated created = SessionCreated.newBuilder()
                .setSessionId(request.getSessionId())
                .setCreatedAt(createdAt)
                .setExpiresAt(createdAt.plus(sessionTtl))
                .setDetails(details)
                .build();
        return withEngagement(event(request, account.getAccountId(), now, created), request.getSessionId(), details);
    }

    private List<SessionEvent> continueSession(
            LivePersonSessionRequested request, LivePersonAccount account, LiveSession session, Instant now) {
        String accountId = account.getAccountId();
        if (session == null
                || !session.expiresAt().isAfter(now)
                || !session.sessionId().equals(request.getSessionId())) {
            return List.of(rejected(
                    request,
                    accountId,
                    now,
                    404,
                    LivePersonErrorCodes.SESSION_NOT_FOUND,
                    "Session not found",
                    "sid",
                    "names no live session of the account"));
        }
        if (!session.details().getVisitorId().equals(request.getVisitorId())) {
            return List.of(rejected(
                    request,
                    accountId,
                    now,
                    404,
                    LivePersonErrorCodes.SESSION_NOT_FOUND,
                    "Session not found",
                    "visitorId",
                    "does not match the session's visitor"));
        }
        boolean update = request.getOperation() == LivePersonOperation.UPDATE;
        LivePersonSessionDetails details = update ? updated(request, session.details()) : offered(request, account);
        SessionResumed resumed = SessionResumed.newBuilder()
                .setSessionId(session.sessionId())
                .setCreatedAt(session.createdAt())
                .setExpiresAt(now.truncatedTo(ChronoUnit.SECONDS).plus(sessionTtl))
                .setDetails(details)
                .build();
        SessionEvent answer = event(request, accountId, now, resumed);
        if (!update) {
            return withEngagement(answer, session.sessionId(), details);
        }
        List<SessionEvent> events = new ArrayList<>();
        events.add(answer);
        for (LivePersonImpression impression : request.getImpressions()) {
            events.add(event(
                    request,
                    accountId,
                    now,
                    ImpressionRecorded.newBuilder()
                            .setSessionId(session.sessionId())
                            .setPageId(details.getPageId())
                            .setImpressionType(impression.getType())
                            .setCampaignId(impression.getCampaignId())
                            .setEngagementId(impression.getEngagementId())
                            .setRevision(impression.getRevision())
                            .setContextId(impression.getContextId())
                            .build()));
        }
        return events;
    }

    /** A new page of a POST, with the engagement chosen for its sections. */
    private LivePersonSessionDetails offered(LivePersonSessionRequested request, LivePersonAccount account) {
        return LivePersonSessionDetails.newBuilder()
                .setVisitorId(request.getVisitorId())
                .setPageId(newPageId())
                .setAppType(Objects.requireNonNullElse(request.getAppType(), ""))
                .setConsumerSections(request.getConsumerSections())
                .setSdeTypes(request.getSdeTypes())
                .setEngagement(EngagementChoice.choose(account, request.getConsumerSections())
                        .orElse(null))
                .build();
    }

    /** The page a PUT names; what was offered stays. */
    private static LivePersonSessionDetails updated(
            LivePersonSessionRequested request, LivePersonSessionDetails current) {
        return LivePersonSessionDetails.newBuilder(current)
                .setPageId(request.getPageId())
                .setSdeTypes(request.getSdeTypes())
                .build();
    }

    private List<SessionEvent> withEngagement(SessionEvent answer, String sessionId, LivePersonSessionDetails details) {
        LivePersonEngagementOffer offer = details.getEngagement();
        if (offer == null) {
            return List.of(answer);
        }
        EngagementAvailable available = EngagementAvailable.newBuilder()
                .setSessionId(sessionId)
                .setPageId(details.getPageId())
                .setCampaignId(offer.getCampaignId())
                .setEngagementId(offer.getEngagementId())
                .setEngagementRevision(offer.getEngagementRevision())
                .setValidForSeconds(offer.getValidForSeconds())
                .setLanguage(offer.getLanguage())
                .setSkillId(offer.getSkillId())
                .setSkillName(offer.getSkillName())
                .build();
        return List.of(answer, event(answer.getSessionKey(), answer.getTenantId(), answer.getOccurredAt(), available));
    }

    /** A decimal page id of 62 random bits, as LivePerson's numeric page ids. */
    private String newPageId() {
        return Long.toString(newUuid().getLeastSignificantBits() & 0x3FFF_FFFF_FFFF_FFFFL);
    }

    private SessionEvent event(LivePersonSessionRequested request, String accountId, Instant now, Object payload) {
        return event(request.getSessionKey(), accountId, now, payload);
    }

    private SessionEvent event(String sessionKey, String accountId, Instant now, Object payload) {
        return event(sessionKey, now).setTenantId(accountId).setPayload(payload).build();
    }

    private SessionEvent rejected(
            LivePersonSessionRequested request,
            String accountId,
            Instant now,
            int httpStatus,
            int internalCode,
            String message,
            String field,
            String reason) {
        return event(
                request, accountId, now, rejection(Integer.toString(internalCode), httpStatus, message, field, reason));
    }
}
