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
 * A write asks for a commit by scheduling a one-off wall-clock punctuation that far ahead, unless one due soon enough
 * is pending on its stream thread: Streams commits every task of the thread when one asks, so a thread owes one such
 * commit at a time, whichever of its tasks' processors scheduled it, and has at least the interval of processing
 * between two (counted from the first write after a commit, as Streams counts its own interval from the end of the
 * last). Whichever of the thread's punctuations runs first while a commit is owed commits; the others find none
 * owed. Nothing is scheduled while nothing is written: a punctuation marks its task as needing a commit, so a ticking
 * one would make an idle processor commit a transaction every interval. Streams' own commit interval is
 * only the backstop for what no write asks for (the offsets of skipped requests). The age is the record's timestamp
 * (the API's send time) against this processor's clock.
 */
final class DecisionCommits {

    private static final long NONE = Long.MIN_VALUE;

    /** When the commit pending on this stream thread is due, else NONE. */
    private static final ThreadLocal<long[]> THREAD_COMMIT_DUE = ThreadLocal.withInitial(() -> new long[] {NONE});

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

    private void commitWithin(Duration within, long now) {
        long[] due = THREAD_COMMIT_DUE.get();
        long wanted = now + within.toMillis();
        // a due time long past may be one whose task left this thread before its punctuation ran (else it runs late,
        // behind a long batch): schedule another, and whichever runs first commits
        if (due[0] != NONE
                && due[0] <= wanted
                && now <= due[0] + settings.commitInterval().toMillis()) {
            return;
        }
        due[0] = wanted;
        AtomicReference<Cancellable> punctuation = new AtomicReference<>();
        punctuation.set(context.schedule(within, PunctuationType.WALL_CLOCK_TIME, at -> {
            punctuation.get().cancel();
            long[] pending = THREAD_COMMIT_DUE.get();
            if (pending[0] != NONE) {
                pending[0] = NONE;
                context.commit();
            }
        }));
    }
}
