package io.sessionflow.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A decision on a fresh request asks for a commit at the next tick of the commit interval; a backlog's decisions
 * ask for none, and leave the commit to Streams' own, longer interval.
 */
class DecisionCommitsTest {

    private static final long NOW = 1_800_000_000_000L;

    private final MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
    private DecisionCommits commits;

    @BeforeEach
    void pacer() {
        context.setCurrentSystemTimeMs(NOW);
        commits = new DecisionCommits(context, Duration.ofMillis(10), Duration.ofSeconds(1));
    }

    @Test
    void aWallClockPunctuatorTicksAtTheCommitInterval() {
        assertThat(context.scheduledPunctuators()).singleElement().satisfies(punctuator -> {
            assertThat(punctuator.getType()).isEqualTo(PunctuationType.WALL_CLOCK_TIME);
            assertThat(punctuator.getInterval()).isEqualTo(Duration.ofMillis(10));
        });
    }

    @Test
    void aFreshDecisionIsCommittedAtTheNextTickAndOnlyOnce() {
        tick();
        assertThat(context.committed()).as("nothing decided").isFalse();

        commits.decided(NOW - 40);
        assertThat(context.committed()).as("not before the tick").isFalse();
        tick();
        assertThat(context.committed()).isTrue();

        context.resetCommit();
        tick();
        assertThat(context.committed()).as("nothing decided since").isFalse();
    }

    @Test
    void aRequestIsFreshUpToTheBacklogAgeAndWhateverItsClockSays() {
        commits.decided(NOW - 1_000);
        tick();
        assertThat(context.committed()).as("exactly the backlog age").isTrue();

        context.resetCommit();
        commits.decided(NOW + 5_000);
        tick();
        assertThat(context.committed()).as("sent ahead of this clock").isTrue();
    }

    @Test
    void aBacklogsDecisionsAskForNoCommit() {
        commits.decided(NOW - 1_001);
        commits.decided(NOW - 60_000);
        tick();
        assertThat(context.committed()).isFalse();

        commits.decided(NOW - 60_000);
        commits.decided(NOW - 3);
        tick();
        assertThat(context.committed()).as("one fresh decision among them").isTrue();
    }

    private void tick() {
        context.scheduledPunctuators().get(0).getPunctuator().punctuate(NOW);
    }
}
