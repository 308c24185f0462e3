package io.sessionflow.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

/**
 * A clean rolling restart under load, on the cluster deployment ({@link ClusterDeployment}: two instances of each
 * standalone app on three brokers): one instance of each app in turn ({@code -Dsessionflow.cluster.rolling-restart=all}:
 * every instance), the API first, then the processor, then the projections, is stopped with SIGTERM, started again on its state directory and waited for until its
 * readiness is UP, as an operator (or an orchestrator) does it, under steady creates on all four providers
 * through the readiness-polling balancer. No create may fail: every one answered 2xx at its first attempt (no
 * retryable 503, no other status, no call without an answer), then the crash audit's rules
 * ({@link ScenarioAudit}). Prints the scenario's summary line, and each instance's stop and return.
 */
@Timeout(value = 12, unit = TimeUnit.MINUTES)
@DisabledIfSystemProperty(
        named = "sessionflow.cluster.rolling-restart",
        matches = "false",
        disabledReason = "-Dsessionflow.cluster.rolling-restart=false skips it")
class RollingRestartClusterTest {

    /** Longer than a rolling restart of six instances takes on a 2-core machine (about two minutes). */
    private static final Duration LOAD_LIMIT = Duration.ofMinutes(6);

    private static final int MAX_REQUESTS = 20_000;

    private static final boolean ALL = "all".equals(System.getProperty("sessionflow.cluster.rolling-restart"));

    @Test
    void restartingEveryInstanceOneAtATimeWithSigtermFailsNoRequest() throws Exception {
        try (ClusterScenario scenario = ClusterScenario.start("rolling-restart", 40, false, MAX_REQUESTS, LOAD_LIMIT)) {
            List<String> steps = new ArrayList<>();
            scenario.fault();
            for (ServiceInstance.Role role : List.of(
                    ServiceInstance.Role.API, ServiceInstance.Role.PROCESSOR, ServiceInstance.Role.PROJECTIONS)) {
                for (ServiceInstance instance : restarted(scenario.deployment(), role)) {
                    long stopping = System.nanoTime();
                    System.out.println("SCENARIO rolling-restart stopping " + instance.name() + " at " + Instant.now());
                    instance.stop();
                    long stopped = System.nanoTime();
                    instance.start();
                    instance.awaitReady();
                    long ready = System.nanoTime();
                    steps.add(String.format(
                            Locale.ROOT,
                            "%s(stop=%.1fs ready=%.1fs)",
                            instance.name(),
                            seconds(stopped - stopping),
                            seconds(ready - stopped)));
                }
            }
            scenario.awaitServedAgain(Duration.ofMinutes(1));
            scenario.load().awaitMoreAnswered(20, Duration.ofMinutes(1), "after the rolling restart");
            ClusterScenario.Result result = scenario.finish("restarted=" + String.join(",", steps));

            ScenarioRecorder.Figures figures = result.figures();
            long faultAt = scenario.recorder().faultAt();
            String failedAt = scenario.load().creates().stream()
                    .map(RetriedCreate::exchanges)
                    .filter(exchanges ->
                            !exchanges.isEmpty() && !exchanges.get(0).answered())
                    .map(exchanges ->
                            String.format(Locale.ROOT, "%.1f", (exchanges.get(0).startedAtNanos() - faultAt) / 1e9))
                    .collect(Collectors.joining(" "));
            System.out.println("SCENARIO rolling-restart first attempts not answered 2xx, sent at (s after the "
                    + "start): " + (failedAt.isEmpty() ? "none" : failedAt));
            List<String> retried = scenario.load().creates().stream()
                    .filter(create -> create.exchanges().size() != 1)
                    .limit(5)
                    .map(RetriedCreate::describe)
                    .collect(Collectors.toList());
            assertThat(retried)
                    .as("creates not answered 2xx at their first attempt")
                    .isEmpty();
            assertThat(figures.retryable503()).as("retryable 503s").isZero();
            assertThat(figures.other()).as("other failed answers").isZero();
            assertThat(figures.noAnswer())
                    .as("calls with no answer (refused, reset, timed out)")
                    .isZero();
            assertThat(figures.answered2xx())
                    .as("creates answered 2xx")
                    .isEqualTo(figures.requests())
                    .isPositive();
        }
    }

    /**
     * Every instance of {@code role} with {@code -Dsessionflow.cluster.rolling-restart=all}; by default one: the
     * first API instance, the processor or projections instance owning the most tasks (its stop moves the most),
     * so that the build proves each app's handover within its time budget.
     */
    private static List<ServiceInstance> restarted(ClusterDeployment deployment, ServiceInstance.Role role)
            throws Exception {
        if (ALL) {
            return deployment.instances(role);
        }
        return List.of(
                role == ServiceInstance.Role.API ? deployment.instances(role).get(0) : deployment.busiest(role));
    }

    private static double seconds(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos) / 1000.0;
    }
}
