package io.sessionflow.processor;

import java.time.Instant;
import java.util.List;

import io.sessionflow.schemas.SessionEventKinds;
import io.sessionflow.schemas.SessionStates;
import io.sessionflow.schemas.catalog.CatalogEntry;
import io.sessionflow.schemas.events.Provider;
import io.sessionflow.schemas.events.SessionEvent;
import io.sessionflow.schemas.events.SessionEventKind;
import io.sessionflow.schemas.events.SessionExpired;
import io.sessionflow.schemas.kafka.AnswerDeadline;
import io.sessionflow.schemas.kafka.DeadlineIndex;
import io.sessionflow.schemas.kafka.WarmUpHeader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Decides one provider's requests (from its request topic) with its {@link SessionRules} and
 * forwards the events to {@code sessionflow.session-events}. The same mechanism for every provider:
 * <ul>
 *   <li>a request read after its {@link AnswerDeadline} is skipped: its client was already told the
 *   retryable 503, so it is neither decided nor remembered, and its retry is decided as if it had never
 *   been sent (under overload this keeps the processor on requests whose clients still wait);</li>
 *   <li>a request decided before ({@link DecidedRequests}, by {@code <session key>/<request key>})
 *   is dropped, so retries never make a second session; request keys are kept for the configured
 *   retention, in the session's state while it lives, else in a window store;</li>
 *   <li>the session's current state ({@link SessionStates#kept}) is kept in
 *   {@value SessionProcessorTopology#SESSIONS_STORE} for the rules that continue a session, until it
 *   expires: then it is removed and a
 *   {@code SessionExpired} event is written, once;</li>
 *   <li>sessions' expiries are kept in the time-ordered {@link DeadlineIndex}, which a wall-clock
 *   punctuator scans for what is due: each provider's processor its own provider's sessions (and
 *   erases the data it keeps with them); one of them also forgets the request keys of the old layout;</li>
 *   <li>a request of the warm-up at start ({@link SessionRules#warmUp}) is decided like any other, but only
 *   its events are written, marked with the warm-up header: no store holds anything of it;</li>
 *   <li>a decision asks for its commit within the commit interval when its request is fresh, else (a backlog, an
 *   expiry) within the backlog commit interval ({@link DecisionCommits}).</li>
 * </ul>
 * Forwards the events and then, for a provider that keeps data ({@link SessionRules#keptData}), the
 * value it keeps; the topology routes each to its topic.
 */
final class SessionRequestProcessor<R extends GenericRecord> implements Processor<String, R, String, SpecificRecord> {

    /** Most deadlines handled in one punctuation, so that a backlog never stalls the stream thread. */
    static final int EXPIRY_BATCH = 10_000;
    /** Deadline kind of a request key's end of retention (the old layout: no new entries are made). */
    static final String REQUEST = "request";

    private final SessionRules<R> rules;
    private final SessionProcessorTopology.Settings settings;
    private final boolean forgetsRequests;
    private ProcessorContext<String, SpecificRecord> context;
    private SessionStateStore sessions;
    private KeyValueStore<String, Long> legacyRequests;
    private DecidedRequests decided;
    private DeadlineIndex deadlines;
    private CatalogView catalog;
    private DecisionCommits commits;

    /** @param forgetsRequests whether this processor forgets request keys after their retention (one per task does) */
    SessionRequestProcessor(
            SessionRules<R> rules, SessionProcessorTopology.Settings settings, boolean forgetsRequests) {
        this.rules = rules;
        this.settings = settings;
        this.forgetsRequests = forgetsRequests;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.sessions = new SessionStateStore(context.getStateStore(SessionProcessorTopology.SESSIONS_STORE));
        this.legacyRequests = context.getStateStore(SessionProcessorTopology.LEGACY_REQUESTS_STORE);
        WindowStore<String, Long> requestKeys = context.getStateStore(SessionProcessorTopology.REQUEST_KEYS_STORE);
        this.decided = new DecidedRequests(requestKeys, legacyRequests, settings.requestRetention());
        this.deadlines = new DeadlineIndex(context.getStateStore(SessionProcessorTopology.DEADLINES_STORE));
        KeyValueStore<String, ValueAndTimestamp<CatalogEntry>> catalogStore =
                context.getStateStore(SessionProcessorTopology.CATALOG_STORE);
        this.catalog = new CatalogView(catalogStore);
        this.commits = new DecisionCommits(context, settings);
        context.schedule(
                settings.expiryInterval(), PunctuationType.WALL_CLOCK_TIME, now -> expire(Instant.ofEpochMilli(now)));
    }

    @Override
    public void process(Record<String, R> record) {
        if (record.value() == null || AnswerDeadline.passed(record.headers(), context.currentSystemTimeMs())) {
            return;
        }
        SessionRules.RequestIdentity identity = rules.identify(record.value());
        String sessionKey = identity.sessionKey();
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        SessionEvent existing = sessions.get(sessionKey);
        if (decided.decided(sessionKey, identity.requestKey(), existing, now)) {
            return;
        }
        commits.decided(record.timestamp());
        if (existing != null && !SessionStates.expiresAt(existing).isAfter(now)) {
            // due, and the punctuator has not come by yet: it ends now, before anything else happens to its key
            expireSession(sessionKey, now);
            existing = null;
        }
        List<SessionEvent> events = rules.decide(record.value(), existing, catalog, now);
        SessionEvent state = existing;
        for (SessionEvent event : events) {
            event.setRequestKey(identity.requestKey());
            event.setRequestFingerprint(identity.fingerprint());
            SessionEventKinds.stamped(event);
            if (SessionStates.expiresAt(event) != null) {
                state = SessionStates.kept(event);
            }
        }
        if (rules.warmUp(record.value())) {
            forwardWarmUp(sessionKey, events, now);
            return;
        }
        if (state != existing) {
            if (existing != null) {
                deadlines.remove(SessionStates.expiresAt(existing), sessionKind(existing.getProvider()), sessionKey);
                decided.stateLeaves(sessionKey, existing, now);
            }
            // the state remembers its request key: a created session writes no key of its own
            sessions.put(sessionKey, state);
            deadlines.add(SessionStates.expiresAt(state), sessionKind(state.getProvider()), sessionKey);
        } else {
            decided.remember(sessionKey, identity.requestKey(), now);
        }
        for (SessionEvent event : events) {
            context.forward(new Record<>(sessionKey, event, now.toEpochMilli()));
        }
        SpecificRecord kept = events.isEmpty()
                ? null
                : rules.keptData()
                        .map(keptData -> (SpecificRecord) keptData.keep(record.value(), events.get(0)))
                        .orElse(null);
        if (kept != null) {
            context.forward(new Record<>(sessionKey, kept, now.toEpochMilli()));
        }
    }

    /**
     * A warm-up request's events, marked with the warm-up header, and nothing else: no state, no request key, no
     * expiry, no kept data, so the warm-up adds nothing to the stores' changelogs (a restore or a joining instance
     * never catches up on it) and its sessions never expire (no {@code SessionExpired} either).
     */
    private void forwardWarmUp(String sessionKey, List<SessionEvent> events, Instant now) {
        Headers headers = new RecordHeaders();
        headers.add(WarmUpHeader.NAME, WarmUpHeader.VALUE);
        for (SessionEvent event : events) {
            context.forward(new Record<>(sessionKey, event, now.toEpochMilli(), headers));
        }
    }

    private void expire(Instant now) {
        boolean wrote = false;
        for (DeadlineIndex.Due due : deadlines.dueBy(sessionKind(rules.provider()), now, EXPIRY_BATCH)) {
            expireSession(due.key(), now);
            deadlines.done(due);
            wrote = true;
        }
        if (forgetsRequests) {
            // request keys decided before DecidedRequests: their old entries, until none is left
            for (DeadlineIndex.Due due : deadlines.dueBy(REQUEST, now, EXPIRY_BATCH)) {
                legacyRequests.delete(due.key());
                deadlines.done(due);
                wrote = true;
            }
        }
        if (wrote) {
            commits.wrote();
        }
    }

    /** The deadline-index kind of one provider's sessions: each provider's processor expires its own. */
    static String sessionKind(Provider provider) {
        return "session-" + provider.name();
    }

    private void expireSession(String sessionKey, Instant now) {
        SessionEvent session = sessions.get(sessionKey);
        Instant expiresAt = session == null ? null : SessionStates.expiresAt(session);
        if (expiresAt == null || expiresAt.isAfter(now)) {
            return;
        }
        sessions.delete(sessionKey);
        deadlines.remove(expiresAt, sessionKind(session.getProvider()), sessionKey);
        decided.stateLeaves(sessionKey, session, now);
        SessionEvent expired = SessionEvent.newBuilder()
                .setEventId(settings.ids().get().toString())
                .setKind(SessionEventKind.SESSION_EXPIRED)
                .setSessionKey(sessionKey)
                .setProvider(session.getProvider())
                .setTenantId(session.getTenantId())
                .setOccurredAt(now)
                .setPayload(SessionExpired.newBuilder()
                        .setSessionId(SessionStates.sessionId(session))
                        .setExpiresAt(expiresAt)
                        .build())
                .build();
        context.forward(new Record<>(sessionKey, expired, now.toEpochMilli()));
        if (rules.keptData().isPresent()) {
            // erases what the provider kept with the session (the topology routes it to its topic)
            context.forward(new Record<String, SpecificRecord>(sessionKey, null, now.toEpochMilli()));
        }
    }
}
