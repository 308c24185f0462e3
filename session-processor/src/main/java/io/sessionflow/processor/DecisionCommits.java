package io.sessionflow.processor;

import java.time.Duration;

import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * Paces a processor task's exactly-once commits by whether a client waits for what was decided. Under
 * exactly-once a decision is readable downstream only once the processor commits it, and each commit is a
 * transaction that waits on the broker (the flush, the offsets, the commit), whatever it holds.
 * <ul>
 *   <li>A decision on a <em>fresh</em> request, read within the backlog age of being sent, is committed
 *   within the commit interval: a wall-clock punctuator at that interval asks Streams for a commit when such a
 *   decision was made since it last looked.</li>
 *   <li>A backlog's decisions (requests that waited longer in their topic: a standing start, catching up after an
 *   outage or a takeover) ask for none. Streams commits them at its own, longer interval
 *   ({@code commit.interval.ms}), so each transaction carries more of them and the stream thread spends its time
 *   deciding rather than waiting on commits: the backlog is worked off sooner.</li>
 * </ul>
 * Streams commits every task of its thread when one asks, so one fresh decision commits the backlog's decisions
 * made with it too. The age is the record's timestamp (the API's send time) against this processor's clock.
 */
final class DecisionCommits {

    private final ProcessorContext<?, ?> context;
    private final long backlogAgeMs;
    private boolean freshDecided;

    /**
     * @param commitInterval how soon a fresh decision is committed
     * @param backlogAge     how long after it was sent a request is still fresh
     */
    DecisionCommits(ProcessorContext<?, ?> context, Duration commitInterval, Duration backlogAge) {
        this.context = context;
        this.backlogAgeMs = backlogAge.toMillis();
        context.schedule(commitInterval, PunctuationType.WALL_CLOCK_TIME, now -> commitFreshDecisions());
    }

    /** A request sent at {@code sentAtMs} (its record's timestamp) was decided. */
    void decided(long sentAtMs) {
        if (context.currentSystemTimeMs() - sentAtMs <= backlogAgeMs) {
            freshDecided = true;
        }
    }

    private void commitFreshDecisions() {
        if (freshDecided) {
            freshDecided = false;
            context.commit();
        }
    }
}
