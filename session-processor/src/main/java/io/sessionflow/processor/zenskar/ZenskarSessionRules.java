package io.sessionflow.processor.zenskar;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

import io.sessionflow.processor.CatalogView;
import io.sessionflow.processor.ProviderRules;
import io.sessionflow.schemas.Topics;
import io.sessionflow.schemas.events.Provider;
import io.sessionflow.schemas.events.SessionCreated;
import io.sessionflow.schemas.events.SessionEvent;
import io.sessionflow.schemas.events.SessionResumed;
import io.sessionflow.schemas.zenskar.ZenskarCatalogKeys;
import io.sessionflow.schemas.zenskar.ZenskarCustomer;
import io.sessionflow.schemas.zenskar.ZenskarOrganisation;
import io.sessionflow.schemas.zenskar.ZenskarSessionDetails;
import io.sessionflow.schemas.zenskar.ZenskarSessionRequested;

/**
 * Zenskar's rules for opening a customer-portal session, from {@code sessionflow.zenskar.requests}
 * with the catalog entries {@code zenskar:organisation:<id>} and {@code zenskar:customer:<id>}:
 * the organisation must exist; a customer session's customer must be a customer of that
 * organisation (an unknown customer and another organisation's customer are refused alike, so
 * nothing is told about other organisations); a request whose session key names a live session of
 * the same customer (or a guest session, for a guest) is answered from it ({@code SessionResumed}),
 * and that use extends it by its idle timeout;
 * a live session of someone else under that key is refused; otherwise a new session starts, which
 * expires {@code idleTimeoutSeconds} after it is created unless activity extends it.
 */
public final class ZenskarSessionRules extends ProviderRules<ZenskarSessionRequested> {

    /** The body Zenskar's gateway answers with 403 for a wrong or missing organisation. */
    public static final String EXPLICIT_DENY = "User is not authorized to access this resource with an explicit deny";

    public static final String ORGANISATION_NOT_FOUND = "organisation_not_found";
    public static final String CUSTOMER_NOT_FOUND = "customer_not_found";
    public static final String SESSION_KEY_IN_USE = "session_key_in_use";
    public static final String VALIDATION_MESSAGE = "Validation error";

    public ZenskarSessionRules(Supplier<UUID> ids) {
        super(Provider.ZENSKAR, Topics.ZENSKAR_REQUESTS, ids);
    }

    @Override
    public List<SessionEvent> decide(
            ZenskarSessionRequested request, SessionEvent existing, CatalogView catalog, Instant now) {
        SessionEvent.Builder event = event(request.getSessionKey(), now).setTenantId(request.getOrganisationId());

        ZenskarOrganisation organisation =
                catalog.get(ZenskarCatalogKeys.organisation(request.getOrganisationId()), ZenskarOrganisation.class);
        if (organisation == null) {
            return List.of(event.setPayload(rejection(ORGANISATION_NOT_FOUND, 403, EXPLICIT_DENY))
                    .build());
        }
        if (!request.getIsGuestSession()) {
            ZenskarCustomer customer = request.getCustomerId() == null
                    ? null
                    : catalog.get(ZenskarCatalogKeys.customer(request.getCustomerId()), ZenskarCustomer.class);
            if (customer == null || !customer.getOrganisationId().equals(request.getOrganisationId())) {
                return List.of(event.setPayload(rejection(
                                CUSTOMER_NOT_FOUND,
                                422,
                                VALIDATION_MESSAGE,
                                "customer_id",
                                "Value error, no customer with this id exists in the organisation"))
                        .build());
            }
        }

        LiveSession live = LiveSession.of(existing, now);
        if (live != null) {
            if (live.belongsTo(request)) {
                // a use: the session's own idle timeout counts again from now
                Instant idleExpiry = now.truncatedTo(ChronoUnit.SECONDS)
                        .plusSeconds(live.details().getIdleTimeoutSeconds());
                return List.of(event.setPayload(SessionResumed.newBuilder()
                                .setSessionId(live.sessionId())
                                .setCreatedAt(live.createdAt())
                                .setExpiresAt(idleExpiry.isAfter(live.expiresAt()) ? idleExpiry : live.expiresAt())
                                .setDetails(live.details())
                                .build())
                        .build());
            }
            return List.of(event.setPayload(rejection(
                            SESSION_KEY_IN_USE,
                            422,
                            VALIDATION_MESSAGE,
                            "session_key",
                            "Value error, session_key is already used by " + live.owner()))
                    .build());
        }

        Instant createdAt = now.truncatedTo(ChronoUnit.SECONDS);
        SessionCreated created = SessionCreated.newBuilder()
                .setSessionId(newId())
                .setCreatedAt(createdAt)
                .setExpiresAt(createdAt.plusSeconds(request.getIdleTimeoutSeconds()))
                .setDetails(ZenskarSessionDetails.newBuilder()
                        .setCustomerId(request.getIsGuestSession() ? null : request.getCustomerId())
                        .setIsGuestSession(request.getIsGuestSession())
                        .setIdleTimeoutSeconds(request.getIdleTimeoutSeconds())
                        .setPortalUrl(organisation.getPortalUrl())
                        .build())
                .build();
        return List.of(event.setPayload(created).build());
    }

    /** A Zenskar session under the request's session key that has not expired at {@code now}. */
    private record LiveSession(String sessionId, Instant createdAt, Instant expiresAt, ZenskarSessionDetails details) {

        static LiveSession of(SessionEvent existing, Instant now) {
            if (existing == null) {
                return null;
            }
            LiveSession session;
            if (existing.getPayload() instanceof SessionCreated created
                    && created.getDetails() instanceof ZenskarSessionDetails details) {
                session = new LiveSession(
                        created.getSessionId(), created.getCreatedAt(), created.getExpiresAt(), details);
            } else if (existing.getPayload() instanceof SessionResumed resumed
                    && resumed.getDetails() instanceof ZenskarSessionDetails details) {
                session = new LiveSession(
                        resumed.getSessionId(), resumed.getCreatedAt(), resumed.getExpiresAt(), details);
            } else {
                return null;
            }
            return now.isBefore(session.expiresAt()) ? session : null;
        }

        String owner() {
            return details.getIsGuestSession() ? "a guest session" : "a session of another customer";
        }

        boolean belongsTo(ZenskarSessionRequested request) {
            return details.getIsGuestSession() == request.getIsGuestSession()
                    && (request.getIsGuestSession()
                            || Objects.equals(details.getCustomerId(), request.getCustomerId()));
        }
    }
}
