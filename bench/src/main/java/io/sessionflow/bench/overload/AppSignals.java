package io.sessionflow.bench.overload;

/**
 * What the app said of itself at the end of a step, from its metrics endpoint: where a call's time went before the
 * app's filters ran, and how busy the CPU was. Each is -1 when it could not be read.
 *
 * @param arrivalP50Millis  the p50 of {@code sessionflow.api.admission.arrival-delay} (from Tomcat reading a
 *                          request's first bytes to the app's first valve) over about the last 10 s
 * @param arrivalP99Millis  its p99 over the same time
 * @param arrivalMaxMillis  its max over the same time
 * @param processCpu        the app's JVM's share of the machine's CPU ({@code process.cpu.usage}, 0 to 1)
 * @param systemCpu         the whole machine's CPU use ({@code system.cpu.usage}, 0 to 1)
 * @param loadAverage       the machine's 1-minute load average ({@code system.load.average.1m})
 */
public record AppSignals(
        double arrivalP50Millis,
        double arrivalP99Millis,
        double arrivalMaxMillis,
        double processCpu,
        double systemCpu,
        double loadAverage) {

    public static final AppSignals NONE = new AppSignals(-1, -1, -1, -1, -1, -1);
}
