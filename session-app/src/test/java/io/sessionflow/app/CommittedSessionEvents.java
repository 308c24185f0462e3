package io.sessionflow.app;

import java.time.Duration;
import java.util.List;

import io.sessionflow.schemas.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Every committed record of {@code sessionflow.session-events} written before the call, read from the
 * beginning with {@code isolation.level=read_committed} (as every consumer of outcome events reads it),
 * values as the raw bytes on the wire. Transactions open at the call are waited for (see
 * {@link TopicReader}); what a request not yet decided will write is not: call
 * {@link ProcessorProgress#awaitAllRequestsDecided} first to count a request's events.
 */
public final class CommittedSessionEvents {

    private CommittedSessionEvents() {}

    /** @throws AssertionError when the topic is not read to its end within {@code wait} */
    public static List<ConsumerRecord<String, byte[]>> read(String bootstrapServers, Duration wait) {
        return TopicReader.read(bootstrapServers, Topics.SESSION_EVENTS.name(), "read_committed", wait);
    }
}
