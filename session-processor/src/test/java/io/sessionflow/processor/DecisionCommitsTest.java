package io.sessionflow.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedPunctuator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A fresh decision schedules one commit a commit interval ahead, a backlog's decision or a write nobody waits for one
 * a backlog commit interval ahead; a thread has one pending at a time, the earliest wanted, whichever of its tasks'
 * processors asked. Two contexts stand for two tasks of one stream thread (this test's thread).
 */
class DecisionCommitsTest {

    /** Commit interval 10 ms, backlog commit interval 100 ms, backlog age 1 s. */
    private static final SessionProcessorTopology.Settings SETTINGS = SessionProcessorTopology.Settings.defaults();
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
    }

    @Test
    void aFreshDecisionSchedulesOneCommitACommitIntervalAheadThatRunsOnce() {
        commits.decided(now - 40);
        commits.decided(now - 20);

        CapturedPunctuator punctuation = onlyLive(task);
        assertThat(punctuation.getType()).isEqualTo(PunctuationType.WALL_CLOCK_TIME);
        assertThat(punctuation.getInterval()).isEqualTo(Duration.ofMillis(10));
        assertThat(task.committed()).as("not before it runs").isFalse();

        punctuation.getPunctuator().punctuate(now + 10);
        assertThat(task.committed()).isTrue();
        assertThat(punctuation.cancelled()).as("once").isTrue();
    }

    @Test
    void aRequestIsFreshUpToTheBacklogAgeAndWhateverItsClockSays() {
        commits.decided(now - 1_000);
        assertThat(onlyLive(task).getInterval()).as("exactly the backlog age").isEqualTo(Duration.ofMillis(10));

        onlyLive(task).getPunctuator().punctuate(now + 10);
        otherCommits.decided(now + 5_000);
        assertThat(onlyLive(otherTask).getInterval())
                .as("sent ahead of this clock")
                .isEqualTo(Duration.ofMillis(10));
    }

    @Test
    void aBacklogsDecisionsAndWritesNobodyWaitsForAreCommittedWithinTheBacklogInterval() {
        commits.decided(now - 1_001);
        commits.decided(now - 60_000);
        commits.wrote();
        otherCommits.wrote();

        assertThat(onlyLive(task).getInterval()).isEqualTo(Duration.ofMillis(100));
        assertThat(live(otherTask)).as("one commit for the thread").isEmpty();
        onlyLive(task).getPunctuator().punctuate(now + 100);
        assertThat(task.committed()).isTrue();
    }

    @Test
    void aFreshDecisionBringsTheCommitForwardAndTheLaterPunctuationCommitsNothing() {
        commits.decided(now - 60_000);
        CapturedPunctuator backlog = onlyLive(task);
        at(now + 30);
        otherCommits.decided(now - 2);

        onlyLive(otherTask).getPunctuator().punctuate(now + 10);
        assertThat(otherTask.committed()).isTrue();
        backlog.getPunctuator().punctuate(now + 70);
        assertThat(task.committed()).as("superseded").isFalse();
        assertThat(backlog.cancelled()).isTrue();
    }

    @Test
    void theTasksOfAThreadShareOneCommitPerInterval() {
        commits.decided(now - 3);
        at(now + 4);
        otherCommits.decided(now - 1);
        assertThat(live(otherTask))
                .as("the commit already due commits every task of the thread")
                .isEmpty();

        onlyLive(task).getPunctuator().punctuate(now + 6);
        at(now + 7);
        otherCommits.decided(now - 1);
        assertThat(live(otherTask))
                .as("after it, the next fresh decision schedules the next")
                .hasSize(1);
    }

    @Test
    void aCommitWhosePunctuationNeverRanIsForgottenAfterACommitInterval() {
        commits.decided(now);
        // its task left the thread: the punctuation is gone with it
        at(now + 20);
        otherCommits.decided(now);
        assertThat(live(otherTask)).as("not yet: it may only be late").isEmpty();

        at(now + 1);
        otherCommits.decided(now);
        assertThat(live(otherTask)).hasSize(1);
    }

    @Test
    void aPunctuationThatRunsLateStillCommitsAndTheOneScheduledMeanwhileFindsNoneOwed() {
        commits.decided(now);
        CapturedPunctuator late = onlyLive(task);
        at(now + 21);
        otherCommits.decided(now);
        CapturedPunctuator meanwhile = onlyLive(otherTask);

        late.getPunctuator().punctuate(now + 1);
        assertThat(task.committed()).isTrue();
        meanwhile.getPunctuator().punctuate(now + 10);
        assertThat(otherTask.committed()).isFalse();
    }

    @Test
    void aClockSetBackDoesNotHoldCommitsBack() {
        commits.decided(now);
        at(now - Duration.ofHours(1).toMillis());

        otherCommits.decided(now);
        assertThat(onlyLive(otherTask).getInterval()).isEqualTo(Duration.ofMillis(10));
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
