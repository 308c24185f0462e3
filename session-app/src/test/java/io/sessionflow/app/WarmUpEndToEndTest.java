package io.sessionflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import io.sessionflow.broker.testing.SharedKafkaBroker;
import io.sessionflow.projections.query.SessionLookup;
import io.sessionflow.projections.query.SessionQueries;
import io.sessionflow.runtime.availability.WarmUpPhase;
import io.sessionflow.schemas.Topics;
import io.sessionflow.schemas.chat.WarmUpWidgetKeys;
import io.sessionflow.schemas.events.SessionEvent;
import io.sessionflow.schemas.events.SessionRejected;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The warm-up at start: readiness turned UP only after it ended, it went the whole request path (its
 * calls were answered by the processor through the projections), and what it left on the public topic is no
 * session: only rejections, each marked with the warm-up header, none of which the projections hold as a session.
 */
class WarmUpEndToEndTest extends EndToEndTest {

    @Autowired
    private WarmUpPhase warmUpPhase;

    @Autowired
    private ChatWarmUp chatWarmUp;

    @Autowired
    private ReadyLog readyLog;

    @Autowired
    private SessionQueries sessionQueries;

    @Test
    void readinessTurnedUpOnlyAfterTheWarmUpWentThroughTheRequestPath() {
        assertThat(warmUpPhase.finished()).as("the warm-up ran").isNotNull();
        assertThat(readyLog.firstReady()).as("ready").isNotNull();
        assertThat(readyLog.firstReady())
                .as("first ready, after the warm-up ended")
                .isAfterOrEqualTo(warmUpPhase.finished());
        assertThat(chatWarmUp.answered())
                .as("warm-up calls answered through processor and projections, of %d sent", chatWarmUp.sent())
                .isGreaterThan(0)
                .isGreaterThanOrEqualTo(chatWarmUp.sent() / 2);
    }

    @Test
    void theWarmUpLeftOnlyMarkedRejectionsOnSessionEventsAndNoSession() {
        List<ConsumerRecord<String, byte[]>> records =
                CommittedSessionEvents.read(SharedKafkaBroker.bootstrapServers(), Duration.ofSeconds(30));
        List<ConsumerRecord<String, byte[]>> warmUp = records.stream()
                .filter(record -> record.headers().lastHeader(WarmUpWidgetKeys.HEADER) != null)
                .toList();

        assertThat(warmUp)
                .as("one marked event per answered warm-up call")
                .hasSizeGreaterThanOrEqualTo(chatWarmUp.answered());
        for (ConsumerRecord<String, byte[]> record : warmUp) {
            SessionEvent event =
                    Topics.SESSION_EVENTS.valueSerde().deserializer().deserialize(record.topic(), record.value());
            assertThat(event.getPayload())
                    .as("a warm-up event is a rejection, never a session")
                    .isInstanceOf(SessionRejected.class);
            assertThat(((SessionRejected) event.getPayload()).getCode()).isEqualTo("validation_failed");
            assertThat(event.getTenantId()).as("no tenant's").isNull();
            assertThat(record.headers().lastHeader(WarmUpWidgetKeys.HEADER).value())
                    .isEqualTo(WarmUpWidgetKeys.HEADER_VALUE);
        }
        for (ConsumerRecord<String, byte[]> record : warmUp.subList(0, Math.min(20, warmUp.size()))) {
            assertThat(sessionQueries
                            .session(record.key(), Duration.ofSeconds(5))
                            .join())
                    .as("no session in the projections for warm-up key %s", record.key())
                    .isInstanceOf(SessionLookup.NotFound.class);
        }
    }
}
