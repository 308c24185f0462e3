package io.sessionflow.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import io.sessionflow.schemas.secrets.RandomIds;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedPunctuator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A fresh decision is committed a commit interval after the stream thread's last commit (at once if that has passed),
 * a backlog's decision or a write nobody waits for a backlog commit interval after it; a thread has one commit
 * pending at a time, the earliest wanted, whichever of its tasks' processors asked. Two contexts stand for two tasks
 * of one stream thread (this test's thread).
 */
class DecisionCommitsTest {

    private static final SessionProcessorTopology.Settings SETTINGS = new SessionProcessorTopology.Settings(
            Duration.ofHours(24),
            Duration.ofSeconds(1),
            Duration.ofMillis(10),
            Duration.ofMillis(100),
            Duration.ofSeconds(1),
            RandomIds.source());
    /** Each test starts two hours after the last one: what the thread remembers of a commit is then long past. */
    private static long clock = 1_800_000_000_000L;

    private long now;
    private final MockProcessorContext<Object, Object> task = new MockProcessorContext<>();
    private final MockProcessorContext<Object, Object> otherTask = new MockProcessorContext<>();
    private DecisionCommits commits;
    private DecisionCommits otherCommits;

    @BeforeEach
    void twoTasksOfOneThread() {
        clock += Duration.ofHours(2).toMillis();
        at(clock);
        commits = new DecisionCommits(task, SETTINGS);
        otherCommits = new DecisionCommits(otherTask, SETTINGS);
    }

    @Test
    void nothingIsScheduledUntilSomethingIsWritten() {
        assertThat(task.scheduledPunctuators()).isEmpty();
        assertThat(task.committed()).isFalse();
    }

    @Test
    void aFreshDecisionAnIntervalAfterTheThreadsLastCommitIsCommittedAtOnce() {
        commits.decided(now - 40);

        assertThat(task.committed()).isTrue();
        assertThat(task.scheduledPunctuators()).isEmpty();
    }

    @Test
    void aFreshDecisionWithinTheIntervalIsCommittedWhenTheIntervalEndsOnce() {
        commits.decided(now);
        task.resetCommit();
        at(now + 4);
        commits.decided(now - 2);
        commits.decided(now - 1);

        CapturedPunctuator punctuation = onlyLive(task);
        assertThat(punctuation.getType()).isEqualTo(PunctuationType.WALL_CLOCK_TIME);
        assertThat(punctuation.getInterval()).isEqualTo(Duration.ofMillis(6));
        assertThat(task.committed()).as("not before it runs").isFalse();
        punctuation.getPunctuator().punctuate(now + 6);
        assertThat(task.committed()).isTrue();
        assertThat(punctuation.cancelled()).as("once").isTrue();
    }

    @Test
    void aRequestIsFreshUpToTheBacklogAgeAndWhateverItsClockSays() {
        commits.decided(now);
        at(now + 4);
        commits.decided(now - 1_000);
        assertThat(onlyLive(task).getInterval()).as("exactly the backlog age").isEqualTo(Duration.ofMillis(6));

        onlyLive(task).getPunctuator().punctuate(now + 6);
        at(now + 8);
        otherCommits.decided(now + 5_000);
        assertThat(onlyLive(otherTask).getInterval())
                .as("sent ahead of this clock; an interval after the punctuation's commit")
                .isEqualTo(Duration.ofMillis(8));
    }

    @Test
    void aBacklogsDecisionsAndWritesNobodyWaitsForAreCommittedWithinTheBacklogInterval() {
        commits.decided(now - 60_000);
        task.resetCommit();
        at(now + 4);
        commits.decided(now - 1_001);
        commits.wrote();
        otherCommits.wrote();

        assertThat(onlyLive(task).getInterval()).isEqualTo(Duration.ofMillis(96));
        assertThat(live(otherTask)).as("one commit for the thread").isEmpty();
        assertThat(task.committed()).isFalse();
        onlyLive(task).getPunctuator().punctuate(now + 96);
        assertThat(task.committed()).isTrue();
    }

    @Test
    void aFreshDecisionBringsTheCommitForwardAndTheLaterPunctuationCommitsNothing() {
        commits.wrote();
        task.resetCommit();
        at(now + 4);
        commits.decided(now - 60_000);
        CapturedPunctuator backlog = onlyLive(task);
        at(now + 26);
        otherCommits.decided(now - 2);

        assertThat(otherTask.committed())
                .as("an interval after the last commit: at once")
                .isTrue();
        backlog.getPunctuator().punctuate(now + 70);
        assertThat(task.committed()).as("superseded").isFalse();
        assertThat(backlog.cancelled()).isTrue();
    }

    @Test
    void theTasksOfAThreadShareOneCommitPerInterval() {
        commits.decided(now - 3);
        at(now + 4);
        otherCommits.decided(now - 1);
        at(now + 1);
        commits.decided(now - 1);

        assertThat(live(otherTask)).hasSize(1);
        assertThat(live(task))
                .as("the commit already due commits every task of the thread")
                .isEmpty();
    }

    @Test
    void aCommitWhosePunctuationNeverRanIsForgottenAfterACommitInterval() {
        commits.decided(now);
        at(now + 4);
        commits.decided(now);
        // its task left the thread: the punctuation, due at +10, is gone with it
        at(now + 16);
        otherCommits.decided(now);
        assertThat(otherTask.committed()).as("not yet: it may only be late").isFalse();

        at(now + 1);
        otherCommits.decided(now);
        assertThat(otherTask.committed()).isTrue();
    }

    @Test
    void aClockSetBackDoesNotHoldCommitsBack() {
        commits.decided(now);
        task.resetCommit();
        at(now - Duration.ofHours(1).toMillis());

        commits.decided(now);
        assertThat(task.committed()).isTrue();
    }

    private void at(long millis) {
        now = millis;
        task.setCurrentSystemTimeMs(millis);
        otherTask.setCurrentSystemTimeMs(millis);
    }

    private static List<CapturedPunctuator> live(MockProcessorContext<Object, Object> context) {
        return context.scheduledPunctuators().stream()
                .filter(p -> !p.cancelled())
                .toList();
    }

    private static CapturedPunctuator onlyLive(MockProcessorContext<Object, Object> context) {
        List<CapturedPunctuator> live = live(context);
        assertThat(live).hasSize(1);
        return live.get(0);
    }
}
