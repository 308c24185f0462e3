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
import io.sessionflow.schemas.events.SessionCreated;
import io.sessionflow.schemas.events.SessionEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The warm-up at start: readiness turned UP only after it ended, it went the whole create path (its
 * calls were answered with sessions by the processor through the projections), and what it left on the public
 * topic is marked: sessions of the built-in warm-up tenant only, each with the warm-up header, none of which the
 * projections hold.
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
    void theWarmUpLeftOnlyMarkedWarmUpSessionsOnSessionEventsAndNoneInTheStores() {
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
                    .as("a warm-up event is a session made by the create path")
                    .isInstanceOf(SessionCreated.class);
            assertThat(event.getTenantId()).as("no real tenant's").isEqualTo("sessionflow-warm-up");
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
