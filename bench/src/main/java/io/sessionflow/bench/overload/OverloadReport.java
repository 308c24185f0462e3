package io.sessionflow.bench.overload;

import static io.sessionflow.bench.report.Markdown.count;
import static io.sessionflow.bench.report.Markdown.errorSamples;
import static io.sessionflow.bench.report.Markdown.fmt;
import static io.sessionflow.bench.report.Markdown.row;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import io.sessionflow.bench.load.LatencyStep;

/**
 * The overload phase as a Markdown section of the report: the ramp, capacity, each step past it against
 * the reference (goodput, p99 of successes, 503s and their latency), the seconds after the overload, and a
 * verdict per criterion of the issue. Pure: the same result gives the same text.
 */
public final class OverloadReport {

    public static final String HEADING = "## Goodput under overload";
    /** Past twice capacity, successful creates per second at least this share of capacity. */
    static final double GOODPUT_SHARE = 0.9;
    /** ...with a successful p99 at most this multiple of the p99 at capacity. */
    static final double P99_MULTIPLE = 2.0;
    /** The excess answered 503 within this (its p99). */
    static final double REFUSAL_MILLIS = 50;
    /** p99 normal again within this many seconds of the end of the overload. */
    static final int RECOVERY_SECONDS = 10;

    private OverloadReport() {}

    public static String render(OverloadResult r) {
        StringBuilder md = new StringBuilder();
        md.append(HEADING).append(" (").append(r.provider()).append(")\n\n");
        md.append("Open-loop load as in the latency phase, on the same app after it. A ramp finds the highest rate "
                + "sustained (every call answered 2xx but for one in a thousand refused with a 503, p99 within the "
                + "ramp's bound); a step at that rate is the "
                + "reference; then steps past it; at the planned end of the last a load at capacity starts at "
                + "once. Latencies from the intended send time. The admission limit is the app's "
                + "`sessionflow.api.admission.limit` gauge at the end of each step.\n\n");
        md.append("### Ramp\n\n| rate (req/s) | sent | succeeded/s | p50 ms | p99 ms | errors | admission limit |\n"
                + "| ---: | ---: | ---: | ---: | ---: | --- | ---: |\n");
        for (OverloadResult.Step step : r.ramp()) {
            LatencyStep s = step.load();
            row(
                    md,
                    count(s.rate()),
                    count(s.sent()),
                    fmt(s.succeededPerSecond(), 1),
                    fmt(s.latencyMillis(50), 1),
                    fmt(s.latencyMillis(99), 1),
                    counts(s.errors()),
                    limit(step));
        }
        md.append("\nCapacity: **").append(count(r.capacity())).append(" req/s**.\n\n");

        md.append("### At capacity and past it\n\n");
        md.append("| offered | req/s | seconds | sent | succeeded/s | goodput / capacity | p50 ms | p99 ms "
                + "| p99 / p99 at capacity | 503 | 503 p50 / p99 / max ms | other errors | admission limit |\n"
                + "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |\n");
        LatencyStep ref = r.atCapacity().load();
        stepRow(md, "capacity", ref, r, r.atCapacity(), null);
        for (OverloadResult.Overloaded o : r.overload()) {
            stepRow(md, fmt(o.multiple(), 2) + " ×", o.step().load(), r, o.step(), o);
        }
        md.append("\n");
        for (OverloadResult.Overloaded o : r.overload()) {
            errorSamples(md, o.step().load());
        }

        signals(md, r);

        md.append("\n### After the overload\n\n");
        md.append("The load at capacity that starts when the overload stops, by second of intended send time "
                        + "(normal: p99 ≤ ")
                .append(fmt(r.normalP99Millis(), 1))
                .append(
                        " ms, twice the p99 at capacity, "
                                + "and no failure).\n\n| second | succeeded | failed | p99 ms |\n| ---: | ---: | ---: | ---: |\n");
        for (RecoveryWindows.Window w : r.recovery()) {
            row(md, w.second(), count(w.succeeded()), count(w.failed()), fmt(w.p99Millis(), 1));
        }
        md.append("\nNormal from second **")
                .append(r.recoverySeconds() < 0 ? "never (within the load)" : Integer.toString(r.recoverySeconds()))
                .append("** after the overload stopped.\n\n");

        md.append("### Verdicts\n\n| criterion | measured | verdict |\n| --- | --- | --- |\n");
        // every step past capacity is judged, not only the last: a target met at 3 × may be missed at 2 ×
        for (OverloadResult.Overloaded step : r.overload()) {
            LatencyStep s = step.step().load();
            String at = "at " + fmt(step.multiple(), 2) + " × capacity, ";
            double goodput = s.succeededPerSecond() / r.capacity();
            verdict(
                    md,
                    at + "goodput ≥ 90% of capacity",
                    fmt(s.succeededPerSecond(), 1) + "/s = " + pct(goodput) + " of " + count(r.capacity()),
                    goodput >= GOODPUT_SHARE);
            double p99Ratio = s.latencyMillis(99) / ref.latencyMillis(99);
            verdict(
                    md,
                    at + "successful p99 ≤ 2 × p99 at capacity",
                    fmt(s.latencyMillis(99), 1) + " ms = " + fmt(p99Ratio, 2) + " × " + fmt(ref.latencyMillis(99), 1)
                            + " ms",
                    p99Ratio <= P99_MULTIPLE);
            verdict(
                    md,
                    at + "the excess answered 503 within 50 ms (p99), and nothing else",
                    count(step.refused())
                            + " × 503, p99 " + fmt(step.refusedMillis(99), 1) + " ms; other errors "
                            + count(step.otherErrors()),
                    step.refused() > 0 && step.refusedMillis(99) <= REFUSAL_MILLIS && step.otherErrors() == 0);
        }
        verdict(
                md,
                "p99 normal within 10 s of the overload's end",
                r.recoverySeconds() < 0 ? "never" : r.recoverySeconds() + " s",
                r.recoverySeconds() >= 0 && r.recoverySeconds() <= RECOVERY_SECONDS);
        md.append("\n");
        return md.toString();
    }

