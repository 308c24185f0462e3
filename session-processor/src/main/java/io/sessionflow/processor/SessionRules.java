package io.sessionflow.processor;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.sessionflow.schemas.Topic;
import io.sessionflow.schemas.events.Provider;
import io.sessionflow.schemas.events.SessionEvent;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;

/**
 * One provider's rules for deciding a session request: the processor's provider SPI. A provider implements it
 * in its own package ({@code io.sessionflow.processor.<provider>}, usually by extending {@link ProviderRules}),
 * with its own settings, and registers it as a Spring bean from a {@link ProcessorProviderConfiguration} there;
 * {@link SessionProcessorTopology} adds every registered one. Pure: catalog, the session's current state and the
 * clock are handed in, so topology tests drive them with fixed values.
 *
 * <p>Every rejection ({@code SessionRejected}) they answer has the documented shape: the provider's own error
 * code and the HTTP status it answers for it, a message, and a reason per refused field (field name and why);
 * none of it repeats a value of the request (the public topic carries none of the client's text), and it
 * leaves no session state.
 *
 * @param <R> the provider's {@code SessionRequested} record, which has the fields {@code sessionKey},
 *            {@code requestKey} (null: the session key) and {@code requestFingerprint}, as every provider's does
 */
public interface SessionRules<R extends GenericRecord> {

    /** Whose rules these are: the provider of every session they make. */
    Provider provider();

    /** The topic this provider's requests arrive on, keyed by session key. */
    Topic<String, R> requests();

    /** Which session and which request (for de-duplication) a request is: its identity fields, by name. */
    default RequestIdentity identify(R request) {
        String sessionKey = (String) request.get("sessionKey");
        return new RequestIdentity(
                sessionKey, Objects.requireNonNullElse((String) request.get("requestKey"), sessionKey), (String)
                        request.get("requestFingerprint"));
    }

    /**
     * Decides a request seen for the first time.
     *
     * @param existing the session's latest {@code SessionCreated} or {@code SessionResumed} event, or
     *                 null when the session key has no session
     * @return the events to write, the answer to the request first ({@code SessionCreated},
     *         {@code SessionResumed} or {@code SessionRejected}); {@link SessionRequestProcessor}
     *         stamps request key and fingerprint on each. The events go to the public topic: a
     *         rejection's message and reasons never repeat a value of the request (the client's text);
     *         catalog ids and fixed text only
     */
    List<SessionEvent> decide(R request, SessionEvent existing, CatalogView catalog, Instant now);

    /**
     * Whether the request is synthetic traffic of the warm-up at start: decided by the provider's own create
     * path against built-in warm-up reference data (never a real tenant's), its events are written with the
     * warm-up header ({@code WarmUpHeader}) and no store keeps anything of it.
     */
    default boolean warmUp(R request) {
        return false;
    }

    /**
     * Personal data the provider keeps with the sessions it decides, on a restricted compacted topic
     * of its own, because a later read of the session answers it and session-events must not carry
     * it; erased (a tombstone) when the session expires. Empty (the default) for a provider that
     * keeps none.
     */
    default Optional<KeptData<R, ?>> keptData() {
        return Optional.empty();
    }

    /**
     * A restricted, compacted topic keyed by session key, and what a decided request puts there;
     * {@link SessionRequestProcessor} writes it after the request's events, in the same transaction.
     */
    interface KeptData<R, V extends SpecificRecord> {

        Topic<String, V> topic();

        /**
         * @param answer the first event {@link SessionRules#decide} returned for the request
         * @return the value to keep under the session key, or null to keep nothing
         */
        V keep(R request, SessionEvent answer);
    }

    /**
     * @param sessionKey  the Kafka key of the request and of its session's events
     * @param requestKey  the request's idempotency identity (the session key when it has none of its own)
     * @param fingerprint the request as the API understood it, keyed with the API's secret ({@code <keyId>:<hex>})
     */
    record RequestIdentity(String sessionKey, String requestKey, String fingerprint) {}
}
