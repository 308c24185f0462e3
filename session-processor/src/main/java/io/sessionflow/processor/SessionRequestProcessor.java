package io.sessionflow.processor;

import java.time.Instant;
import java.util.List;

import io.sessionflow.schemas.catalog.CatalogEntry;
import io.sessionflow.schemas.events.SessionCreated;
import io.sessionflow.schemas.events.SessionEvent;
import io.sessionflow.schemas.events.SessionResumed;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Decides one provider's requests (from its request topic) with its {@link SessionRules} and
 * forwards the events to {@code sessionflow.session-events}. The same mechanism for every provider:
 * a request key already in {@value SessionProcessorTopology#REQUESTS_STORE} was decided before and
 * its replay is dropped, so retries never make a second session; the session's current state is
 * kept in {@value SessionProcessorTopology#SESSIONS_STORE} for the rules that continue a session.
 * Forwards the events and then, for a provider that keeps data ({@link SessionRules#keptData}), the
 * value it keeps; the topology routes each to its topic.
 */
final class SessionRequestProcessor<R> implements Processor<String, R, String, SpecificRecord> {

    private final SessionRules<R> rules;
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, SessionEvent> sessions;
    private KeyValueStore<String, Long> requests;
    private CatalogView catalog;

    SessionRequestProcessor(SessionRules<R> rules) {
        this.rules = rules;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.sessions = context.getStateStore(SessionProcessorTopology.SESSIONS_STORE);
        this.requests = context.getStateStore(SessionProcessorTopology.REQUESTS_STORE);
        KeyValueStore<String, ValueAndTimestamp<CatalogEntry>> catalogStore =
                context.getStateStore(SessionProcessorTopology.CATALOG_STORE);
        this.catalog = new CatalogView(catalogStore);
    }

    @Override
    public void process(Record<String, R> record) {
        if (record.value() == null) {
            return;
        }
        SessionRules.RequestIdentity identity = rules.identify(record.value());
        if (requests.get(identity.requestKey()) != null) {
            return;
        }
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        List<SessionEvent> events = rules.decide(record.value(), sessions.get(identity.sessionKey()), catalog, now);
        for (SessionEvent event : events) {
            event.setRequestKey(identity.requestKey());
            event.setRequestFingerprint(identity.fingerprint());
            if (event.getPayload() instanceof SessionCreated || event.getPayload() instanceof SessionResumed) {
                sessions.put(identity.sessionKey(), event);
            }
        }
        requests.put(identity.requestKey(), now.toEpochMilli());
        for (SessionEvent event : events) {
            context.forward(new Record<>(identity.sessionKey(), event, now.toEpochMilli()));
        }
        SpecificRecord kept = events.isEmpty() ? null : rules.keptData()
                .map(keptData -> (SpecificRecord) keptData.keep(record.value(), events.get(0)))
                .orElse(null);
        if (kept != null) {
            context.forward(new Record<>(identity.sessionKey(), kept, now.toEpochMilli()));
        }
    }
}