    private static void stepRow(
            StringBuilder md,
            String offered,
            LatencyStep s,
            OverloadResult r,
            OverloadResult.Step step,
            OverloadResult.Overloaded o) {
        LatencyStep ref = r.atCapacity().load();
        row(
                md,
                offered,
                count(s.rate()),
                s.plannedSeconds(),
                count(s.sent()),
                fmt(s.succeededPerSecond(), 1),
                pct(s.succeededPerSecond() / r.capacity()),
                fmt(s.latencyMillis(50), 1),
                fmt(s.latencyMillis(99), 1),
                fmt(s.latencyMillis(99) / ref.latencyMillis(99), 2),
                count(s.errors().getOrDefault("503", 0L)),
                o == null
                        ? ""
                        : fmt(o.refusedMillis(50), 1) + " / " + fmt(o.refusedMillis(99), 1) + " / "
                                + fmt(o.refusedMillis(100), 1),
                counts(s.errors().entrySet().stream()
                        .filter(e -> !e.getKey().equals("503"))
                        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue))),
                limit(step));
    }

    /** Where a call's time went before the app's filters, and how busy the CPU was, at each step's end. */
    private static void signals(StringBuilder md, OverloadResult r) {
        md.append("\n### Where the time goes\n\n"
                + "From the app's metrics at each step's end. The arrival delay "
                + "(`sessionflow.api.admission.arrival-delay`) is the time from Tomcat reading a request's first "
                + "bytes to the app's first valve, over about the last 10 s: the wait for CPU inside Tomcat that no "
                + "filter sees. A 503 slower at the client than this waited before Tomcat read it (in the "
                + "load generator, the kernel's queues or Tomcat's poller and executor). CPU shares are of the "
                + "whole machine (0 to 100%); the load average is the machine's, every process on it.\n\n"
                + "| step | client 503 p99 ms | arrival delay p50 / p99 / max ms | app CPU | machine CPU "
                + "| load average (1 min) |\n| --- | ---: | ---: | ---: | ---: | ---: |\n");
        signalRow(md, "capacity", r.atCapacity(), null);
        for (OverloadResult.Overloaded o : r.overload()) {
            signalRow(md, fmt(o.multiple(), 2) + " ×", o.step(), o);
        }
    }

    private static void signalRow(
            StringBuilder md, String step, OverloadResult.Step s, OverloadResult.Overloaded overloaded) {
        AppSignals a = s.signals();
        row(
                md,
                step,
                overloaded == null ? "" : fmt(overloaded.refusedMillis(99), 1),
                known(a.arrivalP50Millis(), 1) + " / " + known(a.arrivalP99Millis(), 1) + " / "
                        + known(a.arrivalMaxMillis(), 1),
                a.processCpu() < 0 ? "n/a" : pct(a.processCpu()),
                a.systemCpu() < 0 ? "n/a" : pct(a.systemCpu()),
                known(a.loadAverage(), 2));
    }

    private static String known(double value, int decimals) {
        return value < 0 ? "n/a" : fmt(value, decimals);
    }

    private static void verdict(StringBuilder md, String criterion, String measured, boolean pass) {
        row(md, criterion, measured, pass ? "**pass**" : "**FAIL**");
    }

    private static String limit(OverloadResult.Step step) {
        return step.admissionLimit() < 0 ? "n/a" : fmt(step.admissionLimit(), 0);
    }

    private static String counts(Map<String, Long> counts) {
        return counts.isEmpty()
                ? "none"
                : counts.entrySet().stream()
                        .sorted(Map.Entry.comparingByKey())
                        .map(e -> e.getKey() + " × " + count(e.getValue()))
                        .collect(Collectors.joining(", "));
    }

    private static String pct(double share) {
        return Double.isNaN(share) ? "n/a" : String.format(Locale.ROOT, "%.1f%%", share * 100);
    }
}
