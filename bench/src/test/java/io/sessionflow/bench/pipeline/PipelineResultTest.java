package io.sessionflow.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

class PipelineResultTest {

    @Test
    void decisionRatesByTenthShowWhereDecisionsSlowedDown() {
        // 50 decisions every 10 ms, then 50 every 20 ms
        long[] decidedAt = LongStream.concat(
                        LongStream.range(0, 50).map(i -> i * 10),
                        LongStream.range(0, 50).map(i -> 1_000 + i * 20))
                .toArray();

        assertThat(PipelineResult.ratesByTenth(decidedAt))
                .containsExactly(100.0, 100.0, 100.0, 100.0, 100.0, 50.0, 50.0, 50.0, 50.0, 50.0);
    }

    @Test
    void aTenthWithoutTimeBetweenItsDecisionsHasNoRate() {
        assertThat(PipelineResult.ratesByTenth(new long[] {5, 5, 5})).allMatch(rate -> rate.isNaN());
    }
}
