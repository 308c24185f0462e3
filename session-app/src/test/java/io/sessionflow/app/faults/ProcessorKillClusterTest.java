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
        try (ClusterScenario scenario = ClusterScenario.start("processor-kill", 60, false)) {
            ServiceInstance victim = scenario.deployment().busiest(ServiceInstance.Role.PROCESSOR);
            long backAt = scenario.killAndRestart(victim, Duration.ofSeconds(DOWN_SECONDS));
            scenario.awaitServedAgain(Duration.ofMinutes(2));
            scenario.load().awaitMoreAnswered(80, Duration.ofMinutes(1), "after the instance's return");
            ClusterScenario.Result result = scenario.finish("victim=" + victim.name() + " down=" + DOWN_SECONDS
                    + "s ready-again=" + scenario.recorder().sinceFault(backAt));
            assertThat(result.figures().answered2xx()).as("creates answered").isPositive();
        }
    }
}
