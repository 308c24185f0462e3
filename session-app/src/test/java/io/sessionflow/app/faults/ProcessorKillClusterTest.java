package io.sessionflow.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A processor instance lost under load, on the cluster deployment ({@link ClusterDeployment}: two instances
 * of each standalone app on three brokers): the processor instance that owns the most active tasks is
 * SIGKILLed under steady creates on all four providers and started again on its state directory
 * {@value #DOWN_SECONDS} s later, as a supervisor would. Creates must succeed again and every session answered
 * before the kill must be served again through both API instances, with only documented answers on the way;
 * then the crash audit's rules ({@link ScenarioAudit}). Prints the scenario's summary line.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class ProcessorKillClusterTest {

    private static final int DOWN_SECONDS = 5;

    @Test
    void killingTheBusiestProcessorInstanceLosesNothingAndServesAgainBySelf() throws Exception {
        ClusterScenario.Result result = ClusterScenario.killBusiestAndRestart(
                "processor-kill", ServiceInstance.Role.PROCESSOR, Duration.ofSeconds(DOWN_SECONDS));
        assertThat(result.figures().answered2xx()).as("creates answered").isPositive();
    }
}
