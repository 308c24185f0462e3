package io.sessionflow.processor;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * Paces the processor's exactly-once commits by whether a client waits for what was written. Under exactly-once a
 * decision is readable downstream only once the processor commits it, and each commit is a transaction that waits on
 * the broker (the flush, the offsets, the commit), whatever it holds.
 * <ul>
 *   <li>A decision on a <em>fresh</em> request, read within the backlog age of being sent, is committed within the
 *   commit interval.</li>
 *   <li>A backlog's decisions (requests that waited longer in their topic: a standing start, catching up after an
 *   outage or a takeover) and writes nobody waits for (expiries, extensions) are committed within the backlog commit
 *   interval, so each transaction carries more of them and a stream thread catching up spends its time deciding
 *   rather than waiting on commits.</li>
 * </ul>
 * A write asks Streams for a commit at once when its interval has passed since the stream thread last asked, else
 * schedules a one-off wall-clock punctuation for when it will have, unless one due soon enough is pending: Streams
 * commits every task of the thread when one asks, so a thread has one such commit at a time, whichever of its tasks'
 * processors asked. A punctuation superseded by an earlier commit commits nothing. Nothing is scheduled while nothing is written: a punctuation marks its task as needing a commit, so
 * a ticking one would make an idle processor commit a transaction every interval. Streams' own commit interval is
 * only the backstop for what no write asks for (the offsets of skipped requests). The age is the record's timestamp
 * (the API's send time) against this processor's clock.
 */
final class DecisionCommits {

    private static final long NONE = Long.MIN_VALUE;

    /** What this stream thread's processors asked of commits: when the last was asked for, when the next is due. */
    private static final class ThreadCommits {
        long lastAsked = NONE;
        long due = NONE;
    }

    private static final ThreadLocal<ThreadCommits> THREAD = ThreadLocal.withInitial(ThreadCommits::new);

    private final ProcessorContext<?, ?> context;
    private final SessionProcessorTopology.Settings settings;

    /** Paces with the settings' commit interval, backlog commit interval and backlog age. */
    DecisionCommits(ProcessorContext<?, ?> context, SessionProcessorTopology.Settings settings) {
        this.context = context;
        this.settings = settings;
    }

    /** A request sent at {@code sentAtMs} (its record's timestamp) was decided. */
    void decided(long sentAtMs) {
        long now = context.currentSystemTimeMs();
        boolean fresh = now - sentAtMs <= settings.backlogAge().toMillis();
        commitWithin(fresh ? settings.commitInterval() : settings.backlogCommitInterval(), now);
    }

    /** Something nobody waits for was written. */
    void wrote() {
        commitWithin(settings.backlogCommitInterval(), context.currentSystemTimeMs());
    }

    /** Asks for a commit once {@code within} has passed since the thread's last one, at once if it has. */
    private void commitWithin(Duration within, long now) {
        ThreadCommits thread = THREAD.get();
        // a last commit ahead of now is one from before the clock was set back
        long wanted = thread.lastAsked == NONE || thread.lastAsked > now
                ? now
                : Math.max(now, thread.lastAsked + within.toMillis());
        // a due time long past is one whose task left this thread before its punctuation ran
        if (thread.due != NONE
                && thread.due <= wanted
                && now <= thread.due + settings.commitInterval().toMillis()) {
            return;
        }
        if (wanted == now) {
            commitNow(thread, now);
            return;
        }
        thread.due = wanted;
        AtomicReference<Cancellable> punctuation = new AtomicReference<>();
        punctuation.set(context.schedule(Duration.ofMillis(wanted - now), PunctuationType.WALL_CLOCK_TIME, at -> {
            punctuation.get().cancel();
            if (THREAD.get().due == wanted) {
                commitNow(THREAD.get(), at);
            }
        }));
    }

    /** Streams commits once the stream thread has processed its current batch; a pending punctuation is superseded. */
    private void commitNow(ThreadCommits thread, long now) {
        thread.lastAsked = now;
        thread.due = NONE;
        context.commit();
    }
}
