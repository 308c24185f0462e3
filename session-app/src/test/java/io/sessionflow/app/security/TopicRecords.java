package io.sessionflow.app.security;

import java.time.Duration;
import java.util.List;

import io.sessionflow.app.TopicReader;
import io.sessionflow.broker.testing.SharedKafkaBroker;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Every record of a topic so far, from the beginning, values as the raw bytes on the wire: with
 * {@code read_uncommitted}, also what open or aborted transactions wrote (to prove something was never
 * written at all); with {@code read_committed}, what readers of the topic see, open transactions waited
 * out ({@link TopicReader}).
 */
final class TopicRecords {

    private TopicRecords() {}

    static List<ConsumerRecord<String, byte[]>> read(String topic, String isolationLevel) {
        return TopicReader.read(SharedKafkaBroker.bootstrapServers(), topic, isolationLevel, Duration.ofSeconds(20));
    }

    /** Whether any key or value holds {@code text} (UTF-8) anywhere in its bytes. */
    static boolean anyHolds(List<ConsumerRecord<String, byte[]>> records, String text) {
        byte[] needle = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return records.stream()
                .anyMatch(r -> (r.key() != null && r.key().contains(text))
                        || (r.value() != null && indexOf(r.value(), needle) >= 0));
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
