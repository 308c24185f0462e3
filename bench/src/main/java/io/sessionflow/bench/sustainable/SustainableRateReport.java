package io.sessionflow.bench.sustainable;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The sustainable-rate search as a Markdown section of the report: per provider its probes, the rate found
 * and its confirmations. Pure: the same results give the same text.
 */
public final class SustainableRateReport {

    public static final String HEADING = "## The highest sustainable rate";

    private SustainableRateReport() {}

    public static String render(List<SustainableRateResult> results, SustainableRateSearch.Settings settings) {
        StringBuilder md = new StringBuilder("\n").append(HEADING).append("\n\n");
        md.append(String.format(
                Locale.ROOT,
                "Per provider, on the latency phase's app: open-loop probes of %d s from %,d req/s, doubling up to "
                        + "%,d (halving down to %,d while none holds), then bisecting (at most %d probes, until the "
                        + "bracket is within %.0f%% of its lower end); a rate is sustained when every call succeeded, "
                        + "p99 ≤ %d ms and at least %.0f%% of the schedule was sent, and a probe failed on its p99 "
                        + "alone, by less than half the bound, runs once more. The highest rate a probe sustained is "
                        + "then held for %d s, and while that fails %.0f%% of it, at most %d times: the "
                        + "confirmations. The highest sustainable rate is the one confirmed.%n%n",
                settings.probe().toSeconds(),
                settings.from(),
                settings.to(),
                settings.lowest(),
                settings.probes(),
                settings.resolution() * 100,
                settings.p99().toMillis(),
                SustainableRateSearch.ACHIEVED_SHARE * 100,
                settings.confirm().toSeconds(),
                SustainableRateSearch.CONFIRM_STEP_DOWN * 100,
                settings.confirmations()));
        md.append("| provider | highest sustainable rate (req/s) | highest probe sustained (req/s) "
                + "| confirmations (req/s for s: p50 / p99 ms, errors) | probes (req/s: p99 ms, errors) |\n"
                + "| --- | ---: | ---: | --- | --- |\n");
        for (SustainableRateResult r : results) {
            md.append("| ")
                    .append(r.provider())
                    .append(" | ")
                    .append(r.confirmed() > 0 ? String.format(Locale.ROOT, "**%,d**", r.confirmed()) : "**none**")
                    .append(" | ")
                    .append(r.probed() > 0 ? String.format(Locale.ROOT, "%,d", r.probed()) : "none")
                    .append(" | ")
                    .append(r.confirmations().stream()
                            .map(c -> String.format(
                                    Locale.ROOT,
                                    "%,d for %d: %s / %s, %s",
                                    c.rate(),
                                    c.plannedSeconds(),
                                    fmt(c.latencyMillis(50)),
                                    fmt(c.latencyMillis(99)),
                                    errors(c.errors())))
                            .collect(Collectors.joining("; ")))
                    .append(" | ")
                    .append(r.probes().stream()
                            .map(p -> String.format(
                                    Locale.ROOT, "%,d: %s, %s", p.rate(), fmt(p.latencyMillis(99)), errors(p.errors())))
                            .collect(Collectors.joining("; ")))
                    .append(" |\n");
        }
        return md.toString();
    }

    private static String fmt(double millis) {
        return Double.isNaN(millis) ? "–" : String.format(Locale.ROOT, "%.1f", millis);
    }

    private static String errors(Map<String, Long> errors) {
        return errors.isEmpty()
                ? "none"
                : errors.entrySet().stream()
                        .map(e -> e.getKey() + " × " + e.getValue())
                        .collect(Collectors.joining(", "));
    }
}
