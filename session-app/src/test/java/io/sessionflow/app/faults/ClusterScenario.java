package io.sessionflow.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * One fault scenario on the shared cluster deployment ({@link ClusterDeployment}), the frame every
 * {@code *ClusterTest} uses: steady create load on all four providers through the test-side balancer
 * ({@link ClusterLoad}, {@link ApiBalancer}), {@link #fault()} to mark the fault (the recorder then watches
 * every session answered before it), {@link #finish} to stop the load, print the summary line, audit
 * ({@link ScenarioAudit}) and fail on any breach of the audit's rules. Closing it restores the deployment
 * (every instance running and ready) for the next scenario, also after a failure.
 *
 * <p>The load is bounded: at most {@code sessionflow.cluster.max-requests} creates (3,000) within
 * {@code sessionflow.cluster.load-seconds} (90) of the start; a scenario runs its load only as long as its
 * steps need, about 45 s.
 */
final class ClusterScenario implements AutoCloseable {

    /** The figures and the audit of a finished scenario, for a test's own assertions. */
    record Result(ScenarioRecorder.Figures figures, ScenarioAudit audit) {}

    private final String name;
    private final ClusterDeployment deployment;
    private final ApiBalancer balancer;
    private final ClusterLoad load;
    private final ScenarioRecorder recorder;
    private final boolean noAnswerAllowed;
    private boolean finished;

    private ClusterScenario(
            String name, ClusterDeployment deployment, boolean noAnswerAllowed, int maxRequests, Duration loadLimit) {
        this.name = name;
        this.deployment = deployment;
        this.noAnswerAllowed = noAnswerAllowed;
        this.balancer = new ApiBalancer(deployment.instances(ServiceInstance.Role.API));
        this.recorder = new ScenarioRecorder(name);
        this.load = new ClusterLoad(name, balancer, maxRequests, loadLimit);
    }

    /**
     * Starts the load on the shared deployment (restored first) and waits for {@code warmAnswers} answered creates.
     *
     * @param noAnswerAllowed whether the fault may leave a call with no answer at all (an API instance taken away)
     */
    static ClusterScenario start(String name, int warmAnswers, boolean noAnswerAllowed) {
        return start(
                name,
                warmAnswers,
                noAnswerAllowed,
                Integer.getInteger("sessionflow.cluster.max-requests", 3000),
                Duration.ofSeconds(Integer.getInteger("sessionflow.cluster.load-seconds", 90)));
    }

    /** The same with the load's own bounds: a scenario whose steps take longer than the usual 90 s. */
    static ClusterScenario start(
            String name, int warmAnswers, boolean noAnswerAllowed, int maxRequests, Duration loadLimit) {
        ClusterDeployment deployment = ClusterDeployment.shared();
        deployment.restore();
        ClusterScenario scenario = new ClusterScenario(name, deployment, noAnswerAllowed, maxRequests, loadLimit);
        scenario.load.start();
        scenario.load.awaitMoreAnswered(warmAnswers, Duration.ofMinutes(2), "before the fault");
        return scenario;
    }

    /**
     * The instance-kill scenario: the instance of {@code role} owning the most active tasks SIGKILLed under load
     * and started again on its state directory {@code down} later; then the wait until every session answered
     * before the kill is served again and creates go on after its return, and {@link #finish}.
     */
    static Result killBusiestAndRestart(String name, ServiceInstance.Role role, Duration down) throws Exception {
        try (ClusterScenario scenario = start(name, 40, false)) {
            ServiceInstance victim = scenario.deployment().busiest(role);
            long backAt = scenario.killAndRestart(victim, down);
            scenario.awaitServedAgain(Duration.ofMinutes(2));
            scenario.load().awaitMoreAnswered(40, Duration.ofMinutes(1), "after the instance's return");
            return scenario.finish("victim=" + victim.name() + " down=" + down.toSeconds() + "s ready-again="
                    + scenario.recorder().sinceFault(backAt));
        }
    }

    ClusterDeployment deployment() {
        return deployment;
    }

    ClusterLoad load() {
        return load;
    }

    ScenarioRecorder recorder() {
        return recorder;
    }

    /** The fault happens now: what follows is measured from here. */
    void fault() {
        recorder.fault(load.answered2xx(), deployment.apiClients());
    }

    /**
     * The fault: a SIGKILL of {@code victim} now, then, {@code down} later, its start on its own state directory,
     * as a supervisor restarts a process; returns once it is ready again, with that time ({@link System#nanoTime}).
     */
    long killAndRestart(ServiceInstance victim, Duration down) throws InterruptedException {
        fault();
        victim.kill();
        LockSupport.parkNanos(down.toNanos());
        victim.start();
        victim.awaitReady();
        return System.nanoTime();
    }

    /** Until every session answered before the fault is served again through every API instance, or fails. */
    void awaitServedAgain(Duration limit) {
        ClusterDeployment.await(
                recorder::servedAgain,
                limit,
                "every session answered before the fault served again through every API instance");
    }

    /**
     * Stops the load, prints the summary line ({@code details} at its end), audits, and fails on any breach of
     * the audit's rules, when the sessions were not all served again, or when a read during the scenario answered
     * one of them wrongly (a 404, an inactive token, another session: a pause is a retryable 503 or no answer).
     */
    Result finish(String details) throws Exception {
        List<RetriedCreate> creates = load.stop();
        finished = true;
        ScenarioRecorder.Figures figures = recorder.figures(creates);
        recorder.close();
        ScenarioAudit audit =
                ScenarioAudit.of(creates, deployment.bootstrapServers(), deployment.apiClients(), noAnswerAllowed);
        System.out.println(recorder.summary(figures, deployment.hostKind(), details) + " " + audit.summary());
        System.out.println("SCENARIO " + name + " read-back rounds (after the fault: unread): " + recorder.timeline());
        System.out.println("SCENARIO " + name + " wrong reads (neither the session nor a retryable 503): "
                + (recorder.wrongReads().isEmpty() ? "none" : String.join("\n", recorder.wrongReads())));
        assertThat(audit.undocumented())
                .as("answers other than 2xx or the retryable 503, e.g.\n"
                        + audit.undocumented().stream().limit(5).collect(Collectors.joining("\n")))
                .isEmpty();
        assertThat(audit.unanswered())
                .as("creates never answered 2xx, e.g.\n"
                        + audit.unanswered().stream().limit(5).collect(Collectors.joining("\n")))
                .isEmpty();
        assertThat(audit.duplicateKeys())
                .as("session keys with a second SessionCreated")
                .isZero();
        assertThat(audit.notExactlyOnce())
                .as("answered requests without exactly one SessionCreated of their " + "session")
                .isEmpty();
        assertThat(audit.unreadable())
                .as("answered sessions not readable through every API instance, or "
                        + "answered differently when retried")
                .isEmpty();
        assertThat(figures.servedAgain())
                .as("every session answered before the fault served again")
                .isNotNull();
        assertThat(recorder.wrongReads())
                .as("sessions answered before the fault read as something else than themselves or a retryable 503")
                .isEmpty();
        return new Result(figures, audit);
    }

    @Override
    public void close() throws Exception {
        try {
            if (!finished) {
                load.stop();
                System.out.println("SCENARIO " + name + " failed; the deployment's logs:\n" + deployment.logTails(60)
                        + "\n" + deployment.cluster().logTails(20));
            }
        } finally {
            recorder.close();
            balancer.close();
            deployment.restore();
        }
    }
}
