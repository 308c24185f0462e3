package io.sessionflow.bench.workload;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;

import io.sessionflow.schemas.Topic;

/**
 * One provider's traffic for the benchmark: the create-session call the load generator sends, and
 * the request event the pipeline phase pre-produces. A provider is benchmarked by one
 * implementation registered in {@link Workloads#all}; nothing else in the harness knows providers.
 *
 * <p>Both must open a new session that the demo catalog accepts (no Idempotency-Key, no reuse
 * field), so that every call goes the whole path: API, request topic, processor, session-events,
 * projections, answer. A request the rules reject would measure a different path.
 */
public interface ProviderWorkload {

    /** The provider's name, as in the report and the {@code --providers} option. */
    String provider();

    /**
     * The {@code sequence}-th create-session call against the app at {@code baseUri}
     * ({@code http://127.0.0.1:<port>}). Called on the load generator's scheduling thread just
     * before the call is due: keep it cheap (no I/O).
     */
    HttpRequest createSession(URI baseUri, long sequence);

    /** Whether the status answers a successful create call; every other status is an error. */
    default boolean succeeded(int statusCode) {
        return statusCode >= 200 && statusCode < 300;
    }

    /**
     * The {@code sequence}-th request event exactly as the provider's API publishes it: its request
     * topic, its session key (the Kafka key) and its value encoded with the topic's serde.
     */
    RequestEvent requestEvent(long sequence);

    /**
     * Kafka hops between the create call and its answer: 2 for the common path (request topic to
     * the processor, session-events to the projections).
     */
    default int brokerHops() {
        return 2;
    }

    /** A JSON {@code POST} of the body to the uri within the timeout; the caller adds its credentials and builds. */
    static HttpRequest.Builder postJson(URI uri, Duration timeout, String body) {
        return HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    /** A request event ready to produce; the session key is what the pipeline phase queries afterwards. */
    record RequestEvent(String topic, String sessionKey, byte[] value) {

        /** The event encoded with its topic's value serde, keyed by the session key. */
        public static <V> RequestEvent of(Topic<String, V> topic, String sessionKey, V event) {
            return new RequestEvent(
                    topic.name(), sessionKey, topic.valueSerde().serializer().serialize(topic.name(), event));
        }
    }
}
