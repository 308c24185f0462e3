package io.sessionflow.processor;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import io.sessionflow.schemas.Topic;
import io.sessionflow.schemas.events.Provider;
import io.sessionflow.schemas.events.RejectionReason;
import io.sessionflow.schemas.events.SessionEvent;
import io.sessionflow.schemas.events.SessionRejected;
import org.apache.avro.generic.GenericRecord;

/**
 * Where a provider's {@link SessionRules} start from: whose they are, the topic their requests arrive on, and
 * what every event they write opens with (a new event id, the session key, the provider, the decision time), so
 * that a provider's rules class holds its decisions only.
 *
 * @param <R> the provider's {@code SessionRequested} record
 */
public abstract class ProviderRules<R extends GenericRecord> implements SessionRules<R> {

    private final Provider provider;
    private final Topic<String, R> requests;
    private final Supplier<UUID> ids;

    /** @param ids the source of event ids and of the ids the rules make (fixed in tests) */
    protected ProviderRules(Provider provider, Topic<String, R> requests, Supplier<UUID> ids) {
        this.provider = provider;
        this.requests = requests;
        this.ids = ids;
    }

    @Override
    public final Provider provider() {
        return provider;
    }

    @Override
    public final Topic<String, R> requests() {
        return requests;
    }

    /** A new id, from the same source as the events'. */
    protected final String newId() {
        return newUuid().toString();
    }

    /** {@link #newId()} as a UUID. */
    protected final UUID newUuid() {
        return ids.get();
    }

    /** This provider's event about session {@code sessionKey}, decided at {@code now}: tenant and payload to set. */
    protected final SessionEvent.Builder event(String sessionKey, Instant now) {
        return SessionEvent.newBuilder()
                .setEventId(newId())
                .setSessionKey(sessionKey)
                .setProvider(provider)
                .setOccurredAt(now);
    }

    /** A rejection that names no field. */
    protected static SessionRejected rejection(String code, int httpStatus, String message) {
        return SessionRejected.newBuilder()
                .setCode(code)
                .setHttpStatus(httpStatus)
                .setMessage(message)
                .setReasons(List.of())
                .build();
    }

    /** A rejection of one field, saying why. */
    protected static SessionRejected rejection(
            String code, int httpStatus, String message, String field, String reason) {
        return SessionRejected.newBuilder()
                .setCode(code)
                .setHttpStatus(httpStatus)
                .setMessage(message)
                .setReasons(List.of(RejectionReason.newBuilder()
                        .setField(field)
                        .setMessage(reason)
                        .build()))
                .build();
    }
}
