package io.sessionflow.processor;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import io.sessionflow.schemas.SessionStates;
import io.sessionflow.schemas.events.SessionActivity;
import io.sessionflow.schemas.events.SessionEvent;
import io.sessionflow.schemas.events.SessionEventKind;
import io.sessionflow.schemas.events.SessionExtended;
import io.sessionflow.schemas.kafka.DeadlineIndex;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Reads {@code sessionflow.session-activity}: a use of a live session whose state has an idle
 * timeout ({@link SessionStates#idleTimeout}: its details schema says which) moves its expiry
 * to {@code now + idle timeout} in {@value SessionProcessorTopology#SESSIONS_STORE} and the
 * {@link DeadlineIndex}, and writes {@code SessionExtended} to {@code sessionflow.session-events}
 * so that the projections see the new expiry, committed within the backlog commit interval (nobody waits for it:
 * {@link DecisionCommits}). Activity on unknown, expired or never-idle sessions changes nothing.
 */
final class SessionActivityProcessor implements Processor<String, SessionActivity, String, SessionEvent> {

    private final SessionProcessorTopology.Settings settings;
    private ProcessorContext<String, SessionEvent> context;
    private SessionStateStore sessions;
    private DeadlineIndex deadlines;
    private DecisionCommits commits;

    SessionActivityProcessor(SessionProcessorTopology.Settings settings) {
        this.settings = settings;
    }

    @Override
    public void init(ProcessorContext<String, SessionEvent> context) {
        this.context = context;
        this.sessions = new SessionStateStore(context.getStateStore(SessionProcessorTopology.SESSIONS_STORE));
        this.deadlines = new DeadlineIndex(context.getStateStore(SessionProcessorTopology.DEADLINES_STORE));
        this.commits = new DecisionCommits(context, settings);
    }

    @Override
    public void process(Record<String, SessionActivity> record) {
        if (record.key() == null) {
            return;
        }
        SessionEvent session = sessions.get(record.key());
        if (session == null) {
            return;
        }
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        Instant expiresAt = SessionStates.expiresAt(session);
        Optional<Duration> idle = SessionStates.idleTimeout(session);
        if (idle.isEmpty() || !now.isBefore(expiresAt)) {
            return;
        }
        Instant extended = now.truncatedTo(ChronoUnit.SECONDS).plus(idle.get());
        if (!extended.isAfter(expiresAt)) {
            return;
        }
        sessions.put(record.key(), SessionStates.withExpiry(session, extended));
        String kind = SessionRequestProcessor.sessionKind(session.getProvider());
        deadlines.remove(expiresAt, kind, record.key());
        deadlines.add(extended, kind, record.key());
        SessionEvent event = SessionEvent.newBuilder()
                .setEventId(settings.ids().get().toString())
                .setKind(SessionEventKind.SESSION_EXTENDED)
                .setSessionKey(record.key())
                .setProvider(session.getProvider())
                .setTenantId(session.getTenantId())
                .setOccurredAt(now)
                .setPayload(SessionExtended.newBuilder()
                        .setSessionId(SessionStates.sessionId(session))
                        .setExpiresAt(extended)
                        .build())
                .build();
        context.forward(new Record<>(record.key(), event, now.toEpochMilli()));
        commits.wrote();
    }
}
